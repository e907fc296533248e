using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// The default scheduler: binds pending pods to a node that has room for their requests (cpu, memory, pods and
/// extended resources such as nvidia.com/gpu), matches nodeSelector and required node affinity, and whose
/// NoSchedule/NoExecute taints the pod tolerates. Pods that fit nowhere get PodScheduled=False/Unschedulable with
/// the scheduler's summary ("0/2 nodes are available: …").
/// </summary>
public sealed class Scheduler : Controller
{
    private static readonly GroupResource Pods = new(string.Empty, "pods");
    private static readonly GroupResource Nodes = new(string.Empty, "nodes");

    public Scheduler(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "default-scheduler";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [Pods, Nodes];

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e)
    {
        if (e.Resource == Pods && e.Type != WatchEventType.Deleted && string.IsNullOrEmpty(e.Object.Str("spec", "nodeName")))
        {
            return [new ControllerKey(Pods, e.Object.Namespace(), e.Object.Name())];
        }

        // Capacity freed or nodes changed: retry every unscheduled pod.
        if (e.Resource == Nodes || e.Type == WatchEventType.Deleted || PodHelpers.IsTerminated(e.Object))
        {
            return Store.ListRaw(Pods).Where(p => string.IsNullOrEmpty(p.Str("spec", "nodeName"))).Select(p => new ControllerKey(Pods, p.Namespace(), p.Name())).ToList();
        }

        return [];
    }

    protected override IEnumerable<ControllerKey> InitialKeys() =>
        Store.ListRaw(Pods).Where(p => string.IsNullOrEmpty(p.Str("spec", "nodeName"))).Select(p => new ControllerKey(Pods, p.Namespace(), p.Name()));

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var podType = Core.Core("pods");
        var pod = Store.TryGet(podType, key.Namespace, key.Name);
        if (pod is null || !string.IsNullOrEmpty(pod.Str("spec", "nodeName")) || PodHelpers.IsDeleting(pod) ||
            (pod.Str("spec", "schedulerName") ?? "default-scheduler") != "default-scheduler" || pod.Arr("spec", "schedulingGates") is { Count: > 0 })
        {
            return Task.CompletedTask;
        }

        var nodes = Store.ListRaw(Nodes);
        var allPods = Store.ListRaw(Pods);
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var resourceShort = 0;
        JsonObject? chosen = null;
        decimal bestScore = decimal.MaxValue;
        var requests = PodHelpers.Requests(pod);
        foreach (var node in nodes)
        {
            var why = Filter(pod, node, allPods, requests, out var score, out var insufficient);
            if (why.Count == 0)
            {
                if (score < bestScore)
                {
                    bestScore = score;
                    chosen = node;
                }

                continue;
            }

            if (insufficient)
            {
                resourceShort++;
            }

            foreach (var r in why)
            {
                reasons[r] = reasons.GetValueOrDefault(r) + 1;
            }
        }

        var now = Core.Time.GetUtcNow();
        if (chosen is null)
        {
            var summary = string.Join(", ", reasons.Select(kv => $"{kv.Value} {kv.Key}").Order(StringComparer.Ordinal));
            var preemption = new List<string>();
            if (resourceShort > 0)
            {
                preemption.Add($"{resourceShort} No preemption victims found for incoming pod");
            }

            if (nodes.Count - resourceShort > 0)
            {
                preemption.Add($"{nodes.Count - resourceShort} Preemption is not helpful for scheduling");
            }

            var message = nodes.Count == 0
                ? "no nodes available to schedule pods"
                : $"0/{nodes.Count} nodes are available: {summary}. preemption: 0/{nodes.Count} nodes are available: {string.Join(", ", preemption)}.";
            var next = pod.Clone();
            if (JsonNodes.SetCondition(next.Child("status"), "PodScheduled", "False", "Unschedulable", message, now, withProbeTime: true))
            {
                Store.Update(podType, key.Namespace, key.Name, next, Context, "status");
                Core.Events.Warning(pod, "FailedScheduling", message, Name);
            }

            return Task.CompletedTask;
        }

        var bound = pod.Clone();
        bound.Child("spec")["nodeName"] = chosen.Name();
        var updated = Store.Update(podType, key.Namespace, key.Name, bound, Context);
        var withStatus = updated.Clone();
        JsonNodes.SetCondition(withStatus.Child("status"), "PodScheduled", "True", null, null, now, withProbeTime: true);
        Store.Update(podType, key.Namespace, key.Name, withStatus, Context, "status");
        Core.Events.Normal(updated, "Scheduled", $"Successfully assigned {key.Namespace}/{key.Name} to {chosen.Name()}", Name);
        return Task.CompletedTask;
    }

    /// <summary>Why <paramref name="pod"/> cannot go to <paramref name="node"/> (empty: it can), with a least-allocated score.</summary>
    public static List<string> Filter(JsonObject pod, JsonObject node, IReadOnlyList<JsonObject> allPods, Dictionary<string, decimal> requests, out decimal score, out bool insufficient)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var reasons = new List<string>();
        score = 0;
        insufficient = false;
        if (node.Bool("spec", "unschedulable") == true && !Tolerates(pod, "node.kubernetes.io/unschedulable", null, "NoSchedule"))
        {
            reasons.Add("node(s) were unschedulable");
            return reasons;
        }

        if (JsonNodes.ConditionStatus(node, "Ready") != "True")
        {
            reasons.Add("node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
            return reasons;
        }

        if (!MatchesNodeSelector(pod, node))
        {
            reasons.Add("node(s) didn't match Pod's node affinity/selector");
            return reasons;
        }

        foreach (var taint in node.Arr("spec", "taints")?.OfType<JsonObject>() ?? [])
        {
            var effect = taint.Str("effect");
            if (effect is "NoSchedule" or "NoExecute" && !Tolerates(pod, taint.Str("key") ?? string.Empty, taint.Str("value"), effect))
            {
                reasons.Add($"node(s) had untolerated taint {{{taint.Str("key")}: {taint.Str("value")}}}");
                return reasons;
            }
        }

        var nodeName = node.Name();
        var onNode = allPods.Where(p => p.Str("spec", "nodeName") == nodeName && !PodHelpers.IsTerminated(p)).ToList();
        var allocatable = node.Obj("status", "allocatable") ?? [];
        var maxPods = Quantity.Parse(allocatable.Str("pods") ?? "110");
        if (onNode.Count + 1 > maxPods)
        {
            reasons.Add("Too many pods");
            insufficient = true;
        }

        var used = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var p in onNode)
        {
            foreach (var (k, v) in PodHelpers.Requests(p))
            {
                used[k] = used.GetValueOrDefault(k) + v;
            }
        }

        foreach (var (resource, amount) in requests.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (amount <= 0)
            {
                continue;
            }

            var capacity = allocatable[resource] is { } cap ? Quantity.Parse(cap.ToString()) : 0;
            if (used.GetValueOrDefault(resource) + amount > capacity)
            {
                reasons.Add($"Insufficient {resource}");
                insufficient = true;
            }
            else if (capacity > 0)
            {
                score += (used.GetValueOrDefault(resource) + amount) / capacity;
            }
        }

        score += onNode.Count / Math.Max(1, maxPods);
        return reasons;
    }

    /// <summary>Whether a pod tolerates a taint (key/value/effect) as the TaintToleration plugin decides.</summary>
    public static bool Tolerates(JsonObject pod, string key, string? value, string effect)
    {
        foreach (var t in pod.Arr("spec", "tolerations")?.OfType<JsonObject>() ?? [])
        {
            var tEffect = t.Str("effect");
            if (!string.IsNullOrEmpty(tEffect) && tEffect != effect)
            {
                continue;
            }

            var tKey = t.Str("key");
            var op = t.Str("operator") ?? "Equal";
            if (string.IsNullOrEmpty(tKey))
            {
                if (op == "Exists")
                {
                    return true;
                }

                continue;
            }

            if (tKey != key)
            {
                continue;
            }

            if (op == "Exists" || (t.Str("value") ?? string.Empty) == (value ?? string.Empty))
            {
                return true;
            }
        }

        return false;
    }

    public static bool MatchesNodeSelector(JsonObject pod, JsonObject node)
    {
        var labels = node.Labels();
        foreach (var (k, v) in JsonNodes.StringMap(pod.Obj("spec", "nodeSelector")))
        {
            if (!labels.TryGetValue(k, out var actual) || actual != v)
            {
                return false;
            }
        }

        var terms = pod.Arr("spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms")?.OfType<JsonObject>().ToList();
        if (terms is null || terms.Count == 0)
        {
            return true;
        }

        return terms.Any(term => TermMatches(term, labels, node.Name()));
    }

    private static bool TermMatches(JsonObject term, Dictionary<string, string> labels, string nodeName)
    {
        var expressions = term.Arr("matchExpressions")?.OfType<JsonObject>().ToList() ?? [];
        var fields = term.Arr("matchFields")?.OfType<JsonObject>().ToList() ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        foreach (var e in expressions)
        {
            if (!ExpressionMatches(e, labels.TryGetValue(e.Str("key") ?? string.Empty, out var v) ? v : null))
            {
                return false;
            }
        }

        foreach (var f in fields)
        {
            if (!ExpressionMatches(f, f.Str("key") == "metadata.name" ? nodeName : null))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ExpressionMatches(JsonObject e, string? value)
    {
        var values = e.Arr("values")?.Select(v => v?.ToString() ?? string.Empty).ToList() ?? [];
        return e.Str("operator") switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" => value is not null && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) && values.Count > 0 && long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) && a > b,
            "Lt" => value is not null && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) && values.Count > 0 && long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) && c < d,
            _ => false,
        };
    }

    internal static ApiException? None => null;
}
