using System.CommandLine;
using System.Text.Json;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Reports;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Steps;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// <c>reproduce --profile P [--app A]</c>: brings a cluster to the point where profile P is applied and keeps it
/// running for kubectl; writes a diagnostics bundle (conditions, operation message, resource health, events, pod
/// logs, live-vs-desired diff) for every failing app and for <c>--app</c>.
/// </summary>
public static class ReproduceCommand
{
    public static Command Create()
    {
        var live = new LiveOptions();
        var profile = new Option<string>("--profile") { Description = "The profile to bring the cluster to.", Required = true };
        var appOption = new Option<string?>("--app") { Description = "An app whose diagnostics are written even if it is healthy." };
        var bundle = new Option<string?>("--bundle") { Description = "Directory for the diagnostics bundle (default ./pv-reproduce-PROFILE)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Exit after writing the bundle instead of keeping the cluster until Ctrl-C." };
        var command = new Command("reproduce", "Bring a cluster to a profile, keep it running, and write diagnostics for failing apps.");
        live.AddTo(command, reports: false);
        command.Options.Add(profile);
        command.Options.Add(appOption);
        command.Options.Add(bundle);
        command.Options.Add(noWait);
        command.SetAction((parse, token) => RunAsync(live.Read(parse), parse.GetValue(profile)!, parse.GetValue(appOption), parse.GetValue(bundle), parse.GetValue(noWait), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, token));
        return command;
    }

    public static async Task<int> RunAsync(LiveInvocation invocation, string profile, string? app, string? bundleDir, bool noWait, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (invocation.Conflict() is { } conflict)
        {
            await stderr.WriteLineAsync("error: " + conflict);
            return CommandCatalog.CouldNotRun;
        }

        var scenario = await LiveRun.LoadScenarioAsync(invocation.Scenario, stderr, invocation.Repo);
        if (scenario is null)
        {
            return CommandCatalog.CouldNotRun;
        }

        if (scenario.Profiles.All(p => p.Name != profile))
        {
            await stderr.WriteLineAsync($"error: --profile {profile} is not defined in scenario {scenario.Name} (profiles: {string.Join(", ", scenario.Profiles.Select(p => p.Name))}).");
            return CommandCatalog.CouldNotRun;
        }

        var bundle = Path.GetFullPath(bundleDir ?? $"pv-reproduce-{profile}");
        var console = new ConsoleRunReporter(stdout);
        var options = new RunOptions(scenario, invocation.Substrate)
        {
            Suites = [new SuiteDefinition("reproduce", SuiteKinds.ProfileMatrix) { Profiles = [profile] }],
            Kubeconfig = invocation.Kubeconfig,
            KubeconfigContext = invocation.Context,
            ArgoCdManifest = invocation.ArgoCdManifest,
            InstallArgoCd = invocation.InstallArgoCd,
            DashboardPort = invocation.DashboardPort,
            AspireDashboard = invocation.AspireDashboard,
            SimGitOverHttp = invocation.SimGitOverHttp,
            Observers = [console],
        };
        using var own = TerminationSignals.Current is null ? new TerminationSignals(cancellationToken, stderr) : null;
        var signals = TerminationSignals.Current ?? own!;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Token);
        cancellationToken = linked.Token;
        var waiting = false;
        await using var system = PlatformSystem.Compose(options);
        try
        {
            var exit = await system.RunAsync(
                async (a, token) =>
                {
                    await LiveRun.AnnounceAsync(a, invocation.Substrate, stdout);
                    var runner = a.Resource<ScenarioRunnerResource>("runner");
                    var report = await runner.RunAsync(token);
                    console.Summary(report);
                    if (report.Outcome == RunOutcome.Cancelled)
                    {
                        return signals.ExitCode ?? CommandCatalog.CouldNotRun;
                    }

                    var substrate = runner.Substrate!();
                    using var client = substrate.CreateClient();
                    var ctx = new RunContext(scenario, substrate, client, new RunReportBuilder(), NullRunObserver.Instance, SecretRedactor.Shared, TimeProvider.System);
                    var failing = report.Checks.Where(c => c.Outcome == CheckOutcome.Failed && c.App is not null).Select(c => c.App!).Distinct().ToList();
                    if (app is not null && !failing.Contains(app))
                    {
                        failing.Add(app);
                    }

                    Directory.CreateDirectory(bundle);
                    var collected = new List<AppDiagnostics>();
                    foreach (var name in failing)
                    {
                        var d = await Diagnostics.CollectAsync(ctx, name, profile, token);
                        if (d is not null)
                        {
                            collected.Add(d);
                        }

                        var text = d is null ? $"{{\"app\":\"{name}\",\"error\":\"the Application does not exist\"}}" : JsonSerializer.Serialize(d, BundleJson.Options);
                        await File.WriteAllTextAsync(Path.Combine(bundle, name + ".json"), SecretRedactor.Shared.Redact(text), token);
                    }

                    await File.WriteAllTextAsync(Path.Combine(bundle, "report.html"), HtmlRunReportWriter.Render(report with { Diagnostics = [.. report.Diagnostics.Where(x => collected.TrueForAll(c => c.App != x.App)), .. collected] }, resources: HtmlRunReportWriter.Snapshot(a.Resources)), token);
                    await stdout.WriteLineAsync($"""

                        Profile {profile} is applied on substrate {substrate.Name}.
                          export KUBECONFIG={substrate.KubeconfigPath}
                          kubectl -n {substrate.ArgoCdNamespace} get applications
                          kubectl -n {substrate.ArgoCdNamespace} get application <app> -o yaml   # conditions, operationState, resources{PortForwardHint(scenario.Smoke, profile)}
                        Run view: {a.Resource<RunViewResource>("run-view").Url}
                        Diagnostics bundle ({failing.Count} app(s)): {bundle}
                        """);
                    if (!noWait)
                    {
                        await stdout.WriteLineAsync("The cluster keeps running; press Ctrl-C to tear it down.");
                        waiting = true;
                        try
                        {
                            await Task.Delay(Timeout.Infinite, token);
                        }
                        catch (OperationCanceledException)
                        {
                            // Ctrl-C: the finally of RunAsync tears everything down.
                        }
                    }

                    return report.Outcome == RunOutcome.Passed ? CommandCatalog.Passed : report.Outcome == RunOutcome.Failed ? CommandCatalog.ChecksFailed : CommandCatalog.CouldNotRun;
                },
                cancellationToken);

            // Ctrl-C while the cluster was kept for kubectl is how reproduce ends: the exit code stays the reproduction's.
            if (waiting)
            {
                await stdout.WriteLineAsync("Stopped: the cluster and everything reproduce started are gone (the diagnostics bundle stays).");
                return exit;
            }

            if (signals.ExitCode is { } cancelled)
            {
                await stderr.WriteLineAsync($"cancelled{signals.ByWhat}: everything reproduce started has been stopped.");
                return cancelled;
            }

            return exit;
        }
        catch (HarnessStartException e)
        {
            await stderr.WriteLineAsync("error: " + SecretRedactor.Shared.Redact(e.Message));
            return CommandCatalog.CouldNotRun;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"cancelled{signals.ByWhat} before profile {profile} was reached: everything reproduce started has been stopped.");
            return signals.ExitCode ?? CommandCatalog.CouldNotRun;
        }
    }

    private static class BundleJson
    {
        public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    }

    /// <summary>The <c>kubectl port-forward</c> line to the profile's smoke endpoint (a numeric port maps to itself, a named one to 8080).</summary>
    private static string PortForwardHint(PlatformValidation.Validators.Scenarios.SmokeRequest? smoke, string profile)
    {
        if (smoke is null || !smoke.Profiles.Contains(profile))
        {
            return string.Empty;
        }

        var numeric = smoke.Service.Port.Length > 0 && smoke.Service.Port.All(char.IsAsciiDigit);
        var local = numeric ? smoke.Service.Port : "8080";
        return $"\n  kubectl -n {smoke.Service.Namespace} port-forward svc/{smoke.Service.Name} {(numeric ? local : $"{local}:{smoke.Service.Port}")}   # then: curl localhost:{local}{smoke.Path}";
    }
}
