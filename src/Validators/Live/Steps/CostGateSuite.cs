using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// <c>cost-gates</c>: each cost-gated app exists, is OutOfSync and runs nothing; an explicit sync deploys it at
/// replicas 0 with no pods; scaling up (<c>make vllm-up</c>) gives one Ready pod on the GPU-shaped node; a hard
/// refresh does not revert the replicas; the smoke answers 200 with the key and 401 without; scaling down returns
/// to zero pods; an idle-pause annotation set live is not reverted. Every scale-up registers its scale-down first,
/// so a failure, timeout or Ctrl-C still returns the workload to zero.
/// </summary>
public sealed class CostGateSuite : ILiveSuite
{
    public string Kind => SuiteKinds.CostGates;

    public IEnumerable<LiveStep> Plan(RunContext ctx, SuiteDefinition suite, IStaticAnalysis? analysis) => Steps(ctx, suite);

    public static IEnumerable<LiveStep> Steps(RunContext ctx, SuiteDefinition suite)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(suite);
        var profile = suite.Profile ?? ctx.Scenario.Profiles[^1].Name;
        var gates = ctx.Scenario.CostGates.Where(g => suite.Apps.Count == 0 || suite.Apps.Contains(g.App)).ToList();
        var t = ctx.Timeouts;
        yield return new LiveStep(LiveChecks.EnsureProfile, profile, t.Apply + t.Healthy + ProfileSteps.ReportingAllowance, "healthy", (c, token) => ProfileSteps.EnsureAsync(c, profile, token));
        foreach (var gate in gates)
        {
            var workload = gate.Workload is { } w ? ObjectRef.Of(w) : null;
            yield return new LiveStep(LiveChecks.GateClosed, profile, t.Sync, "sync", (c, token) => GateClosedAsync(c, profile, gate, token));
            yield return new LiveStep(LiveChecks.Sync, profile, t.Sync * 2, "sync", (c, token) => SyncAsync(c, profile, gate, token));
            if (workload is not null && gate.Scales && IsScalable(workload))
            {
                yield return new LiveStep(LiveChecks.ScaleUp, profile, t.Scale + t.Sync, "scale", (c, token) => ScaleUpAsync(c, profile, gate, workload, token));
                yield return new LiveStep(LiveChecks.RefreshKeepsReplicas, profile, t.Sync + t.Settle, "settle", (c, token) => RefreshKeepsReplicasAsync(c, profile, gate, workload, token));
                if (ctx.Scenario.Smoke is { } smoke && smoke.Service.Namespace == workload.Namespace)
                {
                    yield return new LiveStep(LiveChecks.Smoke, profile, t.Smoke * 3, "smoke", (c, token) => SmokeSteps.RunAsync(c, smoke, profile, token));
                }

                yield return new LiveStep(LiveChecks.ScaleDown, profile, t.Scale + t.Sync, "scale", (c, token) => ScaleDownAsync(c, profile, gate, workload, token));
            }

            if (gate.IdlePause is { } pause && workload is { } paused)
            {
                yield return new LiveStep(LiveChecks.IdlePause, profile, t.Sync + t.Settle, "settle", (c, token) => IdlePauseAsync(c, profile, gate, paused, pause, token));
            }
        }
    }

    private static bool IsScalable(ObjectRef workload) => workload.Kind is "Deployment" or "StatefulSet" or "ReplicaSet";

    private static async Task GateClosedAsync(RunContext ctx, string profile, CostGate gate, CancellationToken cancellationToken)
    {
        var app = await ctx.Argo.GetAsync(gate.App, cancellationToken);
        if (app is null)
        {
            ctx.Fail(LiveChecks.GateClosed, profile, $"cost-gated app {gate.App} does not exist after applying profile {profile}: its layer root must create it (manual sync) so it can be synced on demand", gate.App);
            throw new StepFailedException($"Cost-gated app {gate.App} is missing.");
        }

        var problems = new List<string>();
        if (app.Automated)
        {
            problems.Add("it has an automated sync policy (a cost gate must be manual)");
        }

        if (app.SyncStatus != "OutOfSync")
        {
            problems.Add($"its sync status is {app.SyncStatus}, expected OutOfSync before anyone syncs it");
        }

        var deployed = new List<string>();
        foreach (var r in app.Resources)
        {
            if (await ctx.Dynamic.GetAsync(new ObjectRef(r.ApiVersion, r.Kind, r.Namespace, r.Name), cancellationToken) is not null && r.Kind is not "Namespace")
            {
                deployed.Add(r.ToString());
            }
        }

        if (gate.Workload is { } wr && ObjectRef.Of(wr) is var w && !deployed.Contains(w.ToString()) && await ctx.Dynamic.GetAsync(w, cancellationToken) is not null)
        {
            deployed.Add(w.ToString());
        }

        if (deployed.Count > 0)
        {
            problems.Add($"objects already deployed: {string.Join(", ", deployed.Take(5))}");
        }

        if (problems.Count == 0)
        {
            ctx.Pass(LiveChecks.GateClosed, profile, $"cost-gated app {gate.App} exists, is OutOfSync and deploys nothing", gate.App);
        }
        else
        {
            ctx.Fail(LiveChecks.GateClosed, profile, $"cost gate of app {gate.App} is open: {string.Join("; ", problems)}", gate.App);
        }
    }

    private static async Task SyncAsync(RunContext ctx, string profile, CostGate gate, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        await ctx.Argo.SyncAsync(gate.App, cancellationToken: cancellationToken);
        try
        {
            await ctx.WaitUntilAsync(
                $"the sync of {gate.App} to succeed",
                "sync",
                ctx.Timeouts.Sync,
                async token =>
                {
                    var app = await ctx.Argo.GetAsync(gate.App, token);
                    var failed = app is { OperationPending: false, OperationPhase: "Failed" or "Error" };
                    if (failed)
                    {
                        throw new StepFailedException($"the sync of {gate.App} failed: {app!.OperationMessage}");
                    }

                    var done = app is { OperationPending: false, OperationPhase: "Succeeded", SyncStatus: "Synced" };
                    return (done, app, app is null ? "app missing" : $"operation {app.OperationPhase ?? "pending"}, {app.SyncStatus}/{app.HealthStatus}");
                },
                cancellationToken);
        }
        catch (Exception e) when (e is StepFailedException or WaitTimeoutException)
        {
            ctx.Fail(LiveChecks.Sync, profile, $"app {gate.App}: {e.Message}", gate.App, sw.Elapsed);
            await Diagnostics.CollectAsync(ctx, gate.App, profile, cancellationToken);
            throw new StepFailedException($"Syncing {gate.App} failed.", e);
        }

        if (gate.Workload is not { } declared || gate.Scale is not { } scale || !IsScalable(ObjectRef.Of(declared)))
        {
            // Without `scale` the harness knows no replica count to expect: it checks only that the sync succeeds.
            ctx.Pass(LiveChecks.Sync, profile, $"app {gate.App} synced", gate.App, sw.Elapsed);
            return;
        }

        var workload = ObjectRef.Of(declared);

        var replicas = await Workloads.ReplicasAsync(ctx, workload, cancellationToken);
        var pods = await Workloads.PodsAsync(ctx, workload, cancellationToken);
        if (replicas == scale.Down && pods.Count == 0)
        {
            ctx.Pass(LiveChecks.Sync, profile, $"app {gate.App} synced: {workload} deployed at replicas {replicas} with no pods", gate.App, sw.Elapsed);
        }
        else
        {
            ctx.Fail(LiveChecks.Sync, profile, $"app {gate.App} synced but {workload} has replicas {replicas?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(missing)"} and {pods.Count} pod(s); a cost gate must deploy at {scale.Down} with no pods", gate.App, sw.Elapsed);
        }
    }

    private static async Task ScaleUpAsync(RunContext ctx, string profile, CostGate gate, ObjectRef workload, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();

        // Register the way back before spending anything.
        ctx.Cleanups.Push($"scale {workload} to {gate.Scale!.Down}", token => Workloads.ScaleAsync(ctx, workload, gate.Scale!.Down, token));
        await Workloads.ScaleAsync(ctx, workload, gate.Scale!.Up, cancellationToken);
        try
        {
            var pods = await ctx.WaitUntilAsync(
                $"{gate.Scale!.Up} Ready pod(s) of {workload} (app {gate.App})",
                "scale",
                ctx.Timeouts.Scale,
                async token =>
                {
                    var p = await Workloads.PodsAsync(ctx, workload, token);
                    var ready = p.Where(Workloads.IsReady).ToList();
                    var state = p.Count == 0 ? "no pod yet" : string.Join("; ", p.Select(x => $"{x.Metadata.Name} {x.Status?.Phase} {string.Join(",", x.Status?.Conditions?.Where(c => c.Status != "True").Select(c => $"{c.Type}={c.Status} {c.Reason} {c.Message}") ?? [])}"));
                    return (ready.Count == gate.Scale!.Up, ready, state);
                },
                cancellationToken);
            var message = $"app {gate.App}: scaled {workload} to {gate.Scale!.Up}, {pods.Count} Ready pod(s)";
            if (gate.Gpu)
            {
                var nodes = new List<string>();
                foreach (var pod in pods)
                {
                    var node = pod.Spec.NodeName is { } n ? await ctx.Client.CoreV1.ReadNodeAsync(n, cancellationToken: cancellationToken) : null;
                    if (node is null || !Workloads.AdvertisesGpu(node))
                    {
                        ctx.Fail(LiveChecks.ScaleUp, profile, $"app {gate.App}: pod {pod.Metadata.Name} runs on node {pod.Spec.NodeName ?? "(none)"}, which advertises no nvidia.com/gpu", gate.App, sw.Elapsed);
                        return;
                    }

                    nodes.Add(node.Metadata.Name);
                }

                message += $" on GPU node(s) {string.Join(", ", nodes)}";
            }

            ctx.Pass(LiveChecks.ScaleUp, profile, message, gate.App, sw.Elapsed);
        }
        catch (WaitTimeoutException e)
        {
            ctx.Fail(LiveChecks.ScaleUp, profile, $"app {gate.App}: {e.Message}", gate.App, sw.Elapsed);
            await Diagnostics.CollectAsync(ctx, gate.App, profile, cancellationToken);
            throw new StepFailedException($"Scaling up {workload} failed.", e);
        }
    }

    private static async Task RefreshKeepsReplicasAsync(RunContext ctx, string profile, CostGate gate, ObjectRef workload, CancellationToken cancellationToken)
    {
        await ctx.Argo.RefreshAsync(gate.App, hard: true, cancellationToken);
        await ctx.DelayAsync(ctx.Timeouts.Settle, cancellationToken);
        var replicas = await Workloads.ReplicasAsync(ctx, workload, cancellationToken);
        var app = await ctx.Argo.GetAsync(gate.App, cancellationToken);
        var tracked = app?.Resources.FirstOrDefault(r => r.Kind == workload.Kind && r.Name == workload.Name && r.Namespace == workload.Namespace);
        if (replicas == gate.Scale!.Up && tracked?.Status == "OutOfSync")
        {
            // A manual app is not reverted by a refresh, but Argo CD now sees drift: the next sync (of this app or a
            // parent with selfHeal) puts the replicas back to what Git says.
            ctx.Fail(LiveChecks.RefreshKeepsReplicas, profile, $"app {gate.App}: after scaling {workload} to {replicas} and a hard refresh, Argo CD reports it OutOfSync: its replicas are not ignored (ignoreDifferences on /spec/replicas with RespectIgnoreDifferences=true), so the next sync of {gate.App} scales it back to {gate.Scale!.Down}", gate.App);
        }
        else if (replicas == gate.Scale!.Up)
        {
            ctx.Pass(LiveChecks.RefreshKeepsReplicas, profile, $"app {gate.App}: a hard refresh kept {workload} at {replicas} replica(s) (sync status {app?.SyncStatus})", gate.App);
        }
        else
        {
            ctx.Fail(LiveChecks.RefreshKeepsReplicas, profile, $"app {gate.App}: after a hard refresh {workload} has {replicas} replica(s), expected {gate.Scale!.Up}: the replicas are not ignored (ignoreDifferences on /spec/replicas with RespectIgnoreDifferences=true)", gate.App);
        }
    }

    private static async Task ScaleDownAsync(RunContext ctx, string profile, CostGate gate, ObjectRef workload, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        await Workloads.ScaleAsync(ctx, workload, gate.Scale!.Down, cancellationToken);
        try
        {
            await ctx.WaitUntilAsync(
                $"{workload} (app {gate.App}) to have no pods",
                "scale",
                ctx.Timeouts.Scale,
                async token =>
                {
                    var p = await Workloads.PodsAsync(ctx, workload, token);
                    return (p.Count == 0, p.Count, $"{p.Count} pod(s) left");
                },
                cancellationToken);
            ctx.Pass(LiveChecks.ScaleDown, profile, $"app {gate.App}: scaled {workload} to {gate.Scale!.Down}, no pods left", gate.App, sw.Elapsed);
        }
        catch (WaitTimeoutException e)
        {
            ctx.Fail(LiveChecks.ScaleDown, profile, $"app {gate.App}: {e.Message}", gate.App, sw.Elapsed);
        }
    }

    private static async Task IdlePauseAsync(RunContext ctx, string profile, CostGate gate, ObjectRef target, IdlePause pause, CancellationToken cancellationToken)
    {
        if (await ctx.Dynamic.GetAsync(target, cancellationToken) is null)
        {
            ctx.Fail(LiveChecks.IdlePause, profile, $"app {gate.App}: {target} does not exist after the sync, so it cannot be paused", gate.App);
            return;
        }

        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [pause.Annotation] = pause.Value } } };
        await ctx.Dynamic.MergePatchAsync(target, patch, cancellationToken: cancellationToken);
        await ctx.Argo.RefreshAsync(gate.App, hard: true, cancellationToken);
        await ctx.DelayAsync(ctx.Timeouts.Settle, cancellationToken);
        var live = await ctx.Dynamic.GetAsync(target, cancellationToken);
        var value = live?["metadata"]?["annotations"]?[pause.Annotation]?.GetValue<string>();
        if (value == pause.Value)
        {
            ctx.Pass(LiveChecks.IdlePause, profile, $"app {gate.App}: the idle-pause annotation {pause.Annotation}={pause.Value} on {target} survived a refresh (manual sync does not revert it)", gate.App);
        }
        else
        {
            ctx.Fail(LiveChecks.IdlePause, profile, $"app {gate.App}: the idle-pause annotation {pause.Annotation} on {target} was reverted to '{value ?? "(absent)"}': something self-heals this manual app", gate.App);
        }
    }
}
