namespace PlatformValidation.Fakes.Cluster.Hosting;

/// <summary>A node taint (key=value:effect).</summary>
public sealed record NodeTaint(string Key, string? Value, string Effect)
{
    public override string ToString() => Value is null ? $"{Key}:{Effect}" : $"{Key}={Value}:{Effect}";
}

/// <summary>One simulated node: its name, allocatable resources, labels and taints.</summary>
public sealed record SimulatedNodeOptions
{
    public required string Name { get; init; }

    /// <summary>CPU as a Kubernetes quantity ("4", "3500m").</summary>
    public string Cpu { get; init; } = "4";

    public string Memory { get; init; } = "16Gi";

    public int Pods { get; init; } = 110;

    public string EphemeralStorage { get; init; } = "100Gi";

    /// <summary>Extended resources (e.g. nvidia.com/gpu → "1").</summary>
    public IReadOnlyDictionary<string, string> ExtendedResources { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];

    /// <summary>The default single CPU node of a fresh k3s cluster (control plane and worker in one).</summary>
    public static SimulatedNodeOptions DefaultCpuNode(string name = "sim-server") => new()
    {
        Name = name,
        Labels = new Dictionary<string, string>
        {
            ["node-role.kubernetes.io/control-plane"] = "true",
            ["node-role.kubernetes.io/master"] = "true",
        },
    };
}

/// <summary>How --gpu-nodes shape their nodes: the L4 substrate's labels, taints and GPU count (all configurable).</summary>
public sealed record GpuNodeOptions
{
    public string NamePrefix { get; init; } = "sim-gpu-";

    public int GpusPerNode { get; init; } = 1;

    public string Cpu { get; init; } = "8";

    public string Memory { get; init; } = "32Gi";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>
    {
        ["nvidia.com/gpu.present"] = "true",
        ["nvidia.com/gpu.product"] = "NVIDIA-L4",
        ["nvidia.com/gpu.count"] = "1",
        ["nvidia.com/gpu.memory"] = "23034",
        ["node.kubernetes.io/instance-type"] = "g2-standard-8",
        ["cloud.google.com/gke-accelerator"] = "nvidia-l4",
    };

    public IReadOnlyList<NodeTaint> Taints { get; init; } = [new("nvidia.com/gpu", "present", "NoSchedule")];

    public SimulatedNodeOptions Node(int index) => new()
    {
        Name = NamePrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Cpu = Cpu,
        Memory = Memory,
        Labels = Labels,
        Taints = Taints,
        ExtendedResources = new Dictionary<string, string> { ["nvidia.com/gpu"] = GpusPerNode.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };
}
