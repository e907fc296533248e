using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.GitServer;

namespace PlatformValidation.AppHost.Substrates;

/// <summary>What a substrate adds to the AppHost: the cluster, Argo CD and (where the harness serves the repo) the git server.</summary>
public sealed record SubstrateResources(IResourceBuilder<IClusterResource> Cluster, IResourceBuilder<IArgoCdResource> ArgoCd, IResourceBuilder<GitServerResource>? Git);
