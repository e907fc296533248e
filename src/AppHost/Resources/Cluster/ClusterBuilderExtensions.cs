using k8s;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Fakes.Cluster.Faults;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Resources.Cluster;

public static class ClusterBuilderExtensions
{
    /// <summary>Adds the embedded simulated cluster (the sim substrate).</summary>
    public static IResourceBuilder<SimulatedClusterResource> AddSimulatedCluster(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cluster = new SimulatedClusterResource(name);
        return builder.AddHarnessResource(cluster)
            .WithApiHealthCheck()
            .WithStartupTimeout(TimeSpan.FromSeconds(120)); // generous: only a failing start waits this long
    }

    /// <summary>The cluster is healthy when its API server answers <c>GET /version</c>.</summary>
    public static IResourceBuilder<T> WithApiHealthCheck<T>(this IResourceBuilder<T> builder)
        where T : IClusterResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cluster = builder.Resource;
        return builder.WithHealthCheck("api /version", async token =>
        {
            using var client = cluster.CreateClient();
            return (await client.Version.GetCodeAsync(token)).GitVersion is not null;
        });
    }

    /// <summary>Shapes the cluster like the scenario's substrate (GPU node labels, taints, capacity) and maps stand-in images.</summary>
    public static IResourceBuilder<SimulatedClusterResource> WithSubstrateShape(this IResourceBuilder<SimulatedClusterResource> builder, SubstrateOverrides overrides, IReadOnlyDictionary<string, string> standInImages)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(overrides);
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (image, kind) in standInImages)
        {
            images[image] = kind;
        }

        builder.Resource.Options = builder.Resource.Options with { Nodes = SimulatedClusterResource.Nodes(overrides), StandInImages = images };
        return builder;
    }

    /// <summary>Answers a fraction of API calls with 500/429 (seeded), to prove the harness neither hangs nor flakes.</summary>
    public static IResourceBuilder<SimulatedClusterResource> WithApiFaults(this IResourceBuilder<SimulatedClusterResource> builder, double rate, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Options = builder.Resource.Options with { Faults = rate > 0 ? SimulatedClusterResource.Faults(rate, seed) : FaultSettings.None };
        return builder;
    }

    /// <summary>How long simulated pods take to start (shorter runs faster; longer is more like a real cluster).</summary>
    public static IResourceBuilder<SimulatedClusterResource> WithPodStartDelay(this IResourceBuilder<SimulatedClusterResource> builder, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Options = builder.Resource.Options with { PodStartDelay = delay };
        return builder;
    }
}
