using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Substrates;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.AppHost.Resources.GitServer;

/// <summary>
/// Serves the platform repo to Argo CD: a git repository made from a snapshot of the working tree, with the
/// substrate's rewrites (stand-in images through the Applications' kustomize overrides; on substrates where Argo
/// CD reads from inside a cluster, repoURLs rewritten to the in-cluster server the way fork-init would).
/// </summary>
public sealed class GitServerResource : HarnessResource
{
    public GitServerResource(string name, LiveScenario scenario)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Scenario = scenario;
    }

    public LiveScenario Scenario { get; }

    /// <summary>Stand-in kind → image (e.g. <c>fake-llm</c> → the fake LLM image) for the image overrides.</summary>
    public IReadOnlyDictionary<string, string> StandInImages { get; set; } = new Dictionary<string, string>();

    /// <summary>The URL Argo CD should read the repo at (null: the canonical URL, mapped by the reconciler).</summary>
    public string? ServedUrl { get; set; }

    /// <summary>Runs after the snapshot is committed (the k3s substrate deploys the in-cluster server here).</summary>
    public Func<ServedGitRepo, ResourceStartContext, CancellationToken, Task>? Publish { get; set; }

    public ServedGitRepo? Repo { get; private set; }

    /// <summary>
    /// Also serve the repo over git's smart HTTP protocol on 127.0.0.1 (the sim substrate's <c>--git smart-http</c>),
    /// so that the simulated repo-server reads it over the wire as Argo CD on k3s reads the in-cluster server.
    /// </summary>
    public bool ServeOverHttp { get; set; }

    /// <summary>The repository's smart-HTTP URL while <see cref="ServeOverHttp"/> serves it (else null).</summary>
    public Uri? HttpUrl { get; private set; }

    private SmartGitHttpServer? http;

    public override IEnumerable<(string Name, Uri Url)> Urls() => HttpUrl is { } url ? [("smart HTTP", url)] : [];

    /// <summary>What the image overrides did (reported in the run's log).</summary>
    public IReadOnlyList<StandInImageOverride.Result> Overrides { get; private set; } = [];

    public override async Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var work = Path.Combine(context.ScratchDirectory, "platform");
        var staging = Path.Combine(context.ScratchDirectory, "staging");
        CopyForRewrite(Scenario.RepoDirectory, staging);
        if (ServedUrl is not null)
        {
            var changed = RepoUrlRewriter.Rewrite(staging, Scenario.RepoUrls, ServedUrl);
            Log.Write($"repoURL rewritten to {ServedUrl} in {changed.Count} file(s)");
        }

        Overrides = StandInImageOverride.Apply(staging, Scenario.Substrate.Images, StandInImages);
        foreach (var o in Overrides)
        {
            Log.Write(o.Applied ? $"app {o.App}: image {o.Image} → {o.StandIn} (kustomize images in {o.File})" : $"app {o.App}: image {o.Image} NOT replaced: {o.Why}");
        }

        Repo = await ServedGitRepo.CreateAsync(staging, work, Scenario.Revision, ServedUrl ?? Scenario.CanonicalRepoUrl, cancellationToken);
        Directory.Delete(staging, recursive: true);
        if (Publish is not null)
        {
            await Publish(Repo, context, cancellationToken);
        }

        if (ServeOverHttp)
        {
            http = await SmartGitHttpServer.StartAsync(new Dictionary<string, string> { [HttpRepoName] = Repo.GitDirectory }, cancellationToken: cancellationToken);
            HttpUrl = new Uri(http.Url, HttpRepoName + ".git");
            Log.Write($"smart HTTP git server at {HttpUrl}");
        }

        Log.Write($"serving {Scenario.RepoDirectory} as {Repo.RepoUrl} (branch {Repo.Branch}) from {Repo.WorkingDirectory}");
    }

    public override async Task StopAsync(CancellationToken cancellationToken = default)
    {
        HttpUrl = null;
        if (http is not null)
        {
            await http.DisposeAsync();
            http = null;
        }
    }

    /// <summary>The repository's name on the smart-HTTP server (<c>{url}/platform.git</c>), as on k3s.</summary>
    private const string HttpRepoName = "platform";

    private static void CopyForRewrite(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            if (entry.Name is ".git" or "bin" or "obj" || entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo dir)
            {
                CopyForRewrite(dir.FullName, Path.Combine(target, dir.Name));
            }
            else
            {
                File.Copy(entry.FullName, Path.Combine(target, entry.Name), overwrite: true);
            }
        }
    }
}
