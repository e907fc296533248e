using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.AppHost.Resources.ScenarioRunner;

public static class ScenarioRunnerBuilderExtensions
{
    public static IResourceBuilder<ScenarioRunnerResource> AddScenarioRunner(this IDistributedApplicationBuilder builder, string name, LiveScenario scenario, string substrateName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHarnessResource(new ScenarioRunnerResource(name, scenario, substrateName));
    }

    public static IResourceBuilder<ScenarioRunnerResource> WithSubstrate(this IResourceBuilder<ScenarioRunnerResource> builder, Func<ILiveSubstrate> substrate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Substrate = substrate;
        return builder;
    }

    public static IResourceBuilder<ScenarioRunnerResource> WithSuites(this IResourceBuilder<ScenarioRunnerResource> builder, IReadOnlyList<SuiteDefinition>? suites)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Suites = suites;
        return builder;
    }

    public static IResourceBuilder<ScenarioRunnerResource> WithStaticAnalysis(this IResourceBuilder<ScenarioRunnerResource> builder, IStaticAnalysis? analysis)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.StaticAnalysis = analysis;
        return builder;
    }

    public static IResourceBuilder<ScenarioRunnerResource> WithObserver(this IResourceBuilder<ScenarioRunnerResource> builder, IRunObserver observer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.AddObserver(observer);
        return builder;
    }
}
