using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlatformValidation.AppHost.Resources.GitServer;

/// <summary>
/// Serves git repositories over git's dumb HTTP protocol: static files (<c>HEAD</c>, <c>info/refs</c>,
/// <c>objects/…</c>) of a <c>.git</c> directory after <see cref="GitServerInfo.Update"/>, read-only, nothing outside
/// those paths. Runs in-process (tests, sim) and as the in-cluster git server of the k3s substrate
/// (<c>git-http-server</c> command in a locally built image).
/// </summary>
public sealed class DumbGitHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private DumbGitHttpServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>The server's base URL; a repository <c>name</c> is at <c>{Url}name.git</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts serving <paramref name="repositories"/> (name → .git directory) on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public static async Task<DumbGitHttpServer> StartAsync(IReadOnlyDictionary<string, string> repositories, System.Net.IPAddress? address = null, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(address ?? System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapMethods("/{repo}/{**path}", ["GET", "HEAD"], (string repo, string? path) => Serve(repositories, repo, path ?? string.Empty));
        await app.StartAsync(cancellationToken);
        var address0 = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DumbGitHttpServer(app, new Uri(address0.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <summary>Maps a request to a file of a repository, or 404; only git's dumb-protocol paths are served.</summary>
    public static IResult Serve(IReadOnlyDictionary<string, string> repositories, string repo, string path)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        var name = repo.EndsWith(".git", StringComparison.Ordinal) ? repo[..^4] : repo;
        if (!repositories.TryGetValue(name, out var gitDir) || !IsGitPath(path))
        {
            return Results.NotFound();
        }

        var full = Path.GetFullPath(Path.Combine(gitDir, path));
        if (!full.StartsWith(Path.GetFullPath(gitDir) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Results.NotFound();
        }

        var type = path.StartsWith("objects/pack/", StringComparison.Ordinal) || path.StartsWith("objects/", StringComparison.Ordinal) && !path.StartsWith("objects/info/", StringComparison.Ordinal)
            ? "application/x-git-loose-object"
            : "text/plain";
        return Results.File(File.ReadAllBytes(full), type);
    }

    private static bool IsGitPath(string path) =>
        !path.Contains("..", StringComparison.Ordinal) &&
        (path is "HEAD" or "info/refs" or "objects/info/packs" or "objects/info/alternates" or "objects/info/http-alternates"
         || (path.StartsWith("objects/", StringComparison.Ordinal) && path.Count(c => c == '/') == 2));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
