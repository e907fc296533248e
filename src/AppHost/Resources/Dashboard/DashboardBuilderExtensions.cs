using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.AppHost.Resources.ScenarioRunner;

namespace PlatformValidation.AppHost.Resources.Dashboard;

public static class DashboardBuilderExtensions
{
    /// <summary>Adds the AppHost's web endpoint (metrics, resources, run) on 127.0.0.1 (<paramref name="port"/> 0: any free port).</summary>
    public static IResourceBuilder<DashboardResource> AddDashboard(this PlatformAppBuilder builder, string name, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dashboard = new DashboardResource(name, port);
        var rb = builder.AddResource(dashboard);
        rb.WithEndpoint("http", () => dashboard.Url)
          .WithHealthCheck("listening", _ => Task.FromResult(dashboard.Url is not null), TimeSpan.FromSeconds(10));
        return rb;
    }

    /// <summary>Shows every resource of the system and the run of <paramref name="runner"/>.</summary>
    public static IResourceBuilder<DashboardResource> WithRun(this IResourceBuilder<DashboardResource> builder, IResourceBuilder<ScenarioRunnerResource> runner)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(runner);
        builder.Resource.Resources = builder.ApplicationBuilder.Resources;
        builder.Resource.Run = runner.Resource.Progress;
        return builder;
    }

    /// <summary>Shows every resource of the system and the run <paramref name="progress"/> reports (a run driven from outside the AppHost).</summary>
    public static IResourceBuilder<DashboardResource> WithRun(this IResourceBuilder<DashboardResource> builder, RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(progress);
        builder.Resource.Resources = builder.ApplicationBuilder.Resources;
        builder.Resource.Run = progress;
        return builder;
    }
}
