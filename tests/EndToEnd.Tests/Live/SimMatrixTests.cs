using System.Net.Sockets;
using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Reports;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// The sim AppHost under cancellation and API faults. The README's main command itself — every suite of the bundled
/// sample, no secret leaving the process — runs once as the scenario tests on the testing builder (tests/Scenario.Tests).
/// </summary>
[Category(TestCategories.Slow)]
[Parallelizable(ParallelScope.All)]
// Order: the longest fixtures start first, so that the parallel lanes end together.
[Order(1)]
[CancelAfter(600_000)]
public sealed class SimMatrixTests
{
    [Test]
    public async Task CancellingAtRandomPointsLeavesNoWorkloadScaledUpAndNothingRunning()
    {
        var scenario = SimScenario.Load();
        var gate = scenario.CostGates.First(g => g.Gpu);
        var random = new Random(20261123);
        var trials = 16;
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
