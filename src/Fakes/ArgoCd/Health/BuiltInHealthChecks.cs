using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Health;

/// <summary>
/// The health checks Argo CD has built in (gitops-engine Go checks and the bundled Lua scripts for core kinds),
/// reproduced from ARGOCD-SEMANTICS §3.2, quirks included. Returns null for kinds without a check ("no health").
/// </summary>
public static class BuiltInHealthChecks
{
    public static HealthStatus? Check(string group, string version, string kind, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return (group, kind) switch
        {
            ("apps", "Deployment") => version == "v1" ? Deployment(obj) : HealthStatus.Unknown($"unsupported Deployment GVK: apps/{version}, Kind=Deployment"),
            ("apps", "StatefulSet") => StatefulSet(obj),
            ("apps", "DaemonSet") => DaemonSet(obj),
            ("apps", "ReplicaSet") => ReplicaSet(obj),
            ("", "Pod") => Pod(obj),
            ("", "Service") => Service(obj),
            ("networking.k8s.io" or "extensions", "Ingress") => Ingress(obj),
            ("", "PersistentVolumeClaim") => Pvc(obj),
            ("batch", "Job") => Job(obj),
            ("batch", "CronJob") => CronJob(obj),
            ("apiregistration.k8s.io", "APIService") => ApiService(obj),
            ("autoscaling", "HorizontalPodAutoscaler") => Hpa(obj),
            ("apiextensions.k8s.io", "CustomResourceDefinition") => Crd(obj),
            ("policy", "PodDisruptionBudget") => Pdb(obj),
            ("argoproj.io", "Workflow") => Workflow(obj),
            _ => null,
        };
    }

    private static long Num(JsonObject o, string path) => Json.Long(o, path) ?? 0;

    private static bool GenerationNotObserved(JsonObject o) => Num(o, "metadata.generation") > Num(o, "status.observedGeneration");

    // [ge/health/health_deployment.go]
    private static HealthStatus Deployment(JsonObject o)
    {
        if (Json.Bool(o, "spec.paused"))
        {
            return HealthStatus.Suspended("Deployment is paused");
        }

        if (GenerationNotObserved(o))
        {
            return HealthStatus.Progressing("Waiting for rollout to finish: observed deployment generation less than desired generation");
        }

        var progressing = Conditions.Find(o, "Progressing");
        if (progressing is not null && Json.Str(progressing, "reason") == "ProgressDeadlineExceeded")
        {
            return HealthStatus.Degraded($"Deployment \"{Json.Str(o, "metadata.name")}\" exceeded its progress deadline");
        }

        var replicas = Json.Long(o, "spec.replicas") ?? 1;
        var updated = Num(o, "status.updatedReplicas");
        var total = Num(o, "status.replicas");
        var available = Num(o, "status.availableReplicas");
        if (updated < replicas)
        {
            return HealthStatus.Progressing($"Waiting for rollout to finish: {updated} out of {replicas} new replicas have been updated...");
        }

        if (total > updated)
        {
            return HealthStatus.Progressing($"Waiting for rollout to finish: {total - updated} old replicas are pending termination...");
        }

        if (available < updated)
        {
            return HealthStatus.Progressing($"Waiting for rollout to finish: {available} of {updated} updated replicas are available...");
        }

        return HealthStatus.Healthy();
    }

    // [ge/health/health_statefulset.go]
    private static HealthStatus StatefulSet(JsonObject o)
    {
        var observed = Num(o, "status.observedGeneration");
        if (observed == 0 || observed < Num(o, "metadata.generation"))
        {
            return HealthStatus.Progressing("Waiting for statefulset spec update to be observed...");
        }

        var replicas = Json.Long(o, "spec.replicas") ?? 1;
        var ready = Num(o, "status.readyReplicas");
        if (ready < replicas)
        {
            return HealthStatus.Progressing($"Waiting for {replicas - ready} pods to be ready...");
        }

        var strategy = Json.Str(o, "spec.updateStrategy.type") ?? "RollingUpdate";
        if (strategy == "RollingUpdate" && Json.Obj(o, "spec.updateStrategy.rollingUpdate") is { } ru)
        {
            var partition = Json.Long(ru, "partition") ?? 0;
            var updated = Num(o, "status.updatedReplicas");
            if (updated < replicas - partition)
            {
                return HealthStatus.Progressing($"Waiting for partitioned roll out to finish: {updated} out of {replicas - partition} new pods have been updated...");
            }

            return HealthStatus.Healthy($"partitioned roll out complete: {updated} new pods have been updated...");
        }

        if (strategy == "OnDelete")
        {
            return HealthStatus.Healthy($"statefulset has {ready} ready pods");
        }

        var updateRevision = Json.Str(o, "status.updateRevision");
        if (updateRevision != Json.Str(o, "status.currentRevision"))
        {
            return HealthStatus.Progressing($"waiting for statefulset rolling update to complete {Num(o, "status.updatedReplicas")} pods at revision {updateRevision}...");
        }

        return HealthStatus.Healthy($"statefulset rolling update complete {Num(o, "status.currentReplicas")} pods at revision {Json.Str(o, "status.currentRevision")}...");
    }

    // [ge/health/health_daemonset.go]
    private static HealthStatus DaemonSet(JsonObject o)
    {
        if (GenerationNotObserved(o))
        {
            return HealthStatus.Progressing("Waiting for rollout to finish: observed daemon set generation less than desired generation");
        }

        if (Json.Str(o, "spec.updateStrategy.type") == "OnDelete")
        {
            return HealthStatus.Healthy($"daemon set {Num(o, "status.currentNumberScheduled")} out of {Num(o, "status.desiredNumberScheduled")} new pods have been updated");
        }

        var desired = Num(o, "status.desiredNumberScheduled");
        if (Num(o, "status.updatedNumberScheduled") < desired)
        {
            return HealthStatus.Progressing($"Waiting for daemon set \"{Json.Str(o, "metadata.name")}\" rollout to finish: {Num(o, "status.updatedNumberScheduled")} out of {desired} new pods have been updated...");
        }

        if (Num(o, "status.numberAvailable") < desired)
        {
            return HealthStatus.Progressing($"Waiting for daemon set \"{Json.Str(o, "metadata.name")}\" rollout to finish: {Num(o, "status.numberAvailable")} of {desired} updated pods are available...");
        }

        return HealthStatus.Healthy();
    }

    // [ge/health/health_replicaset.go]
    private static HealthStatus ReplicaSet(JsonObject o)
    {
        if (GenerationNotObserved(o))
        {
            return HealthStatus.Progressing("Waiting for rollout to finish: observed replica set generation less than desired generation");
        }

        var failure = Conditions.Find(o, "ReplicaFailure");
        if (Conditions.Is(failure, "True"))
        {
            return HealthStatus.Degraded(Conditions.Message(failure));
        }

        var replicas = Json.Long(o, "spec.replicas") ?? 1;
        if (Num(o, "status.availableReplicas") < replicas)
        {
            return HealthStatus.Progressing($"Waiting for rollout to finish: {Num(o, "status.availableReplicas")} out of {replicas} new replicas are available...");
        }

        return HealthStatus.Healthy();
    }

    // [ge/health/health_pod.go]
    private static HealthStatus Pod(JsonObject o)
    {
        var restartPolicy = Json.Str(o, "spec.restartPolicy") ?? "Always";
        var always = restartPolicy == "Always";
        if (always)
        {
            foreach (var cs in Json.Objects(o, "status.containerStatuses").Concat(Json.Objects(o, "status.initContainerStatuses")))
            {
                var reason = Json.Str(cs, "state.waiting.reason") ?? string.Empty;
                if (reason.StartsWith("Err", StringComparison.Ordinal) || reason.EndsWith("Error", StringComparison.Ordinal) || reason.EndsWith("BackOff", StringComparison.Ordinal))
                {
                    return HealthStatus.Degraded(Json.Str(cs, "state.waiting.message") ?? reason);
                }
            }
        }

        var message = Json.Str(o, "status.message") ?? string.Empty;
        switch (Json.Str(o, "status.phase"))
        {
            case "Pending":
                return HealthStatus.Progressing(message);
            case "Succeeded":
                return HealthStatus.Healthy(message);
            case "Failed":
                return HealthStatus.Degraded(message.Length > 0 ? message : "Pod failed");
            case "Running":
                if (!always)
                {
                    // Run-to-completion pods are Progressing while running.
                    return HealthStatus.Progressing(message);
                }

                if (Conditions.Is(Conditions.Find(o, "Ready"), "True"))
                {
                    return HealthStatus.Healthy(message);
                }

                if (Json.Objects(o, "status.containerStatuses").Any(cs => Json.Obj(cs, "lastState.terminated") is not null))
                {
                    return HealthStatus.Degraded(message);
                }

                return HealthStatus.Progressing(message);
            default:
                return HealthStatus.Unknown(message);
        }
    }

    // [ge/health/health_service.go]
    private static HealthStatus Service(JsonObject o) =>
        Json.Str(o, "spec.type") == "LoadBalancer" && (Json.Arr(o, "status.loadBalancer.ingress")?.Count ?? 0) == 0
            ? HealthStatus.Progressing()
            : HealthStatus.Healthy();

    // [ge/health/health_ingress.go]
    private static HealthStatus Ingress(JsonObject o) =>
        (Json.Arr(o, "status.loadBalancer.ingress")?.Count ?? 0) > 0 ? HealthStatus.Healthy() : HealthStatus.Progressing();

    // [ge/health/health_pvc.go]
    private static HealthStatus Pvc(JsonObject o) => Json.Str(o, "status.phase") switch
    {
        "Bound" => HealthStatus.Healthy(),
        "Pending" => HealthStatus.Progressing(),
        "Lost" => HealthStatus.Degraded(),
        _ => HealthStatus.Unknown(),
    };

    // [ge/health/health_job.go] Quirk: Failed/Complete are matched on type alone; Suspended=False yields Healthy.
    private static HealthStatus Job(JsonObject o)
    {
        string? failMsg = null;
        var complete = false;
        var isSuspended = false;
        string? message = null;
        var sawSuspended = false;
        foreach (var c in Conditions.Of(o))
        {
            switch (Json.Str(c, "type"))
            {
                case "Failed":
                    failMsg = Conditions.Message(c);
                    break;
                case "Complete":
                    complete = true;
                    message = Conditions.Message(c);
                    break;
                case "Suspended":
                    sawSuspended = true;
                    message = Conditions.Message(c);
                    isSuspended = Json.Str(c, "status") == "True";
                    break;
            }
        }

        if (failMsg is not null)
        {
            return HealthStatus.Degraded(failMsg);
        }

        if (complete)
        {
            return HealthStatus.Healthy(message ?? string.Empty);
        }

        if (sawSuspended)
        {
            return isSuspended ? HealthStatus.Suspended(message ?? string.Empty) : HealthStatus.Healthy(message ?? string.Empty);
        }

        return HealthStatus.Progressing(message ?? string.Empty);
    }

    // [resource_customizations/batch/CronJob/health.lua, since 3.2]
    private static HealthStatus CronJob(JsonObject o)
    {
        if (Json.Bool(o, "spec.suspend"))
        {
            return HealthStatus.Healthy("CronJob is Suspended");
        }

        if (Json.Obj(o, "status") is not { } status)
        {
            return HealthStatus.Progressing("Waiting for CronJob status");
        }

        var lastSchedule = Json.ParseTimestamp(Json.Str(status, "lastScheduleTime"));
        var lastSuccess = Json.ParseTimestamp(Json.Str(status, "lastSuccessfulTime"));
        if (lastSchedule is null || lastSuccess is null || (Json.Arr(status, "active")?.Count ?? 0) > 0)
        {
            return HealthStatus.Healthy();
        }

        return lastSuccess < lastSchedule ? HealthStatus.Degraded("CronJob has not completed its last execution successfully") : HealthStatus.Healthy();
    }

    // [ge/health/health_apiservice.go]
    private static HealthStatus ApiService(JsonObject o)
    {
        var available = Conditions.Find(o, "Available");
        return Conditions.Is(available, "True")
            ? HealthStatus.Healthy(Conditions.Message(available))
            : HealthStatus.Progressing("Waiting to be processed");
    }

    private static readonly string[] HpaFailureReasons =
        ["FailedGetScale", "FailedUpdateScale", "FailedGetResourceMetric", "FailedGetPodsMetric", "FailedGetObjectMetric", "FailedGetExternalMetric", "FailedGetContainerResourceMetric", "FailedComputeMetricsReplicas", "InvalidSelector"];

    // [ge/health/health_hpa.go]
    private static HealthStatus Hpa(JsonObject o)
    {
        IEnumerable<JsonObject> conditions = Conditions.Of(o);
        if (Json.GetAnnotation(o, "autoscaling.alpha.kubernetes.io/conditions") is { } legacy)
        {
            try
            {
                conditions = (JsonNode.Parse(legacy) as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            }
            catch (System.Text.Json.JsonException)
            {
                conditions = [];
            }
        }

        var list = conditions.ToList();
        foreach (var c in list)
        {
            if (HpaFailureReasons.Contains(Json.Str(c, "reason")))
            {
                return HealthStatus.Degraded(Conditions.Message(c));
            }
        }

        foreach (var c in list)
        {
            var type = Json.Str(c, "type");
            if ((type == "AbleToScale" || type == "ScalingLimited") && Conditions.Is(c, "True"))
            {
                return HealthStatus.Healthy(Conditions.Message(c));
            }
        }

        return HealthStatus.Progressing("Waiting to Autoscale");
    }

    // [resource_customizations/apiextensions.k8s.io/CustomResourceDefinition/health.lua]
    private static HealthStatus Crd(JsonObject o)
    {
        if (Json.Str(o, "metadata.deletionTimestamp") is not null)
        {
            return HealthStatus.Progressing("CRD is terminating");
        }

        var conditions = Conditions.Of(o).ToList();
        if (conditions.Count == 0)
        {
            return HealthStatus.Progressing("Status conditions not found");
        }

        foreach (var c in conditions)
        {
            var type = Json.Str(c, "type");
            if ((type == "NamesAccepted" && Conditions.Is(c, "False")) || (type == "NonStructuralSchema" && Conditions.Is(c, "True")))
            {
                return HealthStatus.Degraded(Conditions.Message(c));
            }
        }

        var established = Conditions.Find(o, "Established");
        if (Conditions.Is(established, "True"))
        {
            return HealthStatus.Healthy(Conditions.Message(established));
        }

        if (established is not null && Json.Str(established, "reason") == "Installing")
        {
            return HealthStatus.Progressing(Conditions.Message(established));
        }

        return HealthStatus.Degraded(established is null ? "CRD is not established" : Conditions.Message(established));
    }

    // [resource_customizations/policy/PodDisruptionBudget/health.lua]
    private static HealthStatus Pdb(JsonObject o)
    {
        var conditions = Conditions.Of(o).ToList();
        if (conditions.Count == 0)
        {
            return HealthStatus.Progressing("Waiting for status");
        }

        foreach (var c in conditions)
        {
            if (Conditions.Is(c, "False") && Json.Str(c, "reason") != "InsufficientPods")
            {
                return HealthStatus.Degraded(Conditions.Message(c));
            }
        }

        return HealthStatus.Healthy();
    }

    // [ge/health/health_argo.go]
    private static HealthStatus Workflow(JsonObject o)
    {
        var message = Json.Str(o, "status.message") ?? string.Empty;
        return (Json.Str(o, "status.phase") ?? string.Empty) switch
        {
            "" or "Pending" or "Running" => HealthStatus.Progressing(message),
            "Succeeded" => HealthStatus.Healthy(message),
            "Failed" or "Error" => HealthStatus.Degraded(message),
            var other => HealthStatus.Unknown(string.Create(CultureInfo.InvariantCulture, $"unexpected phase {other}")),
        };
    }
}
