using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.ScenarioRunner;

namespace PlatformValidation.AppHost.Resources.RunView;

public static class RunViewBuilderExtensions
{
    /// <summary>Adds the live run view (matrix, failing apps, time to healthy) and /metrics on 127.0.0.1 (<paramref name="port"/> 0: any free port).</summary>
    public static IResourceBuilder<RunViewResource> AddRunView(this IDistributedApplicationBuilder builder, string name, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var view = new RunViewResource(name, port);
        return builder.AddHarnessResource(view)
            .WithHealthCheck("listening", _ => Task.FromResult(view.Url is not null))
            .WithStartupTimeout(TimeSpan.FromSeconds(60)); // an in-process listener: seconds when idle, but a loaded CI runner must not fail it
    }

    /// <summary>Shows the run of <paramref name="runner"/>; the runner shows the view's URL.</summary>
    public static IResourceBuilder<RunViewResource> WithRun(this IResourceBuilder<RunViewResource> builder, IResourceBuilder<ScenarioRunnerResource> runner)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(runner);
        builder.Resource.Resources = [.. builder.ApplicationBuilder.Resources.OfType<HarnessResource>()];
        builder.Resource.Run = runner.Resource.Progress;
        runner.Resource.View = builder.Resource;
        runner.WaitFor(builder);
        return builder;
    }

    /// <summary>Shows the run <paramref name="progress"/> reports (a run driven from outside the AppHost).</summary>
    public static IResourceBuilder<RunViewResource> WithRun(this IResourceBuilder<RunViewResource> builder, RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(progress);
        builder.Resource.Resources = [.. builder.ApplicationBuilder.Resources.OfType<HarnessResource>()];
        builder.Resource.Run = progress;
        return builder;
    }
}
