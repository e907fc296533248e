// The one CLI program. Each subcommand lives in Cli/ and is registered in CommandCatalog; the live commands
// compose the system below, the way an Aspire AppHost's Program.cs does.
using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.Dashboard;
using PlatformValidation.AppHost.Resources.FakeLlm;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.AppHost.Substrates;
using PlatformValidation.AppHost.Substrates.K3s;
using PlatformValidation.AppHost.Telemetry;

return await CommandCatalog.InvokeAsync(args);

namespace PlatformValidation.AppHost
{
/// <summary>The AppHost: the system a live run needs, as a diagram.</summary>
public static class PlatformSystem
{
    /// <summary>Composes cluster → stand-in image → git server → Argo CD → scenario runner, plus the dashboard.</summary>
    public static PlatformApp Compose(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenario = options.Scenario;
        var builder = PlatformAppBuilder.Create(new PlatformAppOptions { ScratchDirectory = options.ScratchDirectory, KeepScratchDirectory = options.KeepScratchDirectory });
        TelemetrySetup.AddPlatformTelemetry(builder.Host.Services, builder.Host.Logging);

        var dashboard = builder.AddDashboard("dashboard", options.DashboardPort);
        var llm = builder.AddFakeLlm("fake-llm");
        var standIns = new Dictionary<string, string> { [FakeLlmResource.StandInKind] = llm.Resource.Image };

        var (cluster, argo, git) = options.Substrate switch
        {
            SubstrateKind.Sim => SimSubstrate.Add(builder, options, llm, standIns),
            SubstrateKind.K3s => K3sSubstrate.Add(builder, options, llm, standIns),
            _ => KubeconfigSubstrate.Add(builder, options, llm, standIns),
        };

        var runner = builder.AddScenarioRunner("runner", scenario, cluster.SubstrateName)
            .WaitFor(builder.Resource(argo))
            .WaitFor(llm)
            .WithSubstrate(() => new SubstrateView(cluster, argo, git))
            .WithSuites(options.Suites)
            .WithStaticAnalysis(options.StaticAnalysis);
        foreach (var observer in options.Observers)
        {
            runner.WithObserver(observer);
        }

        dashboard.WithRun(runner);
        return builder.Build();
    }
}
}
