using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// Why an app is not Healthy, read from the live objects it manages when Argo CD's own status only says
/// "Progressing": pods that cannot be scheduled or whose containers wait or crash, objects whose status conditions are
/// False, Gateways whose GatewayClass does not exist, and routes whose parent Gateway does not exist or has not
/// accepted them. Best effort and bounded: never throws (except for cancellation), reads at most a few dozen objects.
/// </summary>
public static class UnhealthyCauses
{
    private const int MaxObjects = 30;
    private const int MaxCauses = 4;

    private static readonly HashSet<string> WorkloadKinds = new(StringComparer.Ordinal) { "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" };

    private static readonly HashSet<string> RouteKinds = new(StringComparer.Ordinal) { "HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute" };

    /// <summary>Condition types whose False (or Unknown) status explains an unhealthy object.</summary>
    private static readonly HashSet<string> TellingConditions = new(StringComparer.Ordinal) { "Ready", "Available", "Accepted", "Programmed", "ResolvedRefs", "Established", "Synced", "Active" };

    /// <summary>What the live objects of <paramref name="app"/> say about why it is not Healthy (empty when nothing explains it).</summary>
    public static async Task<IReadOnlyList<string>> DescribeAsync(RunContext ctx, AppState app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(app);
        var causes = new List<string>();
        foreach (var r in app.Resources.Where(r => r.Kind != ArgoLive.Application).Take(MaxObjects))
        {
            if (causes.Count >= MaxCauses)
            {
                break;
            }

            try
            {
                var target = new ObjectRef(r.ApiVersion, r.Kind, r.Namespace, r.Name);
                var live = await ctx.Dynamic.GetAsync(target, cancellationToken);
                if (live is null)
                {
                    continue;
                }

                var found = WorkloadKinds.Contains(r.Kind) ? await WorkloadCausesAsync(ctx, target, live, cancellationToken)
                    : r.Kind == "Gateway" ? await GatewayCausesAsync(ctx, target, live, cancellationToken)
                    : RouteKinds.Contains(r.Kind) ? await RouteCausesAsync(ctx, target, live, cancellationToken)
                    : ConditionCauses(target, live);
                causes.AddRange(found.Select(ctx.Redactor.Redact));
            }
#pragma warning disable CA1031 // a cause we cannot read is left out; the app's own status still explains the failure
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                // Best effort.
            }
        }

        return causes.Distinct(StringComparer.Ordinal).Take(MaxCauses).ToList();
    }

    /// <summary>The app's failure message: its status explanation followed by the live causes, if any.</summary>
    public static async Task<string> ExplainAsync(RunContext ctx, AppState app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var causes = await DescribeAsync(ctx, app, cancellationToken);
        return causes.Count == 0 ? app.Explanation : $"{app.Explanation}; cause: {string.Join("; ", causes)}";
    }

    private static async Task<IReadOnlyList<string>> WorkloadCausesAsync(RunContext ctx, ObjectRef workload, JsonObject live, CancellationToken cancellationToken)
    {
        var selector = Diagnostics.Selector(live);
        if (selector is null || workload.Namespace is null)
        {
            return ConditionCauses(workload, live);
        }

        var pods = await ctx.Client.CoreV1.ListNamespacedPodAsync(workload.Namespace, labelSelector: selector, cancellationToken: cancellationToken);
        var causes = new List<string>();
        foreach (var pod in pods.Items.Where(p => p.Metadata.DeletionTimestamp is null && !Workloads.IsReady(p)).Take(2))
        {
            causes.AddRange(PodCauses(workload, pod));
        }

        return causes.Count > 0 ? causes : ConditionCauses(workload, live);
    }

    private static IEnumerable<string> PodCauses(ObjectRef workload, V1Pod pod)
    {
        var name = workload.Kind == "Service" ? $"pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} behind {workload}" : $"pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} of {workload}";
        var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (scheduled is { Status: "False" })
        {
            yield return $"{name} is {pod.Status?.Phase ?? "Pending"}, {scheduled.Reason ?? "not scheduled"}: {scheduled.Message}";
            yield break;
        }

        var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []);
        foreach (var s in statuses)
        {
            if (s.State?.Waiting is { } waiting && waiting.Reason is not null and not "PodInitializing" and not "ContainerCreating")
            {
                yield return $"{name}: container {s.Name} waiting, {waiting.Reason}{(string.IsNullOrEmpty(waiting.Message) ? string.Empty : ": " + waiting.Message)}";
            }
            else if (s.State?.Terminated is { ExitCode: not 0 } terminated)
            {
                yield return $"{name}: container {s.Name} exited with code {terminated.ExitCode} ({terminated.Reason}){(string.IsNullOrEmpty(terminated.Message) ? string.Empty : ": " + terminated.Message)}";
            }
            else if (s.LastState?.Terminated is { ExitCode: not 0 } last && s.RestartCount > 0)
            {
                yield return $"{name}: container {s.Name} restarted {s.RestartCount} time(s), last exit code {last.ExitCode} ({last.Reason})";
            }
        }
    }

    private static async Task<IReadOnlyList<string>> GatewayCausesAsync(RunContext ctx, ObjectRef gateway, JsonObject live, CancellationToken cancellationToken)
    {
        var className = live["spec"]?["gatewayClassName"]?.GetValue<string>();
        if (className is not null && await ctx.Dynamic.GetAsync(new ObjectRef(gateway.ApiVersion, "GatewayClass", null, className), cancellationToken) is null)
        {
            return [$"{gateway} uses GatewayClass {className}, which does not exist ({await WhoShouldCreateAsync(ctx, "GatewayClass", null, className, "installs", cancellationToken)}), so no controller accepts the Gateway"];
        }

        var conditions = ConditionCauses(gateway, live);
        if (conditions.Count == 0 && live["status"]?["conditions"] is not JsonArray { Count: > 0 })
        {
            return [$"{gateway} (GatewayClass {className}) has no status: no controller has accepted it yet"];
        }

        return conditions;
    }

    private static async Task<IReadOnlyList<string>> RouteCausesAsync(RunContext ctx, ObjectRef route, JsonObject live, CancellationToken cancellationToken)
    {
        var causes = new List<string>();
        var parents = live["status"]?["parents"] as JsonArray ?? [];
        foreach (var parentRef in (live["spec"]?["parentRefs"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var kind = parentRef["kind"]?.GetValue<string>() ?? "Gateway";
            if (kind != "Gateway")
            {
                continue;
            }

            var name = parentRef["name"]?.GetValue<string>() ?? string.Empty;
            var ns = parentRef["namespace"]?.GetValue<string>() ?? route.Namespace;
            var gatewayRef = new ObjectRef(route.ApiVersion.StartsWith("gateway.networking.k8s.io/", StringComparison.Ordinal) ? route.ApiVersion : "gateway.networking.k8s.io/v1", "Gateway", ns, name);
            if (await ctx.Dynamic.GetAsync(gatewayRef, cancellationToken) is null)
            {
                causes.Add($"{route} is attached to parent Gateway {ns}/{name}, which does not exist ({await WhoShouldCreateAsync(ctx, "Gateway", ns, name, "creates", cancellationToken)})");
                continue;
            }

            var status = parents.OfType<JsonObject>().FirstOrDefault(p => p["parentRef"]?["name"]?.GetValue<string>() == name && (p["parentRef"]?["namespace"]?.GetValue<string>() ?? route.Namespace) == ns);
            if (status is null)
            {
                causes.Add($"{route}: parent Gateway {ns}/{name} has not accepted the route (no status for that parent)");
                continue;
            }

            foreach (var c in (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().Where(c => c["status"]?.GetValue<string>() != "True"))
            {
                causes.Add($"{route}: parent Gateway {ns}/{name} {c["type"]}={c["status"]} ({c["reason"]}): {c["message"]}");
            }
        }

        return causes;
    }

    /// <summary>
    /// Why an object is missing: the app that lists it among its resources and what keeps that app from creating it
    /// (its sync failed, or it is manual and not synced), or "no app of this profile …" when no app lists it.
    /// </summary>
    private static async Task<string> WhoShouldCreateAsync(RunContext ctx, string kind, string? ns, string name, string verb, CancellationToken cancellationToken)
    {
        var apps = await ctx.Argo.ListAsync(cancellationToken);
        var owner = apps.Values.FirstOrDefault(a => a.Resources.Any(r => r.Kind == kind && r.Name == name && (ns is null || r.Namespace == ns)));
        if (owner is null)
        {
            return $"no app of this profile {verb} it";
        }

        var why = owner.OperationPhase is "Failed" or "Error" ? $"its sync {owner.OperationPhase.ToLowerInvariant()}: {owner.OperationMessage}"
            : owner.Automated ? $"it is {owner.SyncStatus}/{owner.HealthStatus}"
            : $"it is a manual-sync app, {owner.SyncStatus}: nothing deploys it until someone syncs it";
        return $"app {owner.Name} {verb} it, but {why}";
    }

    /// <summary>
    /// Why a Service does not answer: its pods that are not Ready and what they wait on (unschedulable, image pull,
    /// missing Secret, crash), or that no pod matches its selector, or that it does not exist. Best effort, never throws
    /// (except for cancellation); empty when nothing explains it.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ForServiceAsync(RunContext ctx, Scenarios.ServiceRef service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(service);
        try
        {
            var live = await ctx.Dynamic.GetAsync(new ObjectRef("v1", "Service", service.Namespace, service.Name), cancellationToken);
            if (live is null)
            {
                return [$"Service {service.Namespace}/{service.Name} does not exist ({await WhoShouldCreateAsync(ctx, "Service", service.Namespace, service.Name, "creates", cancellationToken)})"];
            }

            if (live["spec"]?["selector"] is not JsonObject { Count: > 0 } selector)
            {
                return [];
            }

            var labels = string.Join(",", selector.Select(kv => $"{kv.Key}={kv.Value}"));
            var pods = await ctx.Client.CoreV1.ListNamespacedPodAsync(service.Namespace, labelSelector: labels, cancellationToken: cancellationToken);
            var alive = pods.Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            if (alive.Count == 0)
            {
                return [$"no pod matches the selector {labels} of Service {service.Namespace}/{service.Name}"];
            }

            var owner = new ObjectRef("v1", "Service", service.Namespace, service.Name);
            return alive.Where(p => !Workloads.IsReady(p)).Take(2).SelectMany(p => PodCauses(owner, p)).Select(ctx.Redactor.Redact).Distinct(StringComparer.Ordinal).Take(MaxCauses).ToList();
        }
#pragma warning disable CA1031 // best effort: the probe's own message still says what failed
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return [];
        }
    }

    /// <summary>The telling status conditions of <paramref name="live"/> that are not True.</summary>
    private static IReadOnlyList<string> ConditionCauses(ObjectRef target, JsonObject live) =>
        (live["status"]?["conditions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(c => c["type"]?.GetValue<string>() is { } t && TellingConditions.Contains(t) && c["status"]?.GetValue<string>() is "False" or "Unknown")
            .Take(2)
            .Select(c => $"{target}: {c["type"]}={c["status"]} ({c["reason"]}){(c["message"]?.GetValue<string>() is { Length: > 0 } m ? ": " + m : string.Empty)}")
            .ToList();
}
