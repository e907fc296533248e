using PlatformValidation.Fakes.Cluster.Faults;
using PlatformValidation.Fakes.Cluster.StandIns;
using PlatformValidation.Validators.Knowledge;

namespace PlatformValidation.Fakes.Cluster.Hosting;

/// <summary>Options of <see cref="SimulatedCluster.StartAsync"/>.</summary>
public sealed record SimulatedClusterOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where to write the kubeconfig; null writes one into a fresh temporary directory.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Name of the cluster/context/user in the kubeconfig.</summary>
    public string ContextName { get; init; } = "sim";

    /// <summary>How long a scheduled pod takes from scheduling to Running/Ready (image pull + start).</summary>
    public TimeSpan PodStartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a deleted pod takes to go away (at most its grace period).</summary>
    public TimeSpan PodStopDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The nodes; defaults to one CPU node as a fresh single-node k3s has.</summary>
    public IReadOnlyList<SimulatedNodeOptions> Nodes { get; init; } = [SimulatedNodeOptions.DefaultCpuNode()];

    /// <summary>Extra GPU-shaped nodes added after <see cref="Nodes"/>.</summary>
    public int GpuNodes { get; init; }

    public GpuNodeOptions GpuNode { get; init; } = new();

    /// <summary>Image patterns (globs, * and ?) that cannot be pulled: pods end in ErrImagePull/ImagePullBackOff.</summary>
    public IReadOnlyList<string> UnpullableImages { get; init; } = [];

    /// <summary>Image pattern → stand-in kind (e.g. "*vllm*" → "fake-llm"); other images get the generic stand-in.</summary>
    public IReadOnlyDictionary<string, string> StandInImages { get; init; } = new Dictionary<string, string>();

    /// <summary>Stand-in implementations by kind, in addition to the built-in ones ("generic", "fake-llm").</summary>
    public IReadOnlyDictionary<string, IStandInFactory> StandInFactories { get; init; } = new Dictionary<string, IStandInFactory>();

    /// <summary>Exit codes of containers by image pattern (Job pods whose image matches exit with this code).</summary>
    public IReadOnlyDictionary<string, int> ContainerExitCodes { get; init; } = new Dictionary<string, int>();

    /// <summary>How long a Job's stand-in container runs before exiting.</summary>
    public TimeSpan JobRunDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Fault injection in force from the start (changeable at runtime through <see cref="SimulatedCluster.Faults"/>).</summary>
    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>Events retained per resource for watches; older resourceVersions get 410 Expired.</summary>
    public int WatchHistory { get; init; } = 5000;

    /// <summary>
    /// Most objects the cluster stores (default 50,000: about 400 MB of objects); creates beyond it fail as on a real cluster whose
    /// etcd is full (500 "etcdserver: mvcc: database space exceeded"), so a runaway controller cannot exhaust memory.
    /// </summary>
    public int MaxObjects { get; init; } = 50_000;

    /// <summary>Interval of BOOKMARK events on watches that allow them.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs the workload controllers (Deployment, scheduler, kubelet, …); off for a bare API server.</summary>
    public bool EnableControllers { get; init; } = true;

    /// <summary>The operator stand-ins' knowledge table; null disables operator stand-ins.</summary>
    public OperatorKnowledge? Operators { get; init; } = OperatorKnowledge.Default;

    /// <summary>Receives diagnostic lines (never tokens); null is silent.</summary>
    public Action<string>? Log { get; init; }
}
