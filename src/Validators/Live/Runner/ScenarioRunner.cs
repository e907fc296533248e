using System.Diagnostics;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Steps;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>
/// Runs suites of a scenario against a substrate, step by step, each step under its named timeout. A step that
/// fails stops its suite (the rest is recorded as skipped) and the run goes on with the next suite. Each suite's
/// cleanups run when it ends, however it ends; the run ends by checking every cost-gated workload is back at its
/// scale-down replicas. Cancellation stops the run between or inside steps and still runs the cleanups.
/// </summary>
public sealed class ScenarioRunner
{
    /// <summary>Activity source of runs and steps (OpenTelemetry traces).</summary>
    public static readonly ActivitySource Activities = new("PlatformValidation.Live");

    private readonly LiveScenario scenario;
    private readonly ILiveSubstrate substrate;
    private readonly IRunObserver observer;
    private readonly SecretRedactor redactor;
    private readonly TimeProvider time;

    public ScenarioRunner(LiveScenario scenario, ILiveSubstrate substrate, IRunObserver? observer = null, SecretRedactor? redactor = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(substrate);
        this.scenario = scenario;
        this.substrate = substrate;
        this.observer = observer ?? NullRunObserver.Instance;
        this.redactor = redactor ?? SecretRedactor.Shared;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The static path, for the <c>static</c> suite (null: that suite is skipped with a message).</summary>
    public IStaticAnalysis? StaticAnalysis { get; init; }

    /// <summary>
    /// Runs <paramref name="suites"/> (default: the scenario's) and returns the report. Never throws for a failing
    /// check or a broken cluster: the report says what happened. Cancellation yields a report with outcome
    /// <see cref="RunOutcome.Cancelled"/> after the cleanups have run.
    /// </summary>
    public async Task<RunReport> RunAsync(IReadOnlyList<SuiteDefinition>? suites = null, CancellationToken cancellationToken = default)
    {
        var toRun = suites ?? scenario.Suites;
        var report = new RunReportBuilder();
        var startedAt = time.GetUtcNow();
        var sw = Stopwatch.StartNew();
        using var run = Activities.StartActivity("run");
        run?.SetTag("pv.scenario", scenario.Name);
        run?.SetTag("pv.substrate", substrate.Name);
        using var client = substrate.CreateClient();
        var ctx = new RunContext(scenario, substrate, client, report, observer, redactor, time);
        RunOutcome? outcome = null;
        string? message = null;
        try
        {
            foreach (var suite in toRun)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await RunSuiteAsync(ctx, suite, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = RunOutcome.Cancelled;
            message = "The run was cancelled; cleanups ran (cost-gated workloads scaled back).";
        }
        catch (ScenarioRunException e)
        {
            outcome = RunOutcome.CouldNotRun;
            message = redactor.Redact(e.Message);
        }
        finally
        {
            await FinalReleaseCheckAsync(ctx);
        }

        var built = report.Build(scenario.Name, substrate.Name, startedAt, sw.Elapsed, scenario.Profiles.Select(p => p.Name).ToList(), outcome, message);
        run?.SetTag("pv.outcome", built.Outcome.ToString());
        return built;
    }

    private async Task RunSuiteAsync(RunContext ctx, SuiteDefinition suite, CancellationToken cancellationToken)
    {
        using var activity = Activities.StartActivity("suite " + suite.Name);
        activity?.SetTag("pv.suite", suite.Name);
        ctx.Suite = suite.Name;
        ctx.Timeouts = substrate.Adjust(SuitePlanner.TimeoutsFor(scenario.Timeouts, suite));
        string? stoppedBy = null;
        try
        {
            foreach (var step in SuitePlanner.Plan(ctx, suite, StaticAnalysis))
            {
                if (stoppedBy is not null)
                {
                    ctx.Report.Add(new StepRecord(suite.Name, step.Name, step.Profile, TimeSpan.Zero, TimeSpan.Zero, CheckOutcome.Skipped));
                    continue;
                }

                var failed = await RunStepAsync(ctx, suite, step, cancellationToken);
                if (failed is not null)
                {
                    stoppedBy = failed;
                    ctx.Skip(LiveChecks.SuiteStopped, step.Profile, $"suite {suite.Name} stopped after step {step.Name}: {failed}");
                }
            }
        }
        finally
        {
            var failures = await ctx.Cleanups.RunAllAsync(ctx.Timeouts.Cleanup, name => ctx.Info($"cleanup of suite {suite.Name}: {name} done"));
            foreach (var failure in failures)
            {
                ctx.Fail(LiveChecks.Cleanup, null, failure);
            }
        }
    }

    /// <summary>Runs one step; returns why it stopped the suite, or null.</summary>
    private async Task<string?> RunStepAsync(RunContext ctx, SuiteDefinition suite, LiveStep step, CancellationToken cancellationToken)
    {
        using var activity = Activities.StartActivity("step " + step.Name);
        activity?.SetTag("pv.suite", suite.Name);
        activity?.SetTag("pv.step", step.Name);
        activity?.SetTag("pv.profile", step.Profile);
        observer.StepStarted(suite.Name, step.Name, step.Profile);
        var failedBefore = ctx.Report.Checks.Count(c => c.Outcome == CheckOutcome.Failed);
        var waitingBefore = ctx.Waiting;
        var sw = Stopwatch.StartNew();
        string? stop = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(step.Timeout);
        try
        {
            await step.Run(ctx, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            stop = $"step {step.Name}{(step.Profile is null ? string.Empty : " of profile " + step.Profile)} timed out after {DurationText.Format(step.Timeout)} (raise `timeouts.{step.TimeoutName}`)";
            ctx.Fail(step.Name, step.Profile, stop, duration: sw.Elapsed);
        }
        catch (Exception e) when (e is StepFailedException or WaitTimeoutException or KubeApiException or k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            stop = redactor.Redact(e.Message);
            if (e is not StepFailedException || ctx.Report.Checks.Count(c => c.Outcome == CheckOutcome.Failed) == failedBefore)
            {
                ctx.Fail(step.Name, step.Profile, stop, duration: sw.Elapsed);
            }
        }
#pragma warning disable CA1031 // an unexpected error fails the step with its type and message; the run goes on
        catch (Exception e) when (e is not OperationCanceledException and not ScenarioRunException)
#pragma warning restore CA1031
        {
            stop = redactor.Redact($"step {step.Name} failed unexpectedly: {e.GetType().Name}: {e.Message}");
            ctx.Fail(step.Name, step.Profile, stop, duration: sw.Elapsed);
        }

        var outcome = stop is not null || ctx.Report.Checks.Count(c => c.Outcome == CheckOutcome.Failed) > failedBefore ? CheckOutcome.Failed : CheckOutcome.Passed;
        var record = new StepRecord(suite.Name, step.Name, step.Profile, sw.Elapsed, ctx.Waiting - waitingBefore, outcome);
        ctx.Report.Add(record);
        activity?.SetTag("pv.outcome", outcome.ToString());
        if (outcome == CheckOutcome.Failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, stop);
        }

        observer.StepFinished(record);
        return stop;
    }

    /// <summary>The last word of every run: each scalable cost-gated workload that exists must be at its scale-down replicas.</summary>
    private async Task FinalReleaseCheckAsync(RunContext ctx)
    {
        ctx.Suite = "release";
        using var cts = new CancellationTokenSource(scenario.Timeouts.Cleanup);
        foreach (var gate in scenario.CostGates.Where(g => g.Workload is { Kind: "Deployment" or "StatefulSet" } && g.Scales))
        {
            var workload = ObjectRef.Of(gate.Workload!);
            var down = gate.Scale!.Down;
            try
            {
                var replicas = await Workloads.ReplicasAsync(ctx, workload, cts.Token);
                if (replicas is { } r && r != down)
                {
                    await Workloads.ScaleAsync(ctx, workload, down, cts.Token);
                    ctx.Fail(LiveChecks.Released, null, $"app {gate.App}: {workload} was left at {r} replica(s); the harness scaled it back to {down}", gate.App);
                }
            }
#pragma warning disable CA1031 // the release check reports, it never throws over the run's result
            catch (Exception e)
#pragma warning restore CA1031
            {
                ctx.Fail(LiveChecks.Released, null, $"app {gate.App}: could not check that {workload} is back at {down}: {redactor.Describe(e)}", gate.App);
            }
        }
    }
}
