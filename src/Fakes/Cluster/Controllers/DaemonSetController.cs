using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// DaemonSets: one pod per node the pod may run on (nodeSelector, required node affinity, NoSchedule/NoExecute taints
/// it tolerates, plus the tolerations the controller adds for node conditions), pinned by node affinity on
/// metadata.name as the real controller does; rolling update replaces pods of an old template.
/// </summary>
public sealed class DaemonSetController : Controller
{
    private static readonly GroupResource DaemonSets = new("apps", "daemonsets");
    private static readonly GroupResource Pods = new(string.Empty, "pods");
    private static readonly GroupResource Nodes = new(string.Empty, "nodes");

    public DaemonSetController(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "daemonset-controller";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [DaemonSets, Pods, Nodes];

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e)
    {
        if (e.Resource == Nodes)
        {
            return Store.ListRaw(DaemonSets).Select(d => new ControllerKey(DaemonSets, d.Namespace(), d.Name())).ToList();
        }

        return SelfOrControllerOwner(e, DaemonSets, "DaemonSet");
    }

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var type = Core.TypeOf(DaemonSets);
        var ds = Store.TryGet(type, key.Namespace, key.Name);
        if (ds is null || PodHelpers.IsDeleting(ds))
        {
            return Task.CompletedTask;
        }

        var now = Core.Time.GetUtcNow();
        var template = ds.Obj("spec", "template") ?? [];
        var hash = PodHelpers.Hash(template);
        var podType = Core.Core("pods");
        var pods = Store.ListRaw(Pods, key.Namespace).Where(p => PodHelpers.IsControlledBy(p, ds.Uid()) && !PodHelpers.IsDeleting(p)).ToList();
        var probe = PodHelpers.FromTemplate(template, ds, "probe", null);
        AddDaemonTolerations(probe);
        var eligible = new List<string>();
        foreach (var node in Store.ListRaw(Nodes))
        {
            var fits = Scheduler.MatchesNodeSelector(probe, node) &&
                (node.Arr("spec", "taints")?.OfType<JsonObject>() ?? []).All(t => t.Str("effect") is not ("NoSchedule" or "NoExecute") || Scheduler.Tolerates(probe, t.Str("key") ?? string.Empty, t.Str("value"), t.Str("effect")!));
            if (fits)
            {
                eligible.Add(node.Name());
            }
        }

        var misscheduled = 0;
        foreach (var pod in pods)
        {
            var target = TargetNode(pod);
            if (target is null || !eligible.Contains(target))
            {
                misscheduled++;
                Store.Delete(podType, key.Namespace, pod.Name(), new DeleteOptions());
            }
            else if (pod.Obj("metadata", "labels")?.Str("controller-revision-hash") != hash && ds.Str("spec", "updateStrategy", "type") != "OnDelete")
            {
                Store.Delete(podType, key.Namespace, pod.Name(), new DeleteOptions());
            }
        }

        foreach (var node in eligible)
        {
            if (pods.Any(p => TargetNode(p) == node))
            {
                continue;
            }

            var pod = PodHelpers.FromTemplate(template, ds, null, ds.Name() + "-", new Dictionary<string, string> { ["controller-revision-hash"] = hash, ["pod-template-generation"] = (ds.Long("metadata", "generation") ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
            AddDaemonTolerations(pod);
            pod.Child("spec").Child("affinity")["nodeAffinity"] = new JsonObject
            {
                ["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject
                {
                    ["nodeSelectorTerms"] = new JsonArray(new JsonObject
                    {
                        ["matchFields"] = new JsonArray(new JsonObject { ["key"] = "metadata.name", ["operator"] = "In", ["values"] = new JsonArray(node) }),
                    }),
                },
            };
            var created = Store.Create(podType, key.Namespace, pod, Context);
            Core.Events.Normal(ds, "SuccessfulCreate", $"Created pod: {created.Name()}", Name);
        }

        var live = Store.ListRaw(Pods, key.Namespace).Where(p => PodHelpers.IsControlledBy(p, ds.Uid()) && !PodHelpers.IsDeleting(p)).ToList();
        var next = ds.Clone();
        var status = next.Child("status");
        status["desiredNumberScheduled"] = eligible.Count;
        status["currentNumberScheduled"] = live.Count(p => !string.IsNullOrEmpty(p.Str("spec", "nodeName")));
        status["numberMisscheduled"] = misscheduled;
        status["numberReady"] = live.Count(PodHelpers.IsReady);
        status["numberAvailable"] = live.Count(p => PodHelpers.IsAvailable(p, ds.Long("spec", "minReadySeconds") ?? 0, now));
        status["updatedNumberScheduled"] = live.Count(p => p.Obj("metadata", "labels")?.Str("controller-revision-hash") == hash);
        status["numberUnavailable"] = Math.Max(0, eligible.Count - (status.Long("numberAvailable") ?? 0));
        status["observedGeneration"] = ds.Long("metadata", "generation") ?? 1;
        foreach (var k in new[] { "numberAvailable", "numberUnavailable", "updatedNumberScheduled" })
        {
            if (status.Long(k) == 0)
            {
                status.Remove(k);
            }
        }

        Store.Update(type, key.Namespace, key.Name, next, Context, "status");
        return Task.CompletedTask;
    }

    private static string? TargetNode(JsonObject pod) =>
        pod.Str("spec", "nodeName") is { Length: > 0 } n ? n :
        pod.Arr("spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms")?.OfType<JsonObject>()
            .SelectMany(t => t.Arr("matchFields")?.OfType<JsonObject>() ?? []).FirstOrDefault(f => f.Str("key") == "metadata.name")?.Arr("values")?.FirstOrDefault()?.ToString();

    private static void AddDaemonTolerations(JsonObject pod)
    {
        var tolerations = pod.Child("spec").ChildArray("tolerations");
        foreach (var (key, effect) in new[]
        {
            ("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"), ("node.kubernetes.io/disk-pressure", "NoSchedule"),
            ("node.kubernetes.io/memory-pressure", "NoSchedule"), ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule"),
        })
        {
            if (!tolerations.OfType<JsonObject>().Any(t => t.Str("key") == key && t.Str("effect") == effect))
            {
                tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect });
            }
        }
    }
}
