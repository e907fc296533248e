using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// Jobs: up to parallelism pods at a time until completions pods succeeded (SuccessCriteriaMet, then Complete), or
/// Failed (BackoffLimitExceeded) once more than backoffLimit pods failed, or DeadlineExceeded after
/// activeDeadlineSeconds; suspend stops creating pods.
/// </summary>
public sealed class JobController : PodOwnerController
{
    private static readonly GroupResource Jobs = new("batch", "jobs");

    public JobController(ClusterCore core)
        : base(core, Jobs, "Job")
    {
    }

    public override string Name => "job-controller";

    protected override Task ReconcileOwnerAsync(ControllerKey key, JsonObject job, List<JsonObject> pods, CancellationToken cancellationToken)
    {
        var now = Core.Time.GetUtcNow();
        var finished = JsonNodes.ConditionStatus(job, "Complete") == "True" || JsonNodes.ConditionStatus(job, "Failed") == "True";
        var active = pods.Where(PodHelpers.IsActive).ToList();
        var succeeded = pods.Count(p => p.Str("status", "phase") == "Succeeded");
        var failed = pods.Count(p => p.Str("status", "phase") == "Failed");
        var completions = job.Long("spec", "completions");
        var parallelism = (int)(job.Long("spec", "parallelism") ?? 1);
        var backoffLimit = job.Long("spec", "backoffLimit") ?? 6;
        var suspended = job.Bool("spec", "suspend") == true;
        var podType = Core.Core("pods");
        var next = job.Clone();
        var status = next.Child("status");
        if (!suspended && !finished)
        {
            status["startTime"] ??= JsonNodes.Rfc3339(now);
        }

        string? failReason = null;
        string? failMessage = null;
        if (!finished)
        {
            if (failed > backoffLimit)
            {
                failReason = "BackoffLimitExceeded";
                failMessage = "Job has reached the specified backoff limit";
            }
            else if (job.Long("spec", "activeDeadlineSeconds") is { } deadline && JsonNodes.ParseTime(status.Str("startTime")) is { } start && now >= start.AddSeconds(deadline))
            {
                failReason = "DeadlineExceeded";
                failMessage = "Job was active longer than specified deadline";
            }
        }

        var complete = !finished && failReason is null && ((completions is { } c && succeeded >= c) || (completions is null && succeeded > 0 && active.Count == 0));
        if (failReason is not null || complete || suspended)
        {
            foreach (var p in active)
            {
                Store.Delete(podType, key.Namespace, p.Name(), new DeleteOptions());
            }
        }
        else if (!finished)
        {
            var wanted = completions is { } total ? (int)Math.Min(parallelism, total - succeeded) : (succeeded > 0 ? 0 : parallelism);
            var burst = Math.Min(wanted, active.Count + PodHelpers.BurstReplicas);
            if (burst < wanted)
            {
                EnqueueAfter(key, TimeSpan.FromSeconds(1));
            }

            for (var i = active.Count; i < burst; i++)
            {
                var labels = new Dictionary<string, string>
                {
                    ["batch.kubernetes.io/controller-uid"] = job.Uid(),
                    ["batch.kubernetes.io/job-name"] = key.Name,
                    ["controller-uid"] = job.Uid(),
                    ["job-name"] = key.Name,
                };
                var pod = PodHelpers.FromTemplate(job.Obj("spec", "template") ?? [], job, null, key.Name + "-", labels);
                var created = Store.Create(podType, key.Namespace, pod, Context);
                Core.Events.Normal(job, "SuccessfulCreate", $"Created pod: {created.Name()}", Name);
            }
        }

        var live = OwnedPods(job, key.Namespace);
        SetOrRemove(status, "active", live.Count(PodHelpers.IsActive));
        SetOrRemove(status, "succeeded", succeeded);
        SetOrRemove(status, "failed", failed);
        status["ready"] = live.Count(p => PodHelpers.IsActive(p) && PodHelpers.IsReady(p));
        status["terminating"] = live.Count(PodHelpers.IsDeleting);
        status["uncountedTerminatedPods"] = new JsonObject();
        if (suspended && !finished)
        {
            JsonNodes.SetCondition(status, "Suspended", "True", "JobSuspended", "Job suspended", now, withProbeTime: true);
        }
        else if (JsonNodes.ConditionStatus(next, "Suspended") == "True")
        {
            JsonNodes.SetCondition(status, "Suspended", "False", "JobResumed", "Job resumed", now, withProbeTime: true);
        }

        if (failReason is not null)
        {
            JsonNodes.SetCondition(status, "FailureTarget", "True", failReason, failMessage, now, withProbeTime: true);
            JsonNodes.SetCondition(status, "Failed", "True", failReason, failMessage, now, withProbeTime: true);
            Core.Events.Warning(job, failReason, failMessage!, Name);
        }
        else if (complete)
        {
            JsonNodes.SetCondition(status, "SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", now, withProbeTime: true);
            JsonNodes.SetCondition(status, "Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", now, withProbeTime: true);
            status["completionTime"] = JsonNodes.Rfc3339(now);
            Core.Events.Normal(job, "Completed", "Job completed", Name);
        }

        UpdateStatus(key, next);
        if (!finished && failReason is null && !complete && job.Long("spec", "activeDeadlineSeconds") is { } ads && JsonNodes.ParseTime(status.Str("startTime")) is { } st)
        {
            EnqueueAfter(key, st.AddSeconds(ads) - now);
        }

        return Task.CompletedTask;
    }

    private static void SetOrRemove(JsonObject status, string name, int value)
    {
        if (value == 0)
        {
            status.Remove(name);
        }
        else
        {
            status[name] = value;
        }
    }

    internal static string Format(long n) => n.ToString(CultureInfo.InvariantCulture);
}
