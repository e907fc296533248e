using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.GitServer;

namespace PlatformValidation.AppHost.Resources.ArgoCd;

public static class ArgoCdBuilderExtensions
{
    /// <summary>Adds the simulated Argo CD against <paramref name="cluster"/>, reading the repo <paramref name="git"/> serves.</summary>
    public static IResourceBuilder<SimulatedArgoCdResource> AddSimulatedArgoCd<TCluster>(this PlatformAppBuilder builder, string name, IResourceBuilder<TCluster> cluster, IResourceBuilder<GitServerResource> git)
        where TCluster : class, IClusterResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(git);
        var argo = new SimulatedArgoCdResource(name, cluster.Resource, git.Resource);
        return builder.AddResource(argo)
            .WithReference(cluster)
            .WithReference(git)
            .WithHealthCheck("controllers started", _ => Task.FromResult(argo.Started), TimeSpan.FromSeconds(60));
    }
}
