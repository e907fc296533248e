using System.Diagnostics;
using Aspire.Hosting.Testing;
using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Reports;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Scenario.Tests.Support;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Steps;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Scenario.Tests;

/// <summary>
/// Runs the scenario once for every test of this assembly: <c>DistributedApplicationTestingBuilder</c> builds the
/// harness AppHost (the composition <c>matrix</c> runs, headless, on the sim substrate), the live runner — the same
/// <see cref="ScenarioRunnerResource"/> the CLI drives — runs every suite, and the test cases read the results. The
/// AppHost stays up until the last test has read it (resources, URLs, logs), then stops.
/// </summary>
[SetUpFixture]
public sealed class ScenarioRun
{
    /// <summary>Secrets planted where a run could pick them up; no report, log or trace may show them.</summary>
    public const string SentinelApiKey = "sk-sentinel-apikey-7f3a9c";
    public const string SentinelToken = "sentinel-bearer-token-51d2e8";

#pragma warning disable NUnit1032 // created in OneTimeSetUp, disposed in OneTimeTearDown
    private HarnessApp? app;
    private ActivityListener? listener;
#pragma warning restore NUnit1032
    private bool plantedApiKey;

    /// <summary>The run every test reads (set once the scenario has run).</summary>
    internal static RunResults? Current { get; private set; }

    internal static RunResults Results => Current ?? throw new InvalidOperationException("The scenario did not run: see the one-time set-up's error.");

    [OneTimeSetUp]
    public async Task RunScenarioAsync()
    {
        LiveScenario scenario;
        try
        {
            scenario = ScenarioSelection.Load();
        }
        catch (Exception e) when (e is InvalidOperationException or ScenarioException or SuiteFormatException or ScenarioRunException or IOException)
        {
            Assert.Fail(e.Message); // every case then fails with what to set, not with a stack trace
            return;
        }

        SecretRedactor.Shared.Register(SentinelApiKey);
        SecretRedactor.Shared.Register(SentinelToken);
        if (Environment.GetEnvironmentVariable(GpuSmokeSuite.ApiKeyVariable) is null && Environment.GetEnvironmentVariable(GpuSmokeSuite.KubeconfigVariable) is null)
        {
            // Only where no real GPU run is configured: the gpu-smoke suite then skips, but reads the key first.
            Environment.SetEnvironmentVariable(GpuSmokeSuite.ApiKeyVariable, SentinelApiKey);
            plantedApiKey = true;
        }

        var traces = new List<string>();
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("PlatformValidation", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (traces)
                {
                    traces.Add(a.DisplayName + " " + string.Join(" ", a.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " " + a.StatusDescription);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var console = new StringWriter();
        var reporter = new ConsoleRunReporter(console, plain: true);
        var steps = new StepRecorder();
        var options = new RunOptions(scenario, SubstrateKind.Sim) { Observers = [reporter, steps], StaticAnalysis = new StaticValidatorAnalysis() };
        var sw = Stopwatch.StartNew();
        app = PlatformSystem.Compose(options, (args, configure) => DistributedApplicationTestingBuilder.Create(args, configure));
        try
        {
            await app.StartAsync(TestTimeouts.Token(TestTimeouts.Long));
        }
        catch (HarnessStartException e)
        {
            Assert.Fail("the AppHost could not start: " + e.Message);
        }

        var started = sw.Elapsed;
        var report = await app.Resource<ScenarioRunnerResource>("runner").RunAsync(TestTimeouts.Token(TimeSpan.FromMinutes(8)));
        reporter.Summary(report);
        TestContext.Progress.WriteLine(console.ToString());
        TestContext.Progress.WriteLine($"scenario {scenario.Name} on sim: AppHost healthy after {started.TotalSeconds:0.0} s, suites {report.Duration.TotalSeconds:0.0} s, {report.Outcome}");
        Current = new RunResults(app, report, steps, console.ToString(), () => { lock (traces) { return [.. traces]; } });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Current = null;
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        listener?.Dispose();
        if (plantedApiKey)
        {
            Environment.SetEnvironmentVariable(GpuSmokeSuite.ApiKeyVariable, null);
        }
    }
}
