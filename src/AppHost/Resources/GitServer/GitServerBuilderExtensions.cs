using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.AppHost.Resources.GitServer;

public static class GitServerBuilderExtensions
{
    /// <summary>Adds the git server that serves a snapshot of the scenario's platform repo.</summary>
    public static IResourceBuilder<GitServerResource> AddGitServer(this IDistributedApplicationBuilder builder, string name, LiveScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var git = new GitServerResource(name, scenario);
        return builder.AddHarnessResource(git)
            .WithHealthCheck("snapshot committed", _ => Task.FromResult(git.Repo is not null))
            .WithStartupTimeout(TimeSpan.FromSeconds(60));
    }

    /// <summary>Replaces images through the Applications' overrides with these stand-ins (kind → image).</summary>
    public static IResourceBuilder<GitServerResource> WithStandIns(this IResourceBuilder<GitServerResource> builder, IReadOnlyDictionary<string, string> standInImages)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.StandInImages = standInImages;
        return builder;
    }
}
