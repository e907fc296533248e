using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Hosting;

namespace PlatformValidation.AppHost.Resources.GitServer;

/// <summary>
/// Serves git repositories read-only over git's smart HTTP protocol (gitprotocol-http): the
/// <c>GET {name}.git/info/refs?service=git-upload-pack</c> advertisement and <c>POST {name}.git/git-upload-pack</c>,
/// protocol v0 and v2 (chosen by the <c>Git-Protocol</c> header), see <see cref="UploadPack"/>. Smart-only clients
/// (libgit2, go-git v5 in Argo CD's repo-server) and the git CLI read from it. Pushes and dumb-protocol requests get
/// 403/404. Runs in-process (sim substrate, tests) and as the k3s substrate's in-cluster git server.
/// </summary>
public sealed class SmartGitHttpServer : IAsyncDisposable
{
    /// <summary>The largest request body accepted (wants and haves of a large fetch fit many times over).</summary>
    public const int MaxRequestBytes = 8 * 1024 * 1024;

    private readonly WebApplication app;

    private SmartGitHttpServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>The server's base URL; repository <c>name</c> is at <c>{Url}name.git</c>.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Starts serving <paramref name="repositories"/> (name → a <c>.git</c> or bare directory, looked up per request)
    /// on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: a free one).
    /// </summary>
    public static async Task<SmartGitHttpServer> StartAsync(IReadOnlyDictionary<string, string> repositories, IPAddress? address = null, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        var builder = LoopbackKestrel.CreateBuilder(address ?? IPAddress.Loopback, port, configure: o => o.Limits.MaxRequestBodySize = MaxRequestBytes);
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/{repo}/info/refs", (HttpContext context, string repo) => Advertise(context, repositories, repo));
        app.MapPost("/{repo}/git-upload-pack", (HttpContext context, string repo) => UploadPackAsync(context, repositories, repo));
        app.MapPost("/{repo}/git-receive-pack", () => Results.Text("Pushing is not served.\n", statusCode: StatusCodes.Status403Forbidden));
        await app.StartAsync(cancellationToken);
        return new SmartGitHttpServer(app, new Uri(LoopbackKestrel.BoundUri(app).ToString().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>The git directory of <paramref name="repo"/> (<c>name</c> or <c>name.git</c>), or null.</summary>
    public static string? Resolve(IReadOnlyDictionary<string, string> repositories, string repo)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        ArgumentNullException.ThrowIfNull(repo);
        var name = repo.EndsWith(".git", StringComparison.Ordinal) ? repo[..^4] : repo;
        return repositories.TryGetValue(name, out var dir) && Directory.Exists(dir) ? dir : null;
    }

    private static IResult Advertise(HttpContext context, IReadOnlyDictionary<string, string> repositories, string repo)
    {
        var service = context.Request.Query["service"].ToString();
        if (Resolve(repositories, repo) is not { } dir)
        {
            return Results.NotFound();
        }

        if (service == "git-receive-pack")
        {
            return Results.Text("Service not enabled: 'receive-pack'\n", statusCode: StatusCodes.Status403Forbidden);
        }

        if (service != "git-upload-pack")
        {
            // A dumb-protocol client: this server speaks smart HTTP only.
            return Results.NotFound();
        }

        var body = UploadPack.Advertise(dir, IsVersion2(context.Request));
        context.Response.Headers.CacheControl = "no-cache, max-age=0, must-revalidate";
        return Results.Bytes(body, "application/x-git-upload-pack-advertisement");
    }

    private static async Task UploadPackAsync(HttpContext context, IReadOnlyDictionary<string, string> repositories, string repo)
    {
        if (Resolve(repositories, repo) is not { } dir)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        IReadOnlyList<string?> request;
        try
        {
            request = PktLine.Parse(await ReadBodyAsync(context.Request, context.RequestAborted));
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or BadHttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Bad git-upload-pack request: " + e.Message + "\n", context.RequestAborted);
            return;
        }

        context.Response.ContentType = "application/x-git-upload-pack-result";
        context.Response.Headers.CacheControl = "no-cache, max-age=0, must-revalidate";
        try
        {
            await UploadPack.RespondAsync(dir, request, IsVersion2(context.Request), context.Response.Body, context.RequestAborted);
        }
        catch (ArgumentException) when (!context.Response.HasStarted)
        {
            // An object id that is not 40 hex digits.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = request.Headers.ContentEncoding.ToString() is "gzip" or "x-gzip"
            ? new GZipStream(request.Body, CompressionMode.Decompress)
            : request.Body;
        await using (body)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxRequestBytes)
                {
                    throw new InvalidDataException($"request larger than {MaxRequestBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static bool IsVersion2(HttpRequest request) =>
        request.Headers["Git-Protocol"].ToString().Split(':').Any(p => p.Trim() == "version=2");
}
