using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// `scenario init` on a layered platform that is not the sample (other names, three layers, its own Makefile): the
/// unedited draft runs the whole matrix on sim and passes — profiles, narrowing, the GPU cost gate with its smoke
/// (no API key: no header, no 401 check) on the guessed GPU-shaped node, the guessed probes.
/// </summary>
[Category(TestCategories.Slow)]
[Parallelizable]
[CancelAfter(300_000)]
public sealed class ScenarioInitMatrixTests
{
    [Test]
    public async Task TheUneditedDraftOfASecondPlatformPassesTheMatrixOnSim(CancellationToken cancellationToken)
    {
        using var platform = SecondPlatform.Create();
        var draft = Path.Combine(platform.Root, "scenario.yaml");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ScenarioInitCommand.RunAsync(platform.RepoDirectory, null, draft, force: false, stdout, stderr, cancellationToken);
        Assert.That(exit, Is.EqualTo(CommandCatalog.Passed), stderr.ToString());
        var scenario = LiveScenarioFactory.Load(draft);
        await using var system = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim) { StaticAnalysis = new StaticValidatorAnalysis() });

        var report = await system.RunAsync((a, token) => a.Resource<ScenarioRunnerResource>("runner").RunAsync(token), cancellationToken);

        var failed = string.Join("\n", report.Checks.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => $"  {c.Suite}/{c.Check} [{c.Profile}] app={c.App}: {c.Message}"));
        Assert.Multiple(() =>
        {
            Assert.That(report.Outcome, Is.EqualTo(RunOutcome.Passed), $"draft:\n{File.ReadAllText(draft)}\nfailed checks:\n{failed}");
            Assert.That(report.Checks.Any(c => c.Suite == "cost-gates" && c.Check == "smoke" && c.Outcome == CheckOutcome.Passed), Is.True, "the smoke ran after the scale-up");
            Assert.That(report.Checks.Any(c => c.Check == "probes" && c.Profile == "complete" && c.Outcome == CheckOutcome.Passed && c.Message.Contains("web-ready", StringComparison.Ordinal)), Is.True, "the widest profile inherits the core layer's probe");
        });
    }
}
