using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.AppHost.Substrates;

/// <summary>Fails at start when the scenario's <c>externals</c> ask for objects the substrate declares it does not provide; the cluster waits for it.</summary>
public sealed class ExternalsCheckResource(string name, LiveScenario scenario, ProvidedExternals provided) : HarnessResource(name)
{
    public override Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
    {
        var missing = provided.Missing(scenario.Model.Externals);
        if (missing.Count > 0)
        {
            throw new ScenarioRunException(provided.Message(scenario.SourceFile, missing));
        }

        Log.Write($"every scenario external is provided by the {provided.Substrate} substrate");
        return Task.CompletedTask;
    }
}
