using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// StatefulSets: pods name-0…name-(n-1) created in order (OrderedReady waits for each to be Ready; Parallel does
/// not), a PVC per volumeClaimTemplate and ordinal, scale-down from the highest ordinal, and rolling updates that
/// replace pods of an old revision from the highest ordinal down.
/// </summary>
public sealed class StatefulSetController : PodOwnerController
{
    private static readonly GroupResource StatefulSets = new("apps", "statefulsets");

    public StatefulSetController(ClusterCore core)
        : base(core, StatefulSets, "StatefulSet")
    {
    }

    public override string Name => "statefulset-controller";

    protected override Task ReconcileOwnerAsync(ControllerKey key, JsonObject sts, List<JsonObject> pods, CancellationToken cancellationToken)
    {
        var now = Core.Time.GetUtcNow();
        var replicas = (int)(sts.Long("spec", "replicas") ?? 1);
        var ordered = sts.Str("spec", "podManagementPolicy") != "Parallel";
        var template = sts.Obj("spec", "template") ?? [];
        var revision = key.Name + "-" + PodHelpers.Hash(template);
        var podType = Core.Core("pods");
        var byName = pods.ToDictionary(p => p.Name(), StringComparer.Ordinal);
        var createdThisSync = 0;
        for (var i = 0; i < replicas; i++)
        {
            if (createdThisSync >= PodHelpers.BurstReplicas)
            {
                EnqueueAfter(key, TimeSpan.FromSeconds(1));
                break;
            }

            var name = $"{key.Name}-{i}";
            if (byName.TryGetValue(name, out var existing))
            {
                if (PodHelpers.IsTerminated(existing) && !PodHelpers.IsDeleting(existing))
                {
                    Store.Delete(podType, key.Namespace, name, new DeleteOptions());
                }

                if (ordered && !PodHelpers.IsReady(existing))
                {
                    break;
                }

                continue;
            }

            EnsureClaims(sts, i);
            var labels = new Dictionary<string, string>
            {
                ["controller-revision-hash"] = revision,
                ["statefulset.kubernetes.io/pod-name"] = name,
                ["apps.kubernetes.io/pod-index"] = i.ToString(CultureInfo.InvariantCulture),
            };
            var pod = PodHelpers.FromTemplate(template, sts, name, null, labels);
            var spec = pod.Child("spec");
            spec["hostname"] = name;
            if (sts.Str("spec", "serviceName") is { Length: > 0 } svc)
            {
                spec["subdomain"] = svc;
            }

            foreach (var claim in sts.Arr("spec", "volumeClaimTemplates")?.OfType<JsonObject>() ?? [])
            {
                var volumes = spec.ChildArray("volumes");
                var claimName = claim.Name();
                if (!volumes.OfType<JsonObject>().Any(v => v.Str("name") == claimName))
                {
                    volumes.Add(new JsonObject { ["name"] = claimName, ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = $"{claimName}-{name}" } });
                }
            }

            var created = Core.CreateIfAbsent(podType, key.Namespace, pod, Name);
            if (created is not null)
            {
                createdThisSync++;
                Core.Events.Normal(sts, "SuccessfulCreate", $"create Pod {name} in StatefulSet {key.Name} successful", Name);
            }

            if (ordered)
            {
                break;
            }
        }

        // Scale down from the highest ordinal, one at a time when ordered.
        foreach (var extra in byName.Values.Where(p => Ordinal(p, key.Name) >= replicas && !PodHelpers.IsDeleting(p)).OrderByDescending(p => Ordinal(p, key.Name)))
        {
            Store.Delete(podType, key.Namespace, extra.Name(), new DeleteOptions());
            Core.Events.Normal(sts, "SuccessfulDelete", $"delete Pod {extra.Name()} in StatefulSet {key.Name} successful", Name);
            if (ordered)
            {
                break;
            }
        }

        // Rolling update: replace the highest-ordinal pod of an old revision once all pods are ready.
        var current = byName.Values.Where(p => Ordinal(p, key.Name) < replicas && !PodHelpers.IsDeleting(p)).ToList();
        if (sts.Str("spec", "updateStrategy", "type") != "OnDelete" && current.Count == replicas && current.All(PodHelpers.IsReady))
        {
            var partition = sts.Long("spec", "updateStrategy", "rollingUpdate", "partition") ?? 0;
            var stale = current.Where(p => p.Obj("metadata", "labels")?.Str("controller-revision-hash") != revision && Ordinal(p, key.Name) >= partition)
                .OrderByDescending(p => Ordinal(p, key.Name)).FirstOrDefault();
            if (stale is not null)
            {
                Store.Delete(podType, key.Namespace, stale.Name(), new DeleteOptions());
            }
        }

        var live = OwnedPods(sts, key.Namespace).Where(p => !PodHelpers.IsDeleting(p)).ToList();
        var next = sts.Clone();
        var status = next.Child("status");
        status["observedGeneration"] = sts.Long("metadata", "generation") ?? 1;
        status["replicas"] = live.Count;
        status["readyReplicas"] = live.Count(PodHelpers.IsReady);
        status["availableReplicas"] = live.Count(p => PodHelpers.IsAvailable(p, sts.Long("spec", "minReadySeconds") ?? 0, now));
        var updatedCount = live.Count(p => p.Obj("metadata", "labels")?.Str("controller-revision-hash") == revision);
        status["currentReplicas"] = updatedCount;
        status["updatedReplicas"] = updatedCount;
        status["currentRevision"] = updatedCount == live.Count ? revision : sts.Str("status", "currentRevision") ?? revision;
        status["updateRevision"] = revision;
        status["collisionCount"] = 0;
        foreach (var k in new[] { "readyReplicas", "availableReplicas", "currentReplicas", "updatedReplicas" })
        {
            if (status.Long(k) == 0)
            {
                status.Remove(k);
            }
        }

        UpdateStatus(key, next);
        return Task.CompletedTask;
    }

    private void EnsureClaims(JsonObject sts, int ordinal)
    {
        var pvcType = Core.Core("persistentvolumeclaims");
        foreach (var claim in sts.Arr("spec", "volumeClaimTemplates")?.OfType<JsonObject>() ?? [])
        {
            var name = $"{claim.Name()}-{sts.Name()}-{ordinal}";
            var labels = claim.Obj("metadata", "labels")?.Clone() ?? new JsonObject();
            foreach (var (k, v) in JsonNodes.StringMap(sts.Obj("spec", "selector", "matchLabels")))
            {
                labels[k] = v;
            }

            var pvc = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "PersistentVolumeClaim",
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
                ["spec"] = claim.Obj("spec")?.DeepClone() ?? new JsonObject(),
            };
            if (sts.Str("spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted") == "Delete")
            {
                pvc.Metadata()["ownerReferences"] = new JsonArray(PodHelpers.OwnerReference(sts));
            }

            Core.CreateIfAbsent(pvcType, sts.Namespace(), pvc, Name);
        }
    }

    private static int Ordinal(JsonObject pod, string stsName) =>
        int.TryParse(pod.Name().AsSpan(stsName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
}
