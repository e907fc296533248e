using System.Net.Sockets;
using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Reports;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>The README's main command, in-process: every suite of the bundled sample on the sim substrate.</summary>
[Category(TestCategories.Slow)]
[NonParallelizable]
[CancelAfter(600_000)]
public sealed class SimMatrixTests
{
    private const string SentinelApiKey = "sk-sentinel-apikey-7f3a9c";
    private const string SentinelToken = "sentinel-bearer-token-51d2e8";

    [Test]
    public async Task TheWholeMatrixPassesOnSimAndNoSecretLeavesTheProcess()
    {
        // Sentinel secrets planted where a run could pick them up: the GPU smoke's key, an OTLP header, a bearer token.
        SecretRedactor.Shared.Register(SentinelApiKey);
        SecretRedactor.Shared.Register(SentinelToken);
        Environment.SetEnvironmentVariable("PV_GPU_API_KEY", SentinelApiKey);
        var console = new StringWriter();
        var reporter = new ConsoleRunReporter(console, plain: true);
        var traces = new List<string>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("PlatformValidation", StringComparison.Ordinal),
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => traces.Add(a.DisplayName + " " + string.Join(" ", a.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " " + a.StatusDescription),
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        try
        {
            var scenario = SimScenario.Load();
            await using var app = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim) { Observers = [reporter], StaticAnalysis = new StaticValidatorAnalysis() });
            var report = await app.RunAsync((a, token) => a.Resource<ScenarioRunnerResource>("runner").RunAsync(token), TestTimeouts.Token(TimeSpan.FromMinutes(8)));
            reporter.Summary(report);
            var json = JsonRunReportWriter.ToJson(report).ToJsonString();
            var junit = JUnitRunReportWriter.ToXml(report).ToString();
            var html = HtmlRunReportWriter.Render(report);
            var logs = string.Join("\n", app.Resources.OfType<HarnessResource>().SelectMany(r => r.Log.Snapshot()));
            var all = string.Join("\n", console.ToString(), json, junit, html, logs, string.Join("\n", traces));
            Assert.Multiple(() =>
            {
                Assert.That(all, Does.Not.Contain(SentinelApiKey));
                Assert.That(all, Does.Not.Contain(SentinelToken));
                Assert.That(report.Substrate, Is.EqualTo("sim"));
                Assert.That(json, Does.Contain("\"substrate\": \"sim\"").Or.Contain("\"substrate\":\"sim\""));
                Assert.That(html, Does.Contain("<dt>Substrate</dt><dd>sim</dd>"), "the HTML report states the substrate");
                Assert.That(report.Checks.Select(c => c.Suite).Distinct(), Is.SupersetOf(SuiteKinds.All));
                Assert.That(report.Outcome, Is.EqualTo(RunOutcome.Passed), console.ToString());
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("PV_GPU_API_KEY", null);
        }
    }

    [Test]
    public async Task CancellingAtRandomPointsLeavesNoWorkloadScaledUpAndNothingRunning()
    {
        var scenario = SimScenario.Load();
        var gate = scenario.CostGates.First(g => g.Gpu);
        var random = new Random(20261123);
        var trials = 50;
        await using var app = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim)
        {
            Suites = [new Validators.Live.Suites.SuiteDefinition("cost-gates", "cost-gates") { Profile = "serving", Apps = [gate.App] }],
        });
        await app.StartAsync(TestTimeouts.Token(TestTimeouts.Medium));
        var dashboardUrl = app.Resource<RunViewResource>("run-view").Url!;
        var runner = app.Resource<ScenarioRunnerResource>("runner");
        var substrate = runner.Substrate!();
        using var client = substrate.CreateClient();
        var dynamic = new Validators.Kube.DynamicClient(client);
        var cancelledRuns = 0;
        try
        {
            for (var trial = 0; trial < trials; trial++)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(0, 3000)));
                var report = await runner.RunAsync(cts.Token);
                cancelledRuns += report.Outcome == RunOutcome.Cancelled ? 1 : 0;
                var workload = await dynamic.GetAsync(Validators.Kube.ObjectRef.Of(gate.Workload!));
                var replicas = workload?["spec"]?["replicas"]?.GetValue<int>() ?? 0;
                Assert.That(replicas, Is.EqualTo(gate.Scale!.Down), $"trial {trial}: {gate.Workload} left at {replicas} replicas ({report.Outcome})");
            }
        }
        finally
        {
            await app.StopAsync();
        }

        Assert.That(cancelledRuns, Is.GreaterThan(trials / 4), "most trials should have been cut short");
        Assert.That(Directory.Exists(app.ScratchDirectory), Is.False, "the run's temp directory is removed");
        using var tcp = new TcpClient();
        Assert.CatchAsync<SocketException>(() => tcp.ConnectAsync(dashboardUrl.Host, dashboardUrl.Port), "the dashboard port is released");
    }

    [Test]
    public async Task WithFivePercentOfApiCallsFailingTheMatrixEndsWithinItsTimeouts()
    {
        var scenario = SimScenario.Load();
        var started = DateTime.UtcNow;
        await using var app = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim)
        {
            ApiFaultRate = 0.05,
            Seed = 7,
            Suites = [new Validators.Live.Suites.SuiteDefinition("profile-matrix", "profile-matrix") { Profiles = ["platform", "serving"] }],
        });
        var report = await app.RunAsync((a, token) => a.Resource<ScenarioRunnerResource>("runner").RunAsync(token), TestTimeouts.Token(TimeSpan.FromMinutes(5)));
        Assert.That(report.Outcome, Is.AnyOf(RunOutcome.Passed, RunOutcome.Failed));
        if (report.Outcome == RunOutcome.Failed)
        {
            Assert.That(report.Checks.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => c.Message), Has.All.Not.Empty);
        }

        Assert.That(DateTime.UtcNow - started, Is.LessThan(TestTimeouts.Scale(TimeSpan.FromMinutes(4))));
    }
}
