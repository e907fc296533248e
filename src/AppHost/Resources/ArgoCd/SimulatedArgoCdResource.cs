using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.GitServer;
using PlatformValidation.Fakes.ArgoCd.Hosting;

namespace PlatformValidation.AppHost.Resources.ArgoCd;

/// <summary>The simulated Argo CD reconciler, running against the cluster's API and reading the served repo.</summary>
public sealed class SimulatedArgoCdResource : HarnessResource, IArgoCdResource
{
    private SimulatedArgoCd? argo;
    private k8s.Kubernetes? client;

    public SimulatedArgoCdResource(string name, IClusterResource cluster, GitServerResource git)
        : base(name)
    {
        Cluster = cluster;
        Git = git;
    }

    public IClusterResource Cluster { get; }

    public GitServerResource Git { get; }

    public TimeSpan? ReconciliationInterval => Options.ReconciliationInterval;

    public ArgoCdOptions Options { get; set; } = new() { ReconciliationInterval = TimeSpan.FromMilliseconds(500), SelfHealBackoff = TimeSpan.FromMilliseconds(200), DefaultRetryBackoff = TimeSpan.FromMilliseconds(500), SyncWaveDelay = TimeSpan.FromMilliseconds(50), OperationPollInterval = TimeSpan.FromMilliseconds(100) };

    public string Namespace => Options.Namespace;

    public bool Started => argo is not null;

    public override async Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var repo = Git.Repo ?? throw new InvalidOperationException($"Argo CD '{Name}' needs the git server '{Git.Name}' to have started.");
        // Over smart HTTP when the git server serves it so (read as Argo CD reads a remote), else the local directory.
        var location = Git.HttpUrl?.ToString() ?? repo.WorkingDirectory;
        var repos = Git.Scenario.RepoUrls.Append(repo.RepoUrl).Distinct(StringComparer.Ordinal).ToDictionary(u => u, _ => location, StringComparer.Ordinal);
        client = Cluster.CreateClient();
        argo = await SimulatedArgoCd.StartAsync(client, Options with { Repositories = repos, CacheDirectory = Path.Combine(context.ScratchDirectory, "cache") }, cancellationToken);

        // The scenario's clusters: the cluster Secrets this Argo CD holds, so its clusters generators see what validate saw.
        var dynamic = new Validators.Kube.DynamicClient(client);
        foreach (var cluster in Git.Scenario.Model.Clusters)
        {
            await dynamic.ApplyAsync(cluster.ToSecret(Namespace), Namespace, cancellationToken);
            Log.Write($"registered cluster {cluster.Name} ({cluster.Server}) as a cluster Secret in {Namespace}");
        }

        Log.Write($"simulated Argo CD reconciling namespace {Namespace}; repos: {string.Join(", ", repos.Keys)} read from {location}");
    }

    public override async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (argo is not null)
        {
            await argo.DisposeAsync();
            argo = null;
        }

        client?.Dispose();
        client = null;
    }
}
