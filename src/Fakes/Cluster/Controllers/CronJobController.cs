using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// CronJobs on the cluster's TimeProvider: at each scheduled minute a Job &lt;name&gt;-&lt;minutes since epoch&gt;
/// from the jobTemplate (concurrencyPolicy Allow/Forbid/Replace, suspend), status active/lastScheduleTime/
/// lastSuccessfulTime, and finished Jobs pruned to the history limits.
/// </summary>
public sealed class CronJobController : Controller
{
    private static readonly GroupResource CronJobs = new("batch", "cronjobs");
    private static readonly GroupResource Jobs = new("batch", "jobs");

    public CronJobController(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "cronjob-controller";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [CronJobs, Jobs];

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e) => SelfOrControllerOwner(e, CronJobs, "CronJob");

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var type = Core.TypeOf(CronJobs);
        var jobType = Core.TypeOf(Jobs);
        var cj = Store.TryGet(type, key.Namespace, key.Name);
        if (cj is null || PodHelpers.IsDeleting(cj) || !CronSchedule.TryParse(cj.Str("spec", "schedule") ?? string.Empty, out var schedule, out _))
        {
            return Task.CompletedTask;
        }

        var now = Core.Time.GetUtcNow();
        var jobs = Store.ListRaw(Jobs, key.Namespace).Where(j => PodHelpers.IsControlledBy(j, cj.Uid())).ToList();
        bool Finished(JsonObject j) => JsonNodes.ConditionStatus(j, "Complete") == "True" || JsonNodes.ConditionStatus(j, "Failed") == "True";
        var active = jobs.Where(j => !Finished(j) && !PodHelpers.IsDeleting(j)).ToList();
        var last = JsonNodes.ParseTime(cj.Str("status", "lastScheduleTime")) ?? JsonNodes.ParseTime(cj.Str("metadata", "creationTimestamp")) ?? now;
        // spec.timeZone names the wall clock the schedule runs on (the controller prefixes "TZ=<zone>" for robfig/cron).
        var zone = cj.Str("spec", "timeZone") is { } timeZone ? CronTimeZone.Find(timeZone) : null;
        var due = schedule.Next(last, zone);
        var next = cj.Clone();
        var status = next.Child("status");
        if (due is { } time && time <= now && cj.Bool("spec", "suspend") != true)
        {
            // Only the most recent missed time runs, as the controller does when it catches up.
            var latest = time;
            while (schedule.Next(latest, zone) is { } later && later <= now)
            {
                latest = later;
            }

            var deadline = cj.Long("spec", "startingDeadlineSeconds");
            var tooLate = deadline is { } d && latest.AddSeconds(d) < now;
            var policy = cj.Str("spec", "concurrencyPolicy") ?? "Allow";
            if (!tooLate && !(policy == "Forbid" && active.Count > 0))
            {
                if (policy == "Replace")
                {
                    foreach (var a in active)
                    {
                        Store.Delete(jobType, key.Namespace, a.Name(), new DeleteOptions { PropagationPolicy = "Background" });
                    }

                    active.Clear();
                }

                var minutes = latest.ToUnixTimeSeconds() / 60;
                var name = $"{key.Name}-{minutes.ToString(CultureInfo.InvariantCulture)}";
                var template = cj.Obj("spec", "jobTemplate") ?? [];
                var job = new JsonObject
                {
                    ["apiVersion"] = "batch/v1",
                    ["kind"] = "Job",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = name,
                        ["labels"] = template.Obj("metadata", "labels")?.DeepClone() ?? new JsonObject(),
                        ["annotations"] = new JsonObject { ["batch.kubernetes.io/cronjob-scheduled-timestamp"] = JsonNodes.Rfc3339(latest) },
                        ["ownerReferences"] = new JsonArray(PodHelpers.OwnerReference(cj)),
                    },
                    ["spec"] = template.Obj("spec")?.DeepClone() ?? new JsonObject(),
                };
                if (Core.CreateIfAbsent(jobType, key.Namespace, job, Name) is { } created)
                {
                    active.Add(created);
                    Core.Events.Normal(cj, "SuccessfulCreate", $"Created job {name}", Name);
                }
            }

            status["lastScheduleTime"] = JsonNodes.Rfc3339(latest);
        }

        if (jobs.Where(j => JsonNodes.ConditionStatus(j, "Complete") == "True").Select(j => JsonNodes.ParseTime(j.Str("status", "completionTime"))).Where(t => t is not null).Max() is { } success)
        {
            status["lastSuccessfulTime"] = JsonNodes.Rfc3339(success);
        }

        if (active.Count > 0)
        {
            status["active"] = new JsonArray(active.Select(a => (JsonNode)new JsonObject
            {
                ["kind"] = "Job",
                ["namespace"] = a.Namespace(),
                ["name"] = a.Name(),
                ["uid"] = a.Uid(),
                ["apiVersion"] = "batch/v1",
                ["resourceVersion"] = a.Str("metadata", "resourceVersion"),
            }).ToArray());
        }
        else
        {
            status.Remove("active");
        }

        Prune(jobs.Where(j => JsonNodes.ConditionStatus(j, "Complete") == "True").ToList(), (int)(cj.Long("spec", "successfulJobsHistoryLimit") ?? 3), jobType);
        Prune(jobs.Where(j => JsonNodes.ConditionStatus(j, "Failed") == "True").ToList(), (int)(cj.Long("spec", "failedJobsHistoryLimit") ?? 1), jobType);
        Store.Update(type, key.Namespace, key.Name, next, Context, "status");
        var following = schedule.Next(JsonNodes.ParseTime(status.Str("lastScheduleTime")) ?? last, zone);
        if (following is { } f)
        {
            EnqueueAfter(key, f - now + TimeSpan.FromMilliseconds(10));
        }

        return Task.CompletedTask;
    }

    private void Prune(List<JsonObject> finished, int keep, ResourceType jobType)
    {
        foreach (var j in finished.OrderBy(j => j.Str("metadata", "creationTimestamp"), StringComparer.Ordinal).Take(Math.Max(0, finished.Count - keep)))
        {
            Store.Delete(jobType, j.Namespace(), j.Name(), new DeleteOptions { PropagationPolicy = "Background" });
        }
    }
}
