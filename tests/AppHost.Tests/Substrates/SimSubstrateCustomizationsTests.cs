using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.FakeLlm;
using PlatformValidation.AppHost.Substrates;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.AppHost.Tests.Substrates;

/// <summary>The scenario's <c>substrate.argocd.customizations</c> reaches the simulated Argo CD the sim substrate starts.</summary>
public sealed class SimSubstrateCustomizationsTests
{
    [Test]
    public void TheSimulatedArgoCdRunsTheScenariosHealthScriptsFolder()
    {
        var folder = Directory.CreateTempSubdirectory("pv-sim-customizations-").FullName;
        try
        {
            var bundled = LiveScenarioFactory.Load(PlatformValidation.AppHost.Cli.ScenarioLocator.FindBundled()!);
            var scenario = bundled with { Model = bundled.Model with { Substrate = bundled.Model.Substrate with { ArgoCdCustomizations = folder } } };
            Assert.Multiple(() =>
            {
                Assert.That(ArgoCdOf(scenario).Options.ResourceCustomizations, Is.EqualTo(folder));
                Assert.That(ArgoCdOf(bundled).Options.ResourceCustomizations, Is.Null, "without the key the bundled checks apply");
            });
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static SimulatedArgoCdResource ArgoCdOf(LiveScenario scenario)
    {
        var options = new RunOptions(scenario, SubstrateKind.Sim);
        var builder = HarnessHost.CreateBuilder(options);
        var llm = builder.AddFakeLlm("fake-llm");
        var substrate = SimSubstrate.Add(builder, options, llm, new Dictionary<string, string> { [FakeLlmResource.StandInKind] = llm.Resource.Image });
        return (SimulatedArgoCdResource)substrate.ArgoCd.Resource;
    }
}
