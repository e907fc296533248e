using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Hosting;

/// <summary>Creates a Ready node object with the capacity, labels and taints the substrate declares.</summary>
public static class NodeFactory
{
    public static JsonObject Create(ClusterCore core, SimulatedNodeOptions node, int index)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(node);
        var ctx = OperationContext.Controller("k3s");
        var labels = new JsonObject
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = node.Name,
            ["kubernetes.io/os"] = "linux",
            ["node.kubernetes.io/instance-type"] = "k3s",
        };
        foreach (var (k, v) in node.Labels)
        {
            labels[k] = v;
        }

        var capacity = new JsonObject
        {
            ["cpu"] = node.Cpu,
            ["ephemeral-storage"] = node.EphemeralStorage,
            ["hugepages-1Gi"] = "0",
            ["hugepages-2Mi"] = "0",
            ["memory"] = node.Memory,
            ["pods"] = node.Pods.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in node.ExtendedResources)
        {
            capacity[k] = v;
        }

        var ip = string.Create(CultureInfo.InvariantCulture, $"10.0.0.{10 + index}");
        var spec = new JsonObject { ["podCIDR"] = $"10.42.{index}.0/24", ["podCIDRs"] = new JsonArray($"10.42.{index}.0/24"), ["providerID"] = "k3s://" + node.Name };
        if (node.Taints.Count > 0)
        {
            spec["taints"] = new JsonArray(node.Taints.Select(t =>
            {
                var o = new JsonObject { ["key"] = t.Key, ["effect"] = t.Effect };
                if (t.Value is not null)
                {
                    o["value"] = t.Value;
                }

                return (JsonNode)o;
            }).ToArray());
        }

        var type = core.Core("nodes");
        var created = core.Store.Create(type, null, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = node.Name,
                ["labels"] = labels,
                ["annotations"] = new JsonObject { ["node.alpha.kubernetes.io/ttl"] = "0", ["k3s.io/internal-ip"] = ip },
            },
            ["spec"] = spec,
        }, ctx);

        var now = JsonNodes.Rfc3339(core.Time.GetUtcNow());
        var withStatus = created.Clone();
        var conditions = new JsonArray();
        foreach (var (type0, status, reason, message) in new[]
        {
            ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        })
        {
            conditions.Add(new JsonObject { ["type"] = type0, ["status"] = status, ["lastHeartbeatTime"] = now, ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = message });
        }

        withStatus["status"] = new JsonObject
        {
            ["capacity"] = capacity,
            ["allocatable"] = capacity.DeepClone(),
            ["conditions"] = conditions,
            ["addresses"] = new JsonArray(new JsonObject { ["type"] = "InternalIP", ["address"] = ip }, new JsonObject { ["type"] = "Hostname", ["address"] = node.Name }),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
            ["nodeInfo"] = new JsonObject
            {
                ["machineID"] = Guid.NewGuid().ToString("N"),
                ["systemUUID"] = Guid.NewGuid().ToString(),
                ["bootID"] = Guid.NewGuid().ToString(),
                ["kernelVersion"] = "6.1.0-sim",
                ["osImage"] = "K3s v1.32.3+k3s1 (simulated)",
                ["containerRuntimeVersion"] = "containerd://2.0.4-k3s2",
                ["kubeletVersion"] = Api.VersionInfo.GitVersion,
                ["kubeProxyVersion"] = Api.VersionInfo.GitVersion,
                ["operatingSystem"] = "linux",
                ["architecture"] = "amd64",
            },
        };
        return core.Store.Update(type, null, node.Name, withStatus, ctx, "status");
    }
}
