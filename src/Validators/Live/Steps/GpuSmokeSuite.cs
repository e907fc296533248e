using System.Diagnostics;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// <c>gpu-smoke</c>: against the real GPU cluster named by environment variables — sync the GPU app, scale it up,
/// wait (long timeout) for the GPU pod, smoke 200 — and scale back to zero in a finally that also runs on Ctrl-C,
/// timeout and when the cost guard (maximum minutes up) fires; then check replicas are 0. Without credentials
/// the suite is skipped with the variables to set.
/// </summary>
public sealed class GpuSmokeSuite : ILiveSuite
{
    public string Kind => SuiteKinds.GpuSmoke;

    public IEnumerable<LiveStep> Plan(RunContext ctx, SuiteDefinition suite, IStaticAnalysis? analysis) => Steps(ctx, suite);

    public const string KubeconfigVariable = "PV_GPU_KUBECONFIG";
    public const string ApiKeyVariable = "PV_GPU_API_KEY";
    public const string MaxMinutesVariable = "PV_GPU_MAX_MINUTES";
    public const string ArgoNamespaceVariable = "PV_GPU_ARGOCD_NAMESPACE";
    public const string Check = LiveChecks.GpuSmoke;

    public static IEnumerable<LiveStep> Steps(RunContext ctx, SuiteDefinition suite)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(suite);
        var t = ctx.Timeouts;
        var kubeconfig = Environment.GetEnvironmentVariable(KubeconfigVariable);
        var apiKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
        ctx.Redactor.Register(apiKey);
        var gate = ctx.Scenario.CostGates.FirstOrDefault(g => g.Gpu && (suite.Apps.Count == 0 || suite.Apps.Contains(g.App)));
        if (string.IsNullOrEmpty(kubeconfig) || string.IsNullOrEmpty(apiKey) || gate?.Workload is null || ctx.Scenario.Smoke is null)
        {
            var why = gate?.Workload is null ? "the scenario declares no GPU cost gate with a workload (`costGates: - gpu: true`)"
                : ctx.Scenario.Smoke is null ? "the scenario declares no `smoke` request"
                : $"no real GPU cluster was given: set {KubeconfigVariable} (a kubeconfig for the L4 cluster) and {ApiKeyVariable} (the model server's API key); optional {MaxMinutesVariable} (cost guard, default {suite.MaxMinutesUp ?? 30} min) and {ArgoNamespaceVariable} (default argocd)";
            yield return new LiveStep(LiveChecks.Credentials, null, t.Apply, "apply", (c, _) =>
            {
                c.Skip(Check, null, $"gpu-smoke skipped: {why}");
                return Task.CompletedTask;
            });
            yield break;
        }

        var maxMinutes = double.TryParse(Environment.GetEnvironmentVariable(MaxMinutesVariable), System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0 ? m : suite.MaxMinutesUp ?? 30;
        var guard = TimeSpan.FromMinutes(maxMinutes);
        yield return new LiveStep(LiveChecks.GpuSmoke, null, guard + t.Sync + t.Cleanup, "gpuPod", (c, token) => RunAsync(c, kubeconfig, apiKey, gate, guard, token));
    }

    private static async Task RunAsync(RunContext ctx, string kubeconfig, string apiKey, CostGate gate, TimeSpan guard, CancellationToken cancellationToken)
    {
        var substrate = new KubeconfigLiveSubstrate(kubeconfig, Environment.GetEnvironmentVariable(ArgoNamespaceVariable) ?? "argocd", name: "kubeconfig (GPU)");
        using var client = substrate.CreateClient();
        var gpu = new RunContext(ctx.Scenario, substrate, client, ctx.Report, ctx.Observer, ctx.Redactor, ctx.Time) { Suite = ctx.Suite, Timeouts = ctx.Timeouts };
        var workload = ObjectRef.Of(gate.Workload!);
        var scale = gate.Scale ?? new ScaleSpec(1, 0);
        var smoke = ctx.Scenario.Smoke! with { ApiKey = new ApiKeySource(null, ApiKeyVariable) };
        var sw = Stopwatch.StartNew();

        // The cost guard: however the steps below go, the GPU is released within `guard` of scaling up.
        using var guardCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await gpu.Argo.SyncAsync(gate.App, cancellationToken: guardCts.Token);
            await gpu.WaitUntilAsync($"the sync of {gate.App}", "sync", gpu.Timeouts.Sync, async token =>
            {
                var app = await gpu.Argo.GetAsync(gate.App, token);
                return (app is { OperationPending: false, OperationPhase: "Succeeded" }, 0, $"{app?.OperationPhase ?? "pending"}: {app?.OperationMessage}");
            }, guardCts.Token);
            guardCts.CancelAfter(guard);
            await Workloads.ScaleAsync(gpu, workload, scale.Up, guardCts.Token);
            await gpu.WaitUntilAsync($"a Ready GPU pod of {workload}", "gpuPod", gpu.Timeouts.GpuPod, async token =>
            {
                var pods = await Workloads.PodsAsync(gpu, workload, token);
                return (pods.Any(Workloads.IsReady), 0, pods.Count == 0 ? "no pod yet" : string.Join("; ", pods.Select(p => $"{p.Metadata.Name} {p.Status?.Phase}")));
            }, guardCts.Token);
            await SmokeSteps.RunAsync(gpu, smoke, null, guardCts.Token);
        }
        catch (OperationCanceledException) when (guardCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            gpu.Fail(Check, null, $"gpu-smoke: the cost guard of {guard.TotalMinutes:0.#} min fired before the smoke finished; {workload} is being scaled back to {scale.Down}", gate.App, sw.Elapsed);
        }
        catch (Exception e) when (e is WaitTimeoutException or KubeApiException)
        {
            gpu.Fail(Check, null, $"gpu-smoke on app {gate.App}: {e.Message}", gate.App, sw.Elapsed);
        }
        finally
        {
            // Runs on success, failure, timeout, cost guard and Ctrl-C alike, with its own time budget.
            using var cleanup = new CancellationTokenSource(ctx.Timeouts.Cleanup);
            try
            {
                await Workloads.ScaleAsync(gpu, workload, scale.Down, cleanup.Token);
                var replicas = await Workloads.ReplicasAsync(gpu, workload, cleanup.Token);
                if (replicas == scale.Down)
                {
                    gpu.Pass(LiveChecks.GpuReleased, null, $"{workload} is back at {replicas} replica(s)", gate.App);
                }
                else
                {
                    gpu.Fail(LiveChecks.GpuReleased, null, $"{workload} still has {replicas} replica(s) after scaling down: scale it to {scale.Down} by hand (it costs money while up)", gate.App);
                }
            }
#pragma warning disable CA1031 // the release must be reported, never thrown over the original failure
            catch (Exception e)
#pragma warning restore CA1031
            {
                gpu.Fail(LiveChecks.GpuReleased, null, $"could not scale {workload} back to {scale.Down}: {ctx.Redactor.Describe(e)} — scale it down by hand (KUBECONFIG=${KubeconfigVariable} kubectl scale ...)", gate.App);
            }
        }
    }
}
