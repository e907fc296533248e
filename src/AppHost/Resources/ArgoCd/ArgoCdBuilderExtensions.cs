using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.GitServer;
using PlatformValidation.AppHost.Resources.Lifecycle;

namespace PlatformValidation.AppHost.Resources.ArgoCd;

public static class ArgoCdBuilderExtensions
{
    /// <summary>Adds the simulated Argo CD against <paramref name="cluster"/>, reading the repo <paramref name="git"/> serves.</summary>
    public static IResourceBuilder<SimulatedArgoCdResource> AddSimulatedArgoCd<TCluster>(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<TCluster> cluster, IResourceBuilder<GitServerResource> git)
        where TCluster : class, IClusterResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(git);
        var argo = new SimulatedArgoCdResource(name, cluster.Resource, git.Resource);
        return builder.AddHarnessResource(argo)
            .WaitFor(cluster)
            .WaitFor(git)
            .WithHealthCheck("controllers started", _ => Task.FromResult(argo.Started))
            .WithStartupTimeout(TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Runs an Argo CD version's own health scripts (<c>resource_customizations/&lt;group&gt;/&lt;Kind&gt;/health.lua</c>)
    /// as the built-in checks, as <c>sim-cluster --argocd-customizations</c> does; null keeps the bundled checks.
    /// </summary>
    public static IResourceBuilder<SimulatedArgoCdResource> WithResourceCustomizations(this IResourceBuilder<SimulatedArgoCdResource> builder, string? directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Options = builder.Resource.Options with { ResourceCustomizations = directory };
        return builder;
    }

    /// <summary>Adds a real Argo CD in <paramref name="cluster"/>: found there, or installed from the pinned manifest.</summary>
    public static IResourceBuilder<ArgoCdInstallResource> AddArgoCdInstall<TCluster>(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<TCluster> cluster, bool installIfMissing, string? manifestFile)
        where TCluster : class, IClusterResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cluster);
        var argo = new ArgoCdInstallResource(name, cluster.Resource) { ManifestFile = manifestFile, InstallIfMissing = installIfMissing };
        return builder.AddHarnessResource(argo)
            .WaitFor(cluster)
            .WithHealthCheck(installIfMissing ? "installed and available" : "found", _ => Task.FromResult(argo.Ready))
            .WithStartupTimeout(TimeSpan.FromMinutes(15));
    }
}
