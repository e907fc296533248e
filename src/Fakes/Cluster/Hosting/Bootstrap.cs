using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Hosting;

/// <summary>The objects a fresh single-node k3s cluster has before anyone applies anything.</summary>
public static class Bootstrap
{
    public static void Run(ClusterCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        var ctx = OperationContext.Controller("k3s");
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            core.Store.Create(core.Core("namespaces"), null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }, ctx);
        }

        var nodes = core.Options.Nodes.Concat(Enumerable.Range(1, core.Options.GpuNodes).Select(core.Options.GpuNode.Node)).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            NodeFactory.Create(core, nodes[i], i);
        }

        core.ServiceIps.Reserve("10.43.0.1");
        core.Store.Create(core.Core("services"), "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["clusterIP"] = "10.43.0.1",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
            },
        }, ctx);
        core.Store.Create(core.Core("endpoints"), "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject { ["name"] = "kubernetes", ["labels"] = new JsonObject { ["endpointslice.kubernetes.io/skip-mirror"] = "true" } },
            ["subsets"] = new JsonArray(new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["ip"] = "10.0.0.10" }),
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 6443, ["protocol"] = "TCP" }),
            }),
        }, ctx);

        core.Store.Create(core.Registry.Find("storage.k8s.io", "v1", "storageclasses")!, null, new JsonObject
        {
            ["apiVersion"] = "storage.k8s.io/v1",
            ["kind"] = "StorageClass",
            ["metadata"] = new JsonObject
            {
                ["name"] = "local-path",
                ["annotations"] = new JsonObject { ["storageclass.kubernetes.io/is-default-class"] = "true" },
            },
            ["provisioner"] = "rancher.io/local-path",
            ["reclaimPolicy"] = "Delete",
            ["volumeBindingMode"] = "WaitForFirstConsumer",
        }, ctx);

        core.Store.Create(core.Registry.Find("networking.k8s.io", "v1", "ingressclasses")!, null, new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "IngressClass",
            ["metadata"] = new JsonObject
            {
                ["name"] = "traefik",
                ["annotations"] = new JsonObject { ["ingressclass.kubernetes.io/is-default-class"] = "true" },
            },
            ["spec"] = new JsonObject { ["controller"] = "traefik.io/ingress-controller" },
        }, ctx);

        foreach (var (name, value) in new[] { ("system-cluster-critical", 2000000000L), ("system-node-critical", 2000001000L) })
        {
            core.Store.Create(core.Registry.Find("scheduling.k8s.io", "v1", "priorityclasses")!, null, new JsonObject
            {
                ["apiVersion"] = "scheduling.k8s.io/v1",
                ["kind"] = "PriorityClass",
                ["metadata"] = new JsonObject { ["name"] = name },
                ["value"] = value,
                ["globalDefault"] = false,
                ["preemptionPolicy"] = "PreemptLowerPriority",
                ["description"] = "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
            }, ctx);
        }
    }

    internal static string Format(long n) => n.ToString(CultureInfo.InvariantCulture);
}
