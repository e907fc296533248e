using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;
using PlatformValidation.Validators.Labels;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>Keeps spec.replicas pods of a ReplicaSet's template running and reports replicas/ready/available.</summary>
public sealed class ReplicaSetController : PodOwnerController
{
    private static readonly GroupResource ReplicaSets = new("apps", "replicasets");

    public ReplicaSetController(ClusterCore core)
        : base(core, ReplicaSets, "ReplicaSet")
    {
    }

    public override string Name => "replicaset-controller";

    protected override Task ReconcileOwnerAsync(ControllerKey key, JsonObject rs, List<JsonObject> pods, CancellationToken cancellationToken)
    {
        var now = Core.Time.GetUtcNow();
        var active = pods.Where(PodHelpers.IsActive).ToList();
        var desired = (int)(rs.Long("spec", "replicas") ?? 1);
        var podType = Core.Core("pods");
        if (active.Count < desired)
        {
            var template = rs.Obj("spec", "template") ?? [];
            var burst = Math.Min(desired, active.Count + PodHelpers.BurstReplicas);
            if (burst < desired)
            {
                EnqueueAfter(key, TimeSpan.FromSeconds(1));
            }

            for (var i = active.Count; i < burst; i++)
            {
                var pod = PodHelpers.FromTemplate(template, rs, null, rs.Name() + "-");
                try
                {
                    var created = Store.Create(podType, key.Namespace, pod, Context);
                    Core.Events.Normal(rs, "SuccessfulCreate", $"Created pod: {created.Name()}", Name);
                }
                catch (Api.ApiException e)
                {
                    Core.Events.Warning(rs, "FailedCreate", $"Error creating: {e.Message}", Name);
                    EnqueueAfter(key, TimeSpan.FromSeconds(1));
                    break;
                }
            }
        }
        else if (active.Count > desired)
        {
            // Delete the least useful pods first: unscheduled, then not ready, then the newest.
            var victims = active.OrderBy(p => string.IsNullOrEmpty(p.Str("spec", "nodeName")) ? 0 : 1)
                .ThenBy(p => PodHelpers.IsReady(p) ? 1 : 0)
                .ThenByDescending(p => p.Str("metadata", "creationTimestamp"), StringComparer.Ordinal)
                .Take(active.Count - desired).ToList();
            foreach (var victim in victims)
            {
                try
                {
                    Store.Delete(podType, key.Namespace, victim.Name(), new DeleteOptions());
                    Core.Events.Normal(rs, "SuccessfulDelete", $"Deleted pod: {victim.Name()}", Name);
                }
                catch (Api.ApiException)
                {
                    // Already going.
                }
            }
        }

        var minReady = rs.Long("spec", "minReadySeconds") ?? 0;
        var current = OwnedPods(rs, key.Namespace).Where(p => PodHelpers.IsActive(p)).ToList();
        var selector = LabelSelector.FromObject(rs.Obj("spec", "selector"));
        var next = rs.Clone();
        var status = next.Child("status");
        status["replicas"] = current.Count;
        status["fullyLabeledReplicas"] = current.Count(p => selector.Matches(p));
        status["readyReplicas"] = current.Count(PodHelpers.IsReady);
        status["availableReplicas"] = current.Count(p => PodHelpers.IsAvailable(p, minReady, now));
        status["observedGeneration"] = rs.Long("metadata", "generation") ?? 1;
        foreach (var k in new[] { "readyReplicas", "availableReplicas", "fullyLabeledReplicas" })
        {
            if (status.Long(k) == 0)
            {
                status.Remove(k);
            }
        }

        UpdateStatus(key, next);
        if (minReady > 0 && current.Any(p => PodHelpers.IsReady(p) && !PodHelpers.IsAvailable(p, minReady, now)))
        {
            EnqueueAfter(key, TimeSpan.FromSeconds(1));
        }

        return Task.CompletedTask;
    }
}
