using k8s;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Fakes.Cluster.Faults;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Resources.Cluster;

/// <summary>The embedded simulated Kubernetes API server (sim substrate), shaped like the GPU substrate.</summary>
public sealed class SimulatedClusterResource : HarnessResource, IClusterResource
{
    private SimulatedCluster? cluster;

    public SimulatedClusterResource(string name)
        : base(name)
    {
    }

    public string SubstrateName => "sim";

    /// <summary>The options the cluster starts with (set by the <c>With…</c> methods).</summary>
    public SimulatedClusterOptions Options { get; set; } = new() { PodStartDelay = TimeSpan.FromMilliseconds(200), PodStopDelay = TimeSpan.FromMilliseconds(50) };

    public SimulatedCluster Cluster => cluster ?? throw new InvalidOperationException($"Cluster '{Name}' has not started.");

    public string KubeconfigPath => Cluster.KubeconfigPath;

    public Uri? Url => cluster?.Uri;

    public Kubernetes CreateClient() => KubeClients.FromKubeconfig(KubeconfigPath);

    public override IEnumerable<(string Name, Uri Url)> Urls() => cluster is null ? [] : [("api", cluster.Uri)];

    public override async Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Options with
        {
            KubeconfigPath = Options.KubeconfigPath ?? Path.Combine(context.ScratchDirectory, "kubeconfig"),
            Log = line => Log.Write(line),
        };
        cluster = await SimulatedCluster.StartAsync(options, cancellationToken);
        KubeClients.RegisterCredentials(await File.ReadAllTextAsync(cluster.KubeconfigPath, cancellationToken), Validators.Live.Secrets.SecretRedactor.Shared);
        Log.Write($"simulated cluster at {cluster.Uri}, kubeconfig {cluster.KubeconfigPath}");
    }

    public override async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
            cluster = null;
        }
    }

    /// <summary>Nodes shaped as the scenario's substrate overrides say (e.g. an L4 node advertising nvidia.com/gpu).</summary>
    public static IReadOnlyList<SimulatedNodeOptions> Nodes(SubstrateOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var nodes = new List<SimulatedNodeOptions> { SimulatedNodeOptions.DefaultCpuNode() };
        foreach (var n in overrides.Nodes)
        {
            nodes.Add(new SimulatedNodeOptions
            {
                Name = n.Name,
                Cpu = n.Capacity.GetValueOrDefault("cpu", "8"),
                Memory = n.Capacity.GetValueOrDefault("memory", "32Gi"),
                Labels = n.Labels,
                Taints = n.Taints.Select(t => new Fakes.Cluster.Hosting.NodeTaint(t.Key, t.Value, t.Effect)).ToList(),
                ExtendedResources = n.Capacity.Where(kv => kv.Key is not ("cpu" or "memory" or "pods" or "ephemeral-storage")).ToDictionary(kv => kv.Key, kv => kv.Value),
            });
        }

        return nodes;
    }

    /// <summary>Fault settings for a fraction of API calls answered 500/429 (reliability runs).</summary>
    public static FaultSettings Faults(double rate, int? seed) => rate <= 0 ? FaultSettings.None : new FaultSettings { ErrorRate = rate / 2, ThrottleRate = rate / 2, Seed = seed, RetryAfterSeconds = 0 };
}
