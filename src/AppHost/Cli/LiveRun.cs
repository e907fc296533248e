using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Reports;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Reports.Html;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// What <c>matrix</c> and <c>run</c> share: load the scenario, compose the system, run the suites with console
/// progress, write the reports, print the matrix and map the outcome to the exit code. Every failure to run ends in
/// a message and exit 2; Ctrl-C and timeouts tear everything down first.
/// </summary>
public static class LiveRun
{
    /// <summary>Runs one live command; <paramref name="compose"/> is the AppHost to run (default PlatformSystem's; <c>smoke --gpu</c> composes its own).</summary>
    public static async Task<int> RunAsync(LiveInvocation invocation, Func<LiveScenario, IReadOnlyList<SuiteDefinition>?> selectSuites, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, Func<RunOptions, HarnessApp>? compose = null)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(selectSuites);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (invocation.Conflict() is { } conflict)
        {
            await stderr.WriteLineAsync("error: " + conflict);
            return CommandCatalog.CouldNotRun;
        }

        var scenario = await LoadScenarioAsync(invocation.Scenario, stderr, invocation.Repo);
        if (scenario is null)
        {
            return CommandCatalog.CouldNotRun;
        }

        IReadOnlyList<SuiteDefinition>? suites;
        try
        {
            suites = selectSuites(scenario);
        }
        catch (ScenarioRunException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return CommandCatalog.CouldNotRun;
        }

        var console = new ConsoleRunReporter(stdout);
        var options = new RunOptions(scenario, invocation.Substrate)
        {
            Suites = suites,
            Kubeconfig = invocation.Kubeconfig,
            KubeconfigContext = invocation.Context,
            ArgoCdManifest = invocation.ArgoCdManifest,
            InstallArgoCd = invocation.InstallArgoCd,
            DashboardPort = invocation.DashboardPort,
            AspireDashboard = invocation.AspireDashboard,
            SimGitOverHttp = invocation.SimGitOverHttp,
            Observers = [console],
            StaticAnalysis = new StaticValidatorAnalysis(),
        };
        RunReport? report = null;
        var kept = false;
        IReadOnlyList<HostResourceView> resources = [];
        using var own = TerminationSignals.Current is null ? new TerminationSignals(cancellationToken, stderr) : null;
        var signals = TerminationSignals.Current ?? own!;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Token);
        cancellationToken = linked.Token;
        await using var app = (compose ?? PlatformSystem.Compose)(options);
        try
        {
            report = await app.RunAsync(
                async (a, token) =>
                {
                    await AnnounceAsync(a, invocation.Substrate, stdout);
                    var runner = a.Resource<ScenarioRunnerResource>("runner");
                    var result = await runner.RunAsync(token);
                    resources = HtmlRunReportWriter.Snapshot(a.Resources);
                    if (runner.KeepRequested && !token.IsCancellationRequested)
                    {
                        kept = true;
                        await KeepAsync(runner, stdout, token);
                    }

                    return result;
                },
                cancellationToken);
        }
        catch (HarnessStartException e)
        {
            await stderr.WriteLineAsync("error: " + SecretRedactor.Shared.Redact(e.Message));
            return CommandCatalog.CouldNotRun;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"cancelled{signals.ByWhat} while starting: everything the run started has been stopped.");
            return signals.ExitCode ?? CommandCatalog.CouldNotRun;
        }

        console.Summary(report);
        await WriteReportsAsync(report, invocation, stderr, resources);
        if (report.Outcome == RunOutcome.Cancelled && !kept)
        {
            await stderr.WriteLineAsync($"cancelled{signals.ByWhat}: the run stopped early; its cleanups ran and everything it started has been stopped.");
            return signals.ExitCode ?? CommandCatalog.CouldNotRun;
        }

        return report.Outcome switch
        {
            RunOutcome.Passed => CommandCatalog.Passed,
            RunOutcome.Failed => CommandCatalog.ChecksFailed,
            _ => CommandCatalog.CouldNotRun,
        };
    }

    /// <summary>"Keep the cluster" was asked on the dashboard: keep everything up for kubectl until Ctrl-C, as reproduce does.</summary>
    private static async Task KeepAsync(ScenarioRunnerResource runner, TextWriter stdout, CancellationToken cancellationToken)
    {
        var substrate = runner.Substrate!();
        await stdout.WriteLineAsync($"""

            The cluster is kept (dashboard command "Keep the cluster"):
              export KUBECONFIG={substrate.KubeconfigPath}
              kubectl -n {substrate.ArgoCdNamespace} get applications
            Press Ctrl-C to tear it down.
            """);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the teardown runs; the exit code stays the run's.
        }
    }

    /// <summary>The line CI logs and tests look for, and the Aspire Dashboard's login URL in a terminal.</summary>
    public static async Task AnnounceAsync(HarnessApp app, SubstrateKind substrate, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(stdout);
        var view = app.Resource<RunViewResource>("run-view");
        await stdout.WriteLineAsync($"Substrate {substrate.ToString().ToLowerInvariant()} ready; dashboard and /metrics at {view.Url}");
        if (app.DashboardLoginUrl is { } login)
        {
            await stdout.WriteLineAsync($"Aspire Dashboard (resources, logs, traces, commands): {login}");
        }
    }

    public static async Task<LiveScenario?> LoadScenarioAsync(string? path, TextWriter stderr, string? repo = null)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var file = path ?? ScenarioLocator.FindBundled();
        if (file is null)
        {
            await stderr.WriteLineAsync($"error: no --scenario given and {ScenarioLocator.Bundled} was not found above the working directory or the program; pass --scenario FILE.");
            return null;
        }

        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"error: the scenario file {file} does not exist; pass an existing file to --scenario.");
            return null;
        }

        try
        {
            return LiveScenarioFactory.Load(file, repo);
        }
        catch (Exception e) when (e is ScenarioException or SuiteFormatException or ScenarioRunException or IOException)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return null;
        }
    }

    private static async Task WriteReportsAsync(RunReport report, LiveInvocation invocation, TextWriter stderr, IReadOnlyList<HostResourceView> resources)
    {
        try
        {
            if (invocation.JUnit is { } junit)
            {
                await JUnitRunReportWriter.WriteAsync(report, junit);
            }

            if (invocation.Json is { } json)
            {
                await JsonRunReportWriter.WriteAsync(report, json);
            }

            if (invocation.Html is { } html)
            {
                await HtmlRunReportWriter.WriteAsync(report, html, resources);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: could not write a report: {e.Message}");
        }
    }
}
