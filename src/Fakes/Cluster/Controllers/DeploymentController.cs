using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// Deployments: one ReplicaSet per pod template (labelled pod-template-hash, revision annotations), rolled out by
/// RollingUpdate (maxSurge/maxUnavailable) or Recreate, with status counts and the Available/Progressing conditions
/// (ProgressDeadlineExceeded after progressDeadlineSeconds without progress).
/// </summary>
public sealed class DeploymentController : Controller
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    private static readonly GroupResource Deployments = new("apps", "deployments");
    private static readonly GroupResource ReplicaSets = new("apps", "replicasets");

    public DeploymentController(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "deployment-controller";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [Deployments, ReplicaSets];

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e) => SelfOrControllerOwner(e, Deployments, "Deployment");

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var type = Core.TypeOf(Deployments);
        var rsType = Core.TypeOf(ReplicaSets);
        var d = Store.TryGet(type, key.Namespace, key.Name);
        if (d is null || PodHelpers.IsDeleting(d))
        {
            return Task.CompletedTask;
        }

        var replicas = (int)(d.Long("spec", "replicas") ?? 1);
        var template = d.Obj("spec", "template") ?? [];
        var all = Store.ListRaw(ReplicaSets, key.Namespace).Where(r => PodHelpers.IsControlledBy(r, d.Uid())).ToList();
        var newRs = all.FirstOrDefault(r => SameTemplate(r.Obj("spec", "template"), template));
        var old = all.Where(r => r != newRs).ToList();
        var paused = d.Bool("spec", "paused") == true;
        var createdNew = false;
        if (newRs is null && !paused)
        {
            newRs = CreateReplicaSet(d, template, all, rsType, key.Namespace!);
            createdNew = newRs is not null;
            if (newRs is null)
            {
                return Task.CompletedTask;
            }
        }

        if (!paused && newRs is not null && !createdNew)
        {
            newRs = EnsureLatestRevision(d, newRs, old, rsType, key.Namespace!);
        }

        if (!paused && newRs is not null)
        {
            if (d.Str("spec", "strategy", "type") == "Recreate")
            {
                Recreate(d, newRs, old, replicas, rsType);
            }
            else
            {
                Rolling(d, newRs, old, replicas, rsType);
            }

            Cleanup(d, old, rsType);
        }

        UpdateStatus(key, d, type, newRs, createdNew);
        return Task.CompletedTask;
    }

    private JsonObject? CreateReplicaSet(JsonObject d, JsonObject template, List<JsonObject> all, ResourceType rsType, string ns)
    {
        var collision = d.Long("status", "collisionCount") ?? 0;
        var hash = PodHelpers.Hash(template, collision);
        var revision = all.Select(r => long.TryParse(r.Obj("metadata", "annotations")?.Str(RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).DefaultIfEmpty(0).Max() + 1;
        var tpl = template.Clone();
        tpl.Child("metadata").Child("labels")["pod-template-hash"] = hash;
        var selector = d.Obj("spec", "selector")?.Clone() ?? new JsonObject();
        selector.Child("matchLabels")["pod-template-hash"] = hash;
        var labels = tpl.Obj("metadata", "labels")!.Clone();
        var replicas = d.Long("spec", "replicas") ?? 1;
        var maxSurge = Resolve(d.Obj("spec", "strategy", "rollingUpdate")?["maxSurge"], (int)replicas, roundUp: true);
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = d.Name() + "-" + hash,
                ["labels"] = labels,
                ["annotations"] = new JsonObject
                {
                    ["deployment.kubernetes.io/desired-replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/max-replicas"] = (replicas + maxSurge).ToString(CultureInfo.InvariantCulture),
                    [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture),
                },
                ["ownerReferences"] = new JsonArray(PodHelpers.OwnerReference(d)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["minReadySeconds"] = d.Long("spec", "minReadySeconds") ?? 0,
                ["selector"] = selector,
                ["template"] = tpl,
            },
        };
        try
        {
            var created = Store.Create(rsType, ns, rs, Context);
            var annotated = d.Clone();
            annotated.Metadata().Child("annotations")[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
            Store.Update(Core.TypeOf(Deployments), ns, d.Name(), annotated, Context);
            return created;
        }
        catch (Api.ApiException e) when (e.Code == 409)
        {
            // A ReplicaSet with this name but another template exists: bump collisionCount and retry.
            var next = d.Clone();
            next.Child("status")["collisionCount"] = collision + 1;
            Store.Update(Core.TypeOf(Deployments), ns, d.Name(), next, Context, "status");
            return null;
        }
    }

    private static long Revision(JsonObject rs) =>
        long.TryParse(rs.Obj("metadata", "annotations")?.Str(RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    /// <summary>A rollback makes an old ReplicaSet the new one again: it gets the next revision, as the controller does.</summary>
    private JsonObject EnsureLatestRevision(JsonObject d, JsonObject newRs, List<JsonObject> old, ResourceType rsType, string ns)
    {
        var maxOld = old.Select(Revision).DefaultIfEmpty(0).Max();
        var current = Revision(newRs);
        if (current > maxOld && d.Obj("metadata", "annotations")?.Str(RevisionAnnotation) == current.ToString(CultureInfo.InvariantCulture))
        {
            return newRs;
        }

        var revision = Math.Max(current, maxOld + 1).ToString(CultureInfo.InvariantCulture);
        var updatedRs = newRs;
        if (current <= maxOld)
        {
            var next = newRs.Clone();
            next.Metadata().Child("annotations")[RevisionAnnotation] = revision;
            updatedRs = Store.Update(rsType, ns, newRs.Name(), next, Context);
        }

        if (d.Obj("metadata", "annotations")?.Str(RevisionAnnotation) != revision)
        {
            var annotated = Store.TryGet(Core.TypeOf(Deployments), ns, d.Name())?.Clone();
            if (annotated is not null)
            {
                annotated.Metadata().Child("annotations")[RevisionAnnotation] = revision;
                Store.Update(Core.TypeOf(Deployments), ns, d.Name(), annotated, Context);
            }
        }

        return updatedRs;
    }

    private void Recreate(JsonObject d, JsonObject newRs, List<JsonObject> old, int replicas, ResourceType rsType)
    {
        var oldActive = false;
        foreach (var rs in old)
        {
            if ((rs.Long("spec", "replicas") ?? 0) > 0)
            {
                Scale(d, rs, 0, rsType);
            }

            oldActive |= (rs.Long("status", "replicas") ?? 0) > 0;
        }

        if (!oldActive)
        {
            Scale(d, newRs, replicas, rsType);
        }
    }

    private void Rolling(JsonObject d, JsonObject newRs, List<JsonObject> old, int replicas, ResourceType rsType)
    {
        var ru = d.Obj("spec", "strategy", "rollingUpdate");
        var maxSurge = Resolve(ru?["maxSurge"] ?? "25%", replicas, roundUp: true);
        var maxUnavailable = Resolve(ru?["maxUnavailable"] ?? "25%", replicas, roundUp: false);
        if (maxSurge == 0 && maxUnavailable == 0)
        {
            maxUnavailable = 1;
        }

        var newSpec = (int)(newRs.Long("spec", "replicas") ?? 0);
        var oldSpec = old.Sum(r => (int)(r.Long("spec", "replicas") ?? 0));
        if (old.Count == 0 || oldSpec == 0)
        {
            if (newSpec != replicas)
            {
                Scale(d, newRs, replicas, rsType);
            }

            return;
        }

        if (newSpec < replicas)
        {
            var room = replicas + maxSurge - (newSpec + oldSpec);
            var up = Math.Min(room, replicas - newSpec);
            if (up > 0)
            {
                Scale(d, newRs, newSpec + up, rsType);
                newSpec += up;
            }
        }
        else if (newSpec > replicas)
        {
            Scale(d, newRs, replicas, rsType);
            newSpec = replicas;
        }

        var minAvailable = replicas - maxUnavailable;
        var newAvailable = (int)(newRs.Long("status", "availableReplicas") ?? 0);
        var totalAvailable = newAvailable + old.Sum(r => (int)(r.Long("status", "availableReplicas") ?? 0));
        var newUnavailable = Math.Max(0, newSpec - newAvailable);
        var budget = Math.Max(0, newSpec + oldSpec - minAvailable - newUnavailable);

        // First drop old pods that are not available anyway, then available ones while availability allows.
        foreach (var rs in old.OrderBy(r => r.Str("metadata", "creationTimestamp"), StringComparer.Ordinal))
        {
            var spec = (int)(rs.Long("spec", "replicas") ?? 0);
            var unavailable = Math.Max(0, spec - (int)(rs.Long("status", "availableReplicas") ?? 0));
            var drop = Math.Min(Math.Min(unavailable, budget), spec);
            if (drop > 0)
            {
                Scale(d, rs, spec - drop, rsType);
                budget -= drop;
                oldSpec -= drop;
            }
        }

        var scalable = totalAvailable - minAvailable;
        foreach (var rs in old.OrderBy(r => r.Str("metadata", "creationTimestamp"), StringComparer.Ordinal))
        {
            var current = Store.TryGet(rsType, rs.Namespace(), rs.Name());
            var spec = (int)(current?.Long("spec", "replicas") ?? 0);
            if (scalable <= 0 || spec == 0)
            {
                continue;
            }

            var drop = Math.Min(spec, scalable);
            Scale(d, current!, spec - drop, rsType);
            scalable -= drop;
        }
    }

    private void Scale(JsonObject d, JsonObject rs, int to, ResourceType rsType)
    {
        var current = Store.TryGet(rsType, rs.Namespace(), rs.Name());
        if (current is null)
        {
            return;
        }

        var from = (int)(current.Long("spec", "replicas") ?? 0);
        var replicas = d.Long("spec", "replicas") ?? 1;
        var next = current.Clone();
        next.Child("spec")["replicas"] = to;
        var ann = next.Metadata().Child("annotations");
        ann["deployment.kubernetes.io/desired-replicas"] = replicas.ToString(CultureInfo.InvariantCulture);
        ann["deployment.kubernetes.io/max-replicas"] = (replicas + Resolve(d.Obj("spec", "strategy", "rollingUpdate")?["maxSurge"], (int)replicas, roundUp: true)).ToString(CultureInfo.InvariantCulture);
        Store.Update(rsType, rs.Namespace(), rs.Name(), next, Context);
        if (from != to)
        {
            Core.Events.Normal(d, "ScalingReplicaSet", $"Scaled {(to > from ? "up" : "down")} replica set {rs.Name()} from {from} to {to}", Name);
        }
    }

    private void Cleanup(JsonObject d, List<JsonObject> old, ResourceType rsType)
    {
        var limit = d.Long("spec", "revisionHistoryLimit") ?? 10;
        var idle = old.Where(r => (r.Long("spec", "replicas") ?? 0) == 0 && (r.Long("status", "replicas") ?? 0) == 0)
            .OrderBy(r => long.TryParse(r.Obj("metadata", "annotations")?.Str(RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).ToList();
        foreach (var rs in idle.Take(Math.Max(0, idle.Count - (int)limit)))
        {
            try
            {
                Store.Delete(rsType, rs.Namespace(), rs.Name(), new DeleteOptions());
            }
            catch (Api.ApiException)
            {
                // Gone already.
            }
        }
    }

    private void UpdateStatus(ControllerKey key, JsonObject d, ResourceType type, JsonObject? newRs, bool createdNew)
    {
        var now = Core.Time.GetUtcNow();
        var all = Store.ListRaw(ReplicaSets, key.Namespace).Where(r => PodHelpers.IsControlledBy(r, d.Uid())).ToList();
        var fresh = newRs is null ? null : all.FirstOrDefault(r => r.Uid() == newRs.Uid());
        var replicas = (int)(d.Long("spec", "replicas") ?? 1);
        var total = all.Sum(r => (int)(r.Long("status", "replicas") ?? 0));
        var updated = (int)(fresh?.Long("status", "replicas") ?? 0);
        var ready = all.Sum(r => (int)(r.Long("status", "readyReplicas") ?? 0));
        var available = all.Sum(r => (int)(r.Long("status", "availableReplicas") ?? 0));
        var maxUnavailable = d.Str("spec", "strategy", "type") == "Recreate" ? 0 : Resolve(d.Obj("spec", "strategy", "rollingUpdate")?["maxUnavailable"] ?? "25%", replicas, roundUp: false);
        var next = d.Clone();
        var status = next.Child("status");
        var previous = d.Obj("status")?.Clone();
        status["observedGeneration"] = d.Long("metadata", "generation") ?? 1;
        Set(status, "replicas", total);
        Set(status, "updatedReplicas", updated);
        Set(status, "readyReplicas", ready);
        Set(status, "availableReplicas", available);
        Set(status, "unavailableReplicas", Math.Max(0, replicas - available));
        var progressed = createdNew || previous is null ||
            new[] { "replicas", "updatedReplicas", "readyReplicas", "availableReplicas" }.Any(k => previous.Long(k) != status.Long(k));
        if (available >= replicas - maxUnavailable)
        {
            JsonNodes.SetCondition(status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now, withUpdateTime: true);
        }
        else
        {
            JsonNodes.SetCondition(status, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now, withUpdateTime: true);
        }

        var rsName = fresh?.Name() ?? newRs?.Name() ?? string.Empty;
        var complete = fresh is not null && updated == replicas && available == replicas && total == replicas && (fresh.Long("spec", "replicas") ?? 0) == replicas;
        var deadline = d.Long("spec", "progressDeadlineSeconds");
        var progressing = status.Arr("conditions")?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == "Progressing");
        if (d.Bool("spec", "paused") == true)
        {
            JsonNodes.SetCondition(status, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now, withUpdateTime: true);
        }
        else if (complete)
        {
            SetProgressing(status, "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", now, touch: progressed || progressing?.Str("reason") != "NewReplicaSetAvailable");
        }
        else if (progressed)
        {
            SetProgressing(status, "True", createdNew ? "NewReplicaSetCreated" : "ReplicaSetUpdated", createdNew ? $"Created new replica set \"{rsName}\"" : $"ReplicaSet \"{rsName}\" is progressing.", now, touch: true);
        }

        if (!complete && deadline is { } seconds && d.Bool("spec", "paused") != true)
        {
            var cond = status.Arr("conditions")?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == "Progressing");
            var last = JsonNodes.ParseTime(cond?.Str("lastUpdateTime")) ?? now;
            var due = last.AddSeconds(seconds);
            if (now >= due && cond?.Str("reason") != "ProgressDeadlineExceeded")
            {
                SetProgressing(status, "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing.", now, touch: true);
                Core.Events.Warning(d, "ProgressDeadlineExceeded", $"Deployment \"{d.Name()}\" exceeded its progress deadline", Name);
            }
            else if (now < due)
            {
                EnqueueAfter(key, due - now + TimeSpan.FromMilliseconds(50));
            }
        }

        Store.Update(type, key.Namespace, key.Name, next, Context, "status");
    }

    private static void SetProgressing(JsonObject status, string value, string reason, string message, DateTimeOffset now, bool touch)
    {
        var conditions = status.ChildArray("conditions");
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == "Progressing");
        var ts = JsonNodes.Rfc3339(now);
        if (existing is null)
        {
            conditions.Add(new JsonObject { ["type"] = "Progressing", ["status"] = value, ["lastUpdateTime"] = ts, ["lastTransitionTime"] = ts, ["reason"] = reason, ["message"] = message });
            return;
        }

        if (existing.Str("status") != value)
        {
            existing["lastTransitionTime"] = ts;
        }

        if (touch)
        {
            existing["lastUpdateTime"] = ts;
        }

        existing["status"] = value;
        existing["reason"] = reason;
        existing["message"] = message;
    }

    private static void Set(JsonObject status, string name, int value)
    {
        if (value == 0 && name is not "replicas")
        {
            status.Remove(name);
        }
        else
        {
            status[name] = value;
        }
    }

    /// <summary>Whether a ReplicaSet's template is the deployment's template (ignoring pod-template-hash).</summary>
    public static bool SameTemplate(JsonObject? rsTemplate, JsonObject template)
    {
        if (rsTemplate is null)
        {
            return false;
        }

        var a = rsTemplate.Clone();
        a.Obj("metadata", "labels")?.Remove("pod-template-hash");
        return JsonNode.DeepEquals(Normalize(a), Normalize(template.Clone()));
    }

    private static JsonObject Normalize(JsonObject t)
    {
        if (t.Obj("metadata") is { } md)
        {
            if (md.Obj("labels") is { Count: 0 })
            {
                md.Remove("labels");
            }

            md.Remove("creationTimestamp");
            if (md.Count == 0)
            {
                t.Remove("metadata");
            }
        }

        return t;
    }

    /// <summary>An int-or-percent against a total (surge rounds up, unavailability down).</summary>
    public static int Resolve(JsonNode? value, int total, bool roundUp)
    {
        switch (value)
        {
            case null:
                return roundUp ? (int)Math.Ceiling(total * 0.25) : (int)Math.Floor(total * 0.25);
            case JsonValue v when JsonNodes.AsLong(v) is { } n:
                return (int)n;
            default:
                var s = value.ToString().Trim();
                if (s.EndsWith('%') && double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct))
                {
                    var raw = total * pct / 100.0;
                    return roundUp ? (int)Math.Ceiling(raw) : (int)Math.Floor(raw);
                }

                return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : 0;
        }
    }
}
