using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.FakeLlm;
using PlatformValidation.AppHost.Resources.GitServer;

namespace PlatformValidation.AppHost.Substrates;

/// <summary>
/// The kubeconfig substrate: an existing cluster, with Argo CD already there (or installed with
/// <c>--install-argocd</c>). Argo CD reads the platform repo from its real remote; the harness serves no copy, so
/// suites that edit the repo (group-toggle) skip with the reason.
/// </summary>
public static class KubeconfigSubstrate
{
    public static (IClusterResource Cluster, IArgoCdResource ArgoCd, GitServerResource? Git) Add(PlatformAppBuilder builder, RunOptions options, IResourceBuilder<FakeLlmResource> llm, IReadOnlyDictionary<string, string> standIns)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(llm);
        var kubeconfig = options.Kubeconfig ?? Environment.GetEnvironmentVariable("KUBECONFIG") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        var resource = new KubeconfigClusterResource("cluster", kubeconfig, options.KubeconfigContext);
        var cluster = builder.AddResource(resource).WithHealthCheck("api /version", async token =>
        {
            using var client = resource.CreateClient();
            return (await k8s.VersionOperationsExtensions.GetCodeAsync(client.Version, token)).GitVersion is not null;
        }, TimeSpan.FromSeconds(30));
        llm.WaitFor(cluster);
        var argo = new ArgoCdInstallResource("argocd", resource) { ManifestFile = options.ArgoCdManifest, InstallIfMissing = options.InstallArgoCd };
        builder.AddResource(argo).WithReference(cluster).WithHealthCheck("found or installed", _ => Task.FromResult(argo.Ready), TimeSpan.FromMinutes(15));
        return (resource, argo, null);
    }
}
