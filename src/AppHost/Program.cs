// The one CLI program. Each subcommand lives in Cli/ and is registered in CommandCatalog; the live commands
// (matrix, run, reproduce) compose the Aspire AppHost below. validate, fake-llm and sim-cluster never start DCP.
using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.Operations;
using PlatformValidation.AppHost.Resources.FakeLlm;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.AppHost.Substrates;
using PlatformValidation.AppHost.Substrates.K3s;

return await CommandCatalog.InvokeAsync(args);

namespace PlatformValidation.AppHost
{
/// <summary>The AppHost: the system a live run needs, as a diagram.</summary>
public static class PlatformSystem
{
    /// <summary>Composes the AppHost for <paramref name="options"/> on a fresh Aspire builder (DCP; the dashboard unless headless).</summary>
    public static HarnessApp Compose(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = HarnessHost.CreateBuilder(options);
        Compose(builder, options);
        return new HarnessApp(builder.Build(), options.KeepScratchDirectory, HarnessHost.DashboardLoginUrl(builder));
    }

    /// <summary>
    /// Composes the AppHost on a builder that <paramref name="create"/> makes from the harness's arguments and options —
    /// <c>DistributedApplicationTestingBuilder.Create</c> in the scenario tests (tests/Scenario.Tests).
    /// </summary>
    public static HarnessApp Compose<TBuilder>(RunOptions options, Func<string[], Action<DistributedApplicationOptions, Microsoft.Extensions.Hosting.HostApplicationBuilderSettings>, TBuilder> create)
        where TBuilder : IDistributedApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = HarnessHost.CreateBuilder(options, create);
        Compose(builder, options);
        return new HarnessApp(builder.Build(), options.KeepScratchDirectory, HarnessHost.DashboardLoginUrl(builder));
    }

    /// <summary>cluster → fake LLM stand-in → git server → Argo CD → scenario runner (+ its run view).</summary>
    public static IResourceBuilder<ScenarioRunnerResource> Compose(IDistributedApplicationBuilder builder, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var scenario = options.Scenario;

        var llm = builder.AddFakeLlm("fake-llm");
        var standIns = new Dictionary<string, string> { [FakeLlmResource.StandInKind] = llm.Resource.Image };

        var substrate = options.Substrate switch
        {
            SubstrateKind.Sim => SimSubstrate.Add(builder, options, llm, standIns),
            SubstrateKind.K3s => K3sSubstrate.Add(builder, options, llm, standIns),
            _ => KubeconfigSubstrate.Add(builder, options, llm, standIns),
        };

        var runner = builder.AddScenarioRunner("runner", scenario, substrate.Cluster.Resource.SubstrateName)
            .WaitFor(substrate.ArgoCd)
            .WaitFor(llm)
            .WithSubstrate(() => new SubstrateView(substrate.Cluster.Resource, substrate.ArgoCd.Resource, substrate.Git?.Resource))
            .WithSuites(options.Suites)
            .WithStaticAnalysis(options.StaticAnalysis)
            .WithPlatformCommands(substrate);
        foreach (var observer in options.Observers)
        {
            runner.WithObserver(observer);
        }

        var view = builder.AddRunView("run-view", options.DashboardPort).WithRun(runner);
        llm.WithMetricsLink(view, runner.Resource.Substrate!, scenario.Smoke?.Service);
        return runner;
    }
}
}
