using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// Fail fast, once (issue 14 item 1): an app of the widest profile whose automated sync fails for good (the API server
/// rejects one of its objects, and Argo CD never re-syncs a failed revision) ends the profile's wait at once, and every
/// later suite that needs that profile reuses the result instead of waiting out `timeouts.healthy` (10 min) again.
/// </summary>
[Category(TestCategories.Slow)]
[Parallelizable]
[Order(2)]
[CancelAfter(300_000)]
public sealed class FailFastMatrixTests
{
    [Test]
    public async Task TerminalSyncFailureInTheWidestProfileEndsTheMatrixQuicklyWithTheCauseInEveryAffectedCell(CancellationToken cancellationToken)
    {
        using var workspace = FixtureWorkspace.Create(null);
        // A Deployment the API server rejects (its selector does not match its pod labels), shared with the benchmark script.
        File.AppendAllText(workspace.RepoFile("workloads/kueue-tenants/tenants.yaml"), File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Shared", "TerminalSyncFailure.yaml")));
        var scenario = LiveScenarioFactory.Load(workspace.ScenarioFile);
        Assert.That(scenario.Timeouts.Healthy, Is.EqualTo(TimeSpan.FromMinutes(10)), "the scenario keeps its 10 min healthy timeout: the run must not need it");
        await using var system = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim) { StaticAnalysis = new StaticValidatorAnalysis() });

        var report = await system.RunAsync((a, token) => a.Resource<ScenarioRunnerResource>("runner").RunAsync(token), cancellationToken);

        var failedFull = report.Checks.Where(c => c.Outcome == CheckOutcome.Failed && c.Profile == "full").ToList();
        var described = string.Join("\n", failedFull.Select(c => $"  {c.Suite}/{c.Check} app={c.App}: {c.Message}"));
        Assert.Multiple(() =>
        {
            Assert.That(report.Outcome, Is.EqualTo(RunOutcome.Failed));
            Assert.That(report.Duration, Is.LessThan(TestTimeouts.Scale(TimeSpan.FromMinutes(2))), $"the matrix took {report.Duration}");
            Assert.That(
                failedFull.Any(c => c.Suite == "profile-matrix" && c.App == "kueue-tenants" && c.Message.Contains("tenant-broker", StringComparison.Ordinal)),
                Is.True,
                "profile-matrix names the app and the rejected object:\n" + described);
            foreach (var suite in new[] { "narrowing", "cost-gates", "group-toggle" })
            {
                Assert.That(
                    failedFull.Any(c => c.Suite == suite && c.Message.Contains("not run: profile full failed in profile-matrix", StringComparison.Ordinal) && c.Message.Contains("kueue-tenants", StringComparison.Ordinal)),
                    Is.True,
                    $"{suite} reuses the profile-matrix result:\n" + described);
            }

            Assert.That(report.Checks.Where(c => c.Profile is "platform" or "serving" or "llm-gateway" && c.Suite == "profile-matrix" && c.Outcome == CheckOutcome.Failed), Is.Empty, "the narrower profiles pass");
        });
    }
}
