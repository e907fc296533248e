using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Live;

public class StaticValidatorAnalysisTests
{
    [Test]
    public async Task AFindingOfADemoAppLandsOnlyInTheProfilesThatHoldTheApp()
    {
        using var workspace = FixtureWorkspace.Create(null);
        var file = workspace.RepoFile("workloads/inference-pool/epp.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("epp:v1.0.1", "epp:latest", StringComparison.Ordinal));
        var scenario = LiveScenarioFactory.Load(workspace.ScenarioFile);
        var analysis = new StaticValidatorAnalysis();

        var byProfile = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var p in scenario.Profiles)
        {
            byProfile[p.Name] = (await analysis.AnalyzeAsync(scenario, p.Name)).Where(f => f.Id == "PIN001").Select(f => f.App ?? "(none)").ToList();
        }

        Assert.Multiple(() =>
        {
            Assert.That(byProfile["full"], Does.Contain("inference-pool"));
            Assert.That(byProfile["platform"].Concat(byProfile["serving"]).Concat(byProfile["llm-gateway"]), Does.Not.Contain("inference-pool"));
        });
    }
}
