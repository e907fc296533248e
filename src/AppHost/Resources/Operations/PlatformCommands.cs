using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.AppHost.Substrates;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Steps;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.AppHost.Resources.Operations;

/// <summary>
/// The dashboard commands for what platform engineers do by hand: on Argo CD, scale a cost-gated app up or down
/// (<c>make vllm-up/down</c>, through the scale subresource as the harness's cost-gates suite does), sync an app and
/// hard-refresh an app (the annotation <c>argocd app get --hard-refresh</c> sets); on the runner, re-run the suites or
/// one profile, and keep the cluster after the run (reproduce). Each goes through the same code the suites use.
/// </summary>
public static class PlatformCommands
{
    public const string Sync = "sync-app";
    public const string HardRefresh = "hard-refresh-app";
    public const string Rerun = "rerun-suites";
    public const string RerunProfile = "rerun-profile";
    public const string Keep = "keep-cluster";

    public static string ScaleUp(string app) => "scale-up-" + app;

    public static string ScaleDown(string app) => "scale-down-" + app;

    /// <summary>Adds every command to the runner (run and keep) and to Argo CD (apps and cost gates).</summary>
    public static IResourceBuilder<ScenarioRunnerResource> WithPlatformCommands(this IResourceBuilder<ScenarioRunnerResource> runner, SubstrateResources substrate)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(substrate);
        var r = runner.Resource;
        var idle = new CommandOptions { UpdateState = _ => r.IsRunning ? ResourceCommandState.Disabled : ResourceCommandState.Enabled };
        var ready = new CommandOptions { UpdateState = _ => r.Substrate is null || r.State == KnownResourceStates.NotStarted || r.State == KnownResourceStates.Waiting ? ResourceCommandState.Disabled : ResourceCommandState.Enabled };
        var scenario = r.Scenario;
        var apps = new InteractionInput { Name = "app", Label = "Application", InputType = InputType.Text, Required = true, Placeholder = "e.g. " + (scenario.CostGates.FirstOrDefault()?.App ?? "litellm") };

        foreach (var gate in scenario.CostGates.Where(g => g.Scales))
        {
            substrate.ArgoCd.WithCommand(ScaleUp(gate.App), $"Scale {gate.App} up (make vllm-up)", c => ScaleAsync(r, gate.App, up: true, c.CancellationToken), new CommandOptions
            {
                Description = $"Scales {gate.Workload} to {gate.Scale!.Up} replica(s) through the scale subresource.",
                UpdateState = ready.UpdateState,
                IconName = "ArrowUp",
            });
            substrate.ArgoCd.WithCommand(ScaleDown(gate.App), $"Scale {gate.App} down (make vllm-down)", c => ScaleAsync(r, gate.App, up: false, c.CancellationToken), new CommandOptions
            {
                Description = $"Scales {gate.Workload} back to {gate.Scale!.Down} replica(s).",
                UpdateState = ready.UpdateState,
                IconName = "ArrowDown",
            });
        }

        substrate.ArgoCd.WithCommand(Sync, "Sync an app", c => SyncAsync(r, c.Arguments.GetString("app"), c.CancellationToken), new CommandOptions
        {
            Description = "Starts a sync of the Application (as argocd app sync does).",
            Arguments = [apps],
            UpdateState = ready.UpdateState,
            IconName = "ArrowSync",
        });
        substrate.ArgoCd.WithCommand(HardRefresh, "Hard-refresh an app", c => RefreshAsync(r, c.Arguments.GetString("app"), c.CancellationToken), new CommandOptions
        {
            Description = "Sets argocd.argoproj.io/refresh=hard on the Application (as argocd app get --hard-refresh does).",
            Arguments = [apps],
            UpdateState = ready.UpdateState,
            IconName = "ArrowClockwise",
        });

        runner.WithCommand(Rerun, "Re-run the suites", c => RerunAsync(r, r.Suites, c.CancellationToken), new CommandOptions
        {
            Description = "Runs the suites of this invocation again against the running cluster; the run view shows the new run.",
            UpdateState = idle.UpdateState,
            IconName = "ArrowRepeatAll",
            IsHighlighted = true,
        });
        runner.WithCommand(RerunProfile, "Re-run a profile", c => RerunAsync(r, [new SuiteDefinition("profile-matrix", SuiteKinds.ProfileMatrix) { Profiles = [c.Arguments.GetString("profile") ?? string.Empty] }], c.CancellationToken), new CommandOptions
        {
            Description = "Applies one profile and runs its profile-matrix checks again.",
            Arguments = [new InteractionInput { Name = "profile", Label = "Profile", InputType = InputType.Choice, Required = true, Options = [.. scenario.Profiles.Select(p => KeyValuePair.Create(p.Name, p.Name))] }],
            UpdateState = idle.UpdateState,
            IconName = "ArrowRepeat1",
        });
        runner.WithCommand(Keep, "Keep the cluster (reproduce)", _ =>
        {
            r.KeepRequested = true;
            r.Log.Write("the cluster will be kept after the run for kubectl (reproduce); press Ctrl-C to tear it down");
            return Task.FromResult(CommandResults.Success());
        }, new CommandOptions { Description = "After the run, keep every resource running and print the kubeconfig instead of tearing down.", IconName = "Pin" });
        return runner;
    }

    private static async Task<ExecuteCommandResult> ScaleAsync(ScenarioRunnerResource runner, string app, bool up, CancellationToken cancellationToken)
    {
        var gate = runner.Scenario.CostGates.First(g => g.App == app);
        return await WithContextAsync(runner, async ctx =>
        {
            var replicas = up ? gate.Scale!.Up : gate.Scale!.Down;
            await Workloads.ScaleAsync(ctx, ObjectRef.Of(gate.Workload!), replicas, cancellationToken);
            runner.Log.Write($"command: scaled {gate.Workload} to {replicas}");
            return CommandResults.Success($"{gate.Workload} scaled to {replicas}");
        });
    }

    private static async Task<ExecuteCommandResult> SyncAsync(ScenarioRunnerResource runner, string? app, CancellationToken cancellationToken) =>
        await WithContextAsync(runner, async ctx =>
        {
            if (string.IsNullOrWhiteSpace(app) || await ctx.Argo.GetAsync(app, cancellationToken) is null)
            {
                return CommandResults.Failure($"There is no Application '{app}' in namespace {ctx.Substrate.ArgoCdNamespace}; name one that exists.");
            }

            await ctx.Argo.SyncAsync(app, cancellationToken: cancellationToken);
            runner.Log.Write($"command: sync of {app} started");
            return CommandResults.Success($"sync of {app} started");
        });

    private static async Task<ExecuteCommandResult> RefreshAsync(ScenarioRunnerResource runner, string? app, CancellationToken cancellationToken) =>
        await WithContextAsync(runner, async ctx =>
        {
            if (string.IsNullOrWhiteSpace(app) || await ctx.Argo.GetAsync(app, cancellationToken) is null)
            {
                return CommandResults.Failure($"There is no Application '{app}' in namespace {ctx.Substrate.ArgoCdNamespace}; name one that exists.");
            }

            await ctx.Argo.RefreshAsync(app, hard: true, cancellationToken);
            runner.Log.Write($"command: hard refresh of {app} requested");
            return CommandResults.Success($"hard refresh of {app} requested");
        });

    private static async Task<ExecuteCommandResult> RerunAsync(ScenarioRunnerResource runner, IReadOnlyList<SuiteDefinition>? suites, CancellationToken cancellationToken)
    {
        if (suites is [{ Profiles: [var p] }] && runner.Scenario.Profiles.All(x => x.Name != p))
        {
            return CommandResults.Failure($"There is no profile '{p}' in scenario {runner.Scenario.Name}.");
        }

        var report = await runner.RunAsync(suites, cancellationToken);
        var failed = report.Checks.Count(c => c.Outcome == CheckOutcome.Failed);
        return report.Outcome == RunOutcome.Passed ? CommandResults.Success($"{report.Checks.Count} checks, none failed") : CommandResults.Failure($"{report.Outcome}: {failed} check(s) failed");
    }

    private static async Task<ExecuteCommandResult> WithContextAsync(ScenarioRunnerResource runner, Func<RunContext, Task<ExecuteCommandResult>> action)
    {
        if (runner.Substrate is null)
        {
            return CommandResults.Failure("The cluster is not up yet.");
        }

        try
        {
            var substrate = runner.Substrate();
            using var client = substrate.CreateClient();
            var ctx = new RunContext(runner.Scenario, substrate, client, new RunReportBuilder(), NullRunObserver.Instance, SecretRedactor.Shared, TimeProvider.System);
            return await action(ctx);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return CommandResults.Failure(SecretRedactor.Shared.Redact(e.Message));
        }
    }
}
