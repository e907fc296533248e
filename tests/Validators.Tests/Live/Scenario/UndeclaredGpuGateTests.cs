using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Live.Scenario;

public class UndeclaredGpuGateTests
{
    [Test]
    public async Task AManualGpuAppTheScenarioDoesNotDeclareIsGate005()
    {
        using var workspace = FixtureWorkspace.Create(null);
        var text = File.ReadAllText(workspace.ScenarioFile);
        File.WriteAllText(workspace.ScenarioFile, text.Replace("  - app: raw-vllm\n    workload: {kind: Deployment, namespace: llm, name: raw-vllm}\n    scale: {up: 1, down: 0}\n    gpu: true\n", string.Empty, StringComparison.Ordinal));
        var scenario = ScenarioParser.Load(workspace.ScenarioFile);
        Assert.That(scenario.FindCostGate("raw-vllm"), Is.Null, "the edit removed the gate");

        var report = await new StaticValidator().ValidateAsync(scenario);

        var gate005 = report.Findings.Where(f => f.Id == "GATE005").ToList();
        Assert.That(gate005.Select(f => (f.App, f.Severity)).Distinct(), Is.EqualTo(new[] { ("raw-vllm", Findings.Severity.Warning) }));
        Assert.That(gate005[0].FixHint, Does.Contain("costGates"));
    }

    [Test]
    public async Task TheSampleWithItsGatesHasNoGate005()
    {
        var report = await new StaticValidator().ValidateAsync(ScenarioParser.Load(RepoPaths.SampleScenario));

        Assert.That(report.Findings.Where(f => f.Id == "GATE005"), Is.Empty);
    }
}
