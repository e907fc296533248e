using System.Text.Json.Nodes;
using k8s;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Scenarios;
using DotNet.Testcontainers.Configurations;
using Testcontainers.K3s;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.AppHost.Resources.Cluster;

/// <summary>
/// A k3s cluster in a container (Testcontainers.K3s, pinned image). Its node is patched to look like the GPU
/// substrate: the scenario's node labels, and <c>nvidia.com/gpu</c> capacity through the node status (the documented
/// way to advertise an extended resource). Taints are not applied: k3s has a single node that must also run
/// everything else. k3s runs with its own default command (<see cref="ServerCommand"/>), so its bundled traefik
/// and the <c>traefik</c> IngressClass exist as on a plain k3s install.
/// </summary>
public sealed class K3sClusterResource : HarnessResource, IClusterResource
{
    private K3sContainer? container;

    public K3sClusterResource(string name, string image)
        : base(name)
    {
        Image = image;
    }

    /// <summary>
    /// The container command: <c>server</c> with k3s' defaults. Testcontainers.K3s appends <c>--disable=traefik</c> to
    /// its own; the substrate replaces the whole command so that traefik, which a plain k3s install bundles
    /// (k3s-io/k3s <c>manifests/traefik.yaml</c>) and which the substrate declares as provided, is there.
    /// </summary>
    public static IReadOnlyList<string> ServerCommand { get; } = ["server"];

    public string SubstrateName => "k3s";

    public string Image { get; }

    public SubstrateOverrides Shape { get; set; } = SubstrateOverrides.None;

    public string KubeconfigPath { get; private set; } = string.Empty;

    public K3sContainer Container => container ?? throw new InvalidOperationException($"Cluster '{Name}' has not started.");

    public Kubernetes CreateClient() => KubeClients.FromKubeconfig(KubeconfigPath);

    public override async Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        container = Builder(Image).Build();
        await container.StartAsync(cancellationToken);
        KubeconfigPath = Path.Combine(context.ScratchDirectory, "kubeconfig");
        var kubeconfig = await container.GetKubeconfigAsync();
        KubeClients.RegisterCredentials(kubeconfig, Validators.Live.Secrets.SecretRedactor.Shared);
        await File.WriteAllTextAsync(KubeconfigPath, kubeconfig, cancellationToken);
        using var client = CreateClient();
        await ShapeNodeAsync(client, Shape, cancellationToken);
        Log.Write($"k3s ({Image}) running; kubeconfig {KubeconfigPath}");
    }

    /// <summary>The Testcontainers builder of the k3s container, with <see cref="ServerCommand"/> replacing the module's command.</summary>
    public static K3sBuilder Builder(string image) => new K3sBuilder(image).WithCommand(new OverwriteEnumerable<string>(ServerCommand));

    /// <summary>Labels the first node and advertises the scenario's extended resources (e.g. nvidia.com/gpu) in its status.</summary>
    public static async Task ShapeNodeAsync(Kubernetes client, SubstrateOverrides shape, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Nodes.Count == 0)
        {
            return;
        }

        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
        var node = nodes.Items.FirstOrDefault() ?? throw new InvalidOperationException("k3s has no node to shape.");
        var dynamic = new DynamicClient(client);
        var target = new ObjectRef("v1", "Node", null, node.Metadata.Name);
        foreach (var (labels, status) in NodePatches(shape))
        {
            await dynamic.MergePatchAsync(target, labels, cancellationToken: cancellationToken);
            await dynamic.MergePatchAsync(target, status, "status", cancellationToken);
        }
    }

    /// <summary>The merge patches (metadata labels; status capacity/allocatable) that make a node look like each scenario node.</summary>
    public static IEnumerable<(JsonObject Labels, JsonObject Status)> NodePatches(SubstrateOverrides shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (var n in shape.Nodes)
        {
            var labels = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject(n.Labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))) } };
            var extended = n.Capacity.Where(kv => kv.Key.Contains('/', StringComparison.Ordinal)).ToList();
            var status = new JsonObject
            {
                ["status"] = new JsonObject
                {
                    ["capacity"] = new JsonObject(extended.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                    ["allocatable"] = new JsonObject(extended.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                },
            };
            yield return (labels, status);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (container is not null)
        {
            await container.DisposeAsync();
            container = null;
        }
    }
}
