using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Reports;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.GitServer;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// <c>matrix --git smart-http</c>: the bundled sample's suites on the sim substrate with the repo served by the
/// smart-HTTP git server and the simulated repo-server cloning and fetching it with libgit2 (smart-only, like
/// go-git in Argo CD's repo-server) — what Argo CD on k3s reads from the in-cluster server, over the wire.
/// </summary>
[Category(TestCategories.Slow)]
[Parallelizable]
[CancelAfter(600_000)]
public sealed class SimGitOverHttpMatrixTests
{
    [Test]
    public async Task TheSampleMatrixPassesWithTheRepoServerReadingOverSmartHttp()
    {
        var console = new StringWriter();
        var reporter = new ConsoleRunReporter(console, plain: true);
        await using var app = PlatformSystem.Compose(new RunOptions(SimScenario.Load(), SubstrateKind.Sim)
        {
            SimGitOverHttp = true,
            Observers = [reporter],
            StaticAnalysis = new StaticValidatorAnalysis(),
            // The profiles, and group-toggle: its commits reach the repo-server only by a fetch over HTTP.
            Suites =
            [
                new Validators.Live.Suites.SuiteDefinition("profile-matrix", Validators.Live.Suites.SuiteKinds.ProfileMatrix),
                new Validators.Live.Suites.SuiteDefinition("group-toggle", Validators.Live.Suites.SuiteKinds.GroupToggle),
            ],
        });
        var report = await app.RunAsync(
            async (a, token) =>
            {
                var git = a.Resource<GitServerResource>("git");
                Assert.That(git.HttpUrl, Is.Not.Null, "the git server serves over smart HTTP");
                Assert.That(git.HttpUrl!.Host, Is.EqualTo("127.0.0.1"));
                Assert.That(a.Resource<SimulatedArgoCdResource>("argocd").Log.Snapshot(), Has.Some.Contain("read from " + git.HttpUrl));
                return await a.Resource<ScenarioRunnerResource>("runner").RunAsync(token);
            },
            TestTimeouts.Token(TimeSpan.FromMinutes(8)));
        reporter.Summary(report);
        Assert.Multiple(() =>
        {
            Assert.That(report.Checks.Select(c => c.Suite).Distinct(), Is.SupersetOf(new[] { "profile-matrix", "group-toggle" }));
            Assert.That(report.Checks.Where(c => c.Suite == "group-toggle" && c.Outcome == CheckOutcome.Passed), Is.Not.Empty, "a commit was fetched over HTTP");
            Assert.That(report.Outcome, Is.EqualTo(RunOutcome.Passed), console.ToString());
        });
    }
}
