using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>Shared pod facts for controllers: ownership, readiness, requests, pods from templates.</summary>
public static class PodHelpers
{
    /// <summary>
    /// Most pods a workload controller creates in one sync; the rest follow on the next (the ReplicaSet controller's
    /// BurstReplicas and the Job controller's MaxPodCreateDeletePerSync are both 500 in kube-controller-manager).
    /// </summary>
    public const int BurstReplicas = 500;

    public static bool IsControlledBy(JsonObject obj, string ownerUid) =>
        obj.Arr("metadata", "ownerReferences")?.OfType<JsonObject>().Any(r => r.Str("uid") == ownerUid && r.Bool("controller") == true) == true;

    /// <summary>The container that declares <paramref name="port"/>, else the pod's first container (what a connection to the pod IP reaches).</summary>
    public static JsonObject? ContainerForPort(JsonObject pod, int port)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var containers = pod.Arr("spec", "containers")?.OfType<JsonObject>().ToList() ?? [];
        return containers.FirstOrDefault(c => c.Arr("ports")?.OfType<JsonObject>().Any(p => p.Long("containerPort") == port) == true) ?? containers.FirstOrDefault();
    }

    public static JsonObject? ControllerRef(JsonObject obj) =>
        obj.Arr("metadata", "ownerReferences")?.OfType<JsonObject>().FirstOrDefault(r => r.Bool("controller") == true);

    public static bool IsDeleting(JsonObject obj) => obj.Str("metadata", "deletionTimestamp") is not null;

    public static bool IsTerminated(JsonObject pod) => pod.Str("status", "phase") is "Succeeded" or "Failed";

    public static bool IsActive(JsonObject pod) => !IsDeleting(pod) && !IsTerminated(pod);

    public static bool IsReady(JsonObject pod) => JsonNodes.ConditionStatus(pod, "Ready") == "True" && pod.Str("status", "phase") == "Running";

    /// <summary>Ready for at least minReadySeconds (available).</summary>
    public static bool IsAvailable(JsonObject pod, long minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod) || IsDeleting(pod))
        {
            return false;
        }

        if (minReadySeconds <= 0)
        {
            return true;
        }

        var since = pod.Arr("status", "conditions")?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == "Ready")?.Str("lastTransitionTime");
        return JsonNodes.ParseTime(since) is { } t && t.AddSeconds(minReadySeconds) <= now;
    }

    public static JsonObject OwnerReference(JsonObject owner, bool controller = true) => new()
    {
        ["apiVersion"] = owner.Str("apiVersion"),
        ["kind"] = owner.Str("kind"),
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = controller,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>A new Pod from a pod template, owned by <paramref name="owner"/>.</summary>
    public static JsonObject FromTemplate(JsonObject template, JsonObject owner, string? name, string? generateName, IReadOnlyDictionary<string, string>? extraLabels = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var md = template.Obj("metadata")?.Clone() ?? new JsonObject();
        var labels = md.Obj("labels")?.Clone() ?? new JsonObject();
        foreach (var (k, v) in extraLabels ?? new Dictionary<string, string>())
        {
            labels[k] = v;
        }

        var metadata = new JsonObject { ["labels"] = labels };
        if (md.Obj("annotations") is { } ann)
        {
            metadata["annotations"] = ann.DeepClone();
        }

        if (name is not null)
        {
            metadata["name"] = name;
        }
        else
        {
            metadata["generateName"] = generateName;
        }

        metadata["ownerReferences"] = new JsonArray(OwnerReference(owner));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template.Obj("spec")?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>The summed requests of a pod (max of init containers vs sum of containers), by resource name.</summary>
    public static Dictionary<string, decimal> Requests(JsonObject pod)
    {
        var total = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var c in pod.Arr("spec", "containers")?.OfType<JsonObject>() ?? [])
        {
            foreach (var (k, v) in ContainerRequests(c))
            {
                total[k] = total.GetValueOrDefault(k) + v;
            }
        }

        foreach (var c in pod.Arr("spec", "initContainers")?.OfType<JsonObject>() ?? [])
        {
            foreach (var (k, v) in ContainerRequests(c))
            {
                total[k] = Math.Max(total.GetValueOrDefault(k), v);
            }
        }

        return total;
    }

    private static Dictionary<string, decimal> ContainerRequests(JsonObject c)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = c.Obj("resources", "limits");
        var requests = c.Obj("resources", "requests");
        foreach (var (k, v) in limits ?? [])
        {
            result[k] = Quantity.Parse(v?.ToString());
        }

        foreach (var (k, v) in requests ?? [])
        {
            result[k] = Quantity.Parse(v?.ToString());
        }

        return result;
    }

    /// <summary>A stable short hash of JSON (FNV-1a 32) in the safe alphabet Kubernetes uses for pod-template-hash.</summary>
    public static string Hash(JsonNode? node, long collisionCount = 0)
    {
        var text = (node?.ToJsonString() ?? string.Empty) + (collisionCount > 0 ? collisionCount.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        uint hash = 2166136261;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619;
        }

        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var digits = hash.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var chars = digits.Select(d => alphabet[(d - '0' + digits.Length) % alphabet.Length]).ToArray();
        return new string(chars);
    }
}
