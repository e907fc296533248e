using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Health;

/// <summary>
/// Health for the well-known custom resources a platform uses, written from their documented status conditions.
/// Kinds for which Argo CD bundles a <c>resource_customizations/&lt;group&gt;/&lt;kind&gt;/health.lua</c> follow that
/// script's semantics and are always on (real Argo CD runs them). Kinds Argo CD has no script for (Kueue queues,
/// InferencePool) have <b>no health</b> in real Argo CD; their checks run only when
/// <c>ArgoCdOptions.HealthForUnbundledKinds</c> is set, so the default stays faithful.
/// </summary>
public static class WellKnownHealthChecks
{
    /// <summary>Checks mirroring scripts Argo CD bundles.</summary>
    public static HealthStatus? CheckBundled(string group, string kind, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return (group, kind) switch
        {
            ("gateway.networking.k8s.io", "Gateway") => Gateway(obj),
            ("gateway.networking.k8s.io", "HTTPRoute" or "GRPCRoute") => Route(obj, kind),
            ("gateway.networking.k8s.io", "GatewayClass") => ConditionDriven(obj, "Accepted", "Waiting for controller"),
            ("cert-manager.io", "Certificate") => Certificate(obj),
            ("cert-manager.io", "Issuer") => ReadyCondition(obj, "Initializing Issuer"),
            ("cert-manager.io", "ClusterIssuer") => ReadyCondition(obj, "Initializing ClusterIssuer"),
            ("external-secrets.io", "ExternalSecret") => ReadyCondition(obj, "Waiting for ExternalSecret"),
            ("external-secrets.io", "SecretStore" or "ClusterSecretStore") => ReadyCondition(obj, $"Waiting for {kind}"),
            ("postgresql.cnpg.io", "Cluster") => CnpgCluster(obj),
            ("serving.kserve.io", "InferenceService") => InferenceService(obj),
            ("keda.sh", "ScaledObject") => ScaledObject(obj),
            _ => null,
        };
    }

    /// <summary>Checks for kinds Argo CD ships no script for; off by default (see type summary).</summary>
    public static HealthStatus? CheckUnbundled(string group, string kind, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return (group, kind) switch
        {
            ("kueue.x-k8s.io", "ClusterQueue" or "LocalQueue") => ConditionDriven(obj, "Active", $"Waiting for {kind} to become active"),
            ("inference.networking.x-k8s.io" or "inference.networking.k8s.io", "InferencePool") => InferencePool(obj),
            _ => null,
        };
    }

    // [resource_customizations/gateway.networking.k8s.io/Gateway/health.lua]
    private static HealthStatus Gateway(JsonObject o)
    {
        if (Json.Obj(o, "status") is not { } status)
        {
            return HealthStatus.Progressing("Waiting for Gateway status");
        }

        var conditions = Json.Arr(status, "conditions");
        if (conditions is not null && GatewayLikeConditions(o, "status.conditions", string.Empty, "Gateway is still being programmed") is { } verdict)
        {
            return verdict;
        }

        var listeners = Json.Objects(status, "listeners").ToList();
        for (var i = 0; i < listeners.Count; i++)
        {
            if (Json.Arr(listeners[i], "conditions") is not null && GatewayLikeConditions(listeners[i], "conditions", "Listener: ", "Listener is still being programmed") is { } lv)
            {
                return lv;
            }
        }

        return conditions is not null || listeners.Count > 0 ? HealthStatus.Healthy("Gateway is healthy") : HealthStatus.Progressing("Waiting for Gateway status");
    }

    private static HealthStatus? GatewayLikeConditions(JsonObject owner, string path, string prefix, string programming)
    {
        foreach (var type in new[] { "ResolvedRefs", "Accepted" })
        {
            var failed = Conditions.Of(owner, path).FirstOrDefault(c => Json.Str(c, "type") == type && Conditions.Is(c, "False"));
            if (failed is not null)
            {
                var m = Conditions.Message(failed);
                return HealthStatus.Degraded(prefix + (m.Length > 0 ? m : "Failed condition: " + type));
            }
        }

        var notProgrammed = Conditions.Of(owner, path).FirstOrDefault(c => Json.Str(c, "type") == "Programmed" && !Conditions.Is(c, "True"));
        if (notProgrammed is not null)
        {
            var m = Conditions.Message(notProgrammed);
            return HealthStatus.Progressing(prefix + (m.Length > 0 ? m : programming));
        }

        return null;
    }

    // [resource_customizations/gateway.networking.k8s.io/HTTPRoute/health.lua]: per parent, current generation only.
    private static HealthStatus Route(JsonObject o, string kind)
    {
        var generation = Json.Long(o, "metadata.generation");
        bool Current(JsonObject parent)
        {
            if (generation is null)
            {
                return true;
            }

            var cs = Json.Objects(parent, "conditions").ToList();
            return cs.Count > 0 && cs.All(c => Json.Long(c, "observedGeneration") is not { } g || g == generation);
        }

        var parents = Json.Objects(o, "status.parents").ToList();
        foreach (var parent in parents.Where(p => Json.Arr(p, "conditions") is not null && Current(p)))
        {
            var name = Json.Str(parent, "parentRef.name") ?? string.Empty;
            if (GatewayLikeConditions(parent, "conditions", $"Parent {name}: ", "Route is still being programmed") is { } verdict)
            {
                return verdict;
            }
        }

        return parents.Any(p => (Json.Arr(p, "conditions")?.Count ?? 0) > 0 && Current(p))
            ? HealthStatus.Healthy($"{kind} is healthy")
            : HealthStatus.Progressing($"Waiting for {kind} status");
    }

    // [resource_customizations/cert-manager.io/Certificate/health.lua]: Issuing=True wins, then Ready.
    private static HealthStatus Certificate(JsonObject o)
    {
        var issuing = Conditions.Find(o, "Issuing");
        if (Conditions.Is(issuing, "True"))
        {
            return HealthStatus.Progressing(Conditions.Message(issuing));
        }

        return ReadyCondition(o, "Waiting for certificate");
    }

    private static HealthStatus ReadyCondition(JsonObject o, string waiting) => ConditionDriven(o, "Ready", waiting);

    private static HealthStatus ConditionDriven(JsonObject o, string type, string waiting)
    {
        var c = Conditions.Find(o, type);
        if (Conditions.Is(c, "False"))
        {
            return HealthStatus.Degraded(Conditions.Message(c));
        }

        return Conditions.Is(c, "True") ? HealthStatus.Healthy(Conditions.Message(c)) : HealthStatus.Progressing(waiting);
    }

    private static readonly Dictionary<string, HealthStatusCode> CnpgPhases = new(StringComparer.Ordinal)
    {
        ["Cluster in healthy state"] = HealthStatusCode.Healthy,
        ["Setting up primary"] = HealthStatusCode.Progressing,
        ["Creating a new replica"] = HealthStatusCode.Progressing,
        ["Upgrading cluster"] = HealthStatusCode.Progressing,
        ["Waiting for the instances to become active"] = HealthStatusCode.Progressing,
        ["Promoting to primary cluster"] = HealthStatusCode.Progressing,
        ["Switchover in progress"] = HealthStatusCode.Degraded,
        ["Failing over"] = HealthStatusCode.Degraded,
        ["Upgrading Postgres major version"] = HealthStatusCode.Degraded,
        ["Cluster upgrade delayed"] = HealthStatusCode.Degraded,
        ["Waiting for user action"] = HealthStatusCode.Degraded,
        ["Applying configuration"] = HealthStatusCode.Degraded,
        ["Unable to create required cluster objects"] = HealthStatusCode.Suspended,
        ["Cluster is unrecoverable and needs manual intervention"] = HealthStatusCode.Suspended,
    };

    // [resource_customizations/postgresql.cnpg.io/Cluster/health.lua]: driven by status.phase once conditions exist.
    private static HealthStatus CnpgCluster(JsonObject o)
    {
        if (Json.GetAnnotation(o, "cnpg.io/reconciliationLoop") == "disabled")
        {
            return HealthStatus.Suspended("Cluster reconciliation is suspended");
        }

        var reason = Json.Str(o, "status.phaseReason") ?? string.Empty;
        if (Json.Arr(o, "status.conditions") is null)
        {
            return HealthStatus.Progressing(reason);
        }

        var hibernation = Conditions.Find(o, "cnpg.io/hibernation");
        if (hibernation is not null)
        {
            return Conditions.Is(hibernation, "True") ? HealthStatus.Suspended(Conditions.Message(hibernation)) : HealthStatus.Degraded(Conditions.Message(hibernation));
        }

        return CnpgPhases.TryGetValue(Json.Str(o, "status.phase") ?? string.Empty, out var code) ? new HealthStatus(code, reason) : HealthStatus.Unknown(reason);
    }

    // [resource_customizations/serving.kserve.io/InferenceService/health.lua]
    private static HealthStatus InferenceService(JsonObject o)
    {
        if (Json.Obj(o, "status") is not { } status)
        {
            return HealthStatus.Progressing("Waiting for InferenceService to report status...");
        }

        var progressing = false;
        var degraded = false;
        var message = string.Empty;
        var transition = Json.Str(status, "modelStatus.transitionStatus");
        if (Json.Obj(status, "modelStatus") is not null && transition != "UpToDate")
        {
            progressing = transition == "InProgress";
            degraded = !progressing;
            message += "0: transitionStatus | " + transition;
        }

        var conditions = Json.Arr(status, "conditions");
        if (conditions is null)
        {
            return HealthStatus.Progressing("Waiting for InferenceService to report status...");
        }

        var bad = 0;
        var index = 0;
        foreach (var c in conditions.OfType<JsonObject>())
        {
            index++;
            var type = Json.Str(c, "type");
            var st = Json.Str(c, "status");
            if (type == "Stopped" && st == "True")
            {
                return HealthStatus.Suspended("InferenceService is Stopped");
            }

            if (st == "Unknown" || (st == "False" && type != "Stopped"))
            {
                bad++;
            }

            if (st != "True" && type != "Stopped")
            {
                message += $" | {index}: {type} | {st}";
            }
        }

        if (!progressing && !degraded && bad == 0)
        {
            return HealthStatus.Healthy("InferenceService is healthy.");
        }

        return degraded ? HealthStatus.Degraded(message) : HealthStatus.Progressing(message);
    }

    // [resource_customizations/keda.sh/ScaledObject/health.lua]
    private static HealthStatus ScaledObject(JsonObject o)
    {
        bool healthy = false, degraded = false, paused = false;
        var message = string.Empty;
        foreach (var c in Conditions.Of(o))
        {
            var type = Json.Str(c, "type");
            var st = Json.Str(c, "status");
            if ((type == "Ready" && st == "False") || (type == "Fallback" && st == "True"))
            {
                degraded = true;
                message = Conditions.Message(c);
            }
            else if (type == "Ready" && st == "True")
            {
                healthy = true;
                message = Conditions.Message(c);
            }
            else if (type == "Paused" && st == "True")
            {
                paused = true;
                message = Conditions.Message(c);
            }
        }

        if (degraded)
        {
            return HealthStatus.Degraded(message);
        }

        if (healthy)
        {
            return paused ? HealthStatus.Suspended(message) : HealthStatus.Healthy(message);
        }

        return HealthStatus.Progressing("Creating HorizontalPodAutoscaler Object");
    }

    // Gateway API Inference Extension: status.parents[].conditions Accepted / ResolvedRefs.
    private static HealthStatus InferencePool(JsonObject o)
    {
        var parents = Json.Objects(o, "status.parents").ToList();
        if (parents.Count == 0)
        {
            return HealthStatus.Progressing("Waiting for InferencePool status");
        }

        foreach (var p in parents)
        {
            if (GatewayLikeConditions(p, "conditions", "Parent: ", "InferencePool is being programmed") is { } verdict)
            {
                return verdict;
            }
        }

        return HealthStatus.Healthy("InferencePool is accepted");
    }
}
