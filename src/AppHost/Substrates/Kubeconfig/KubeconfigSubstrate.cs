using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.FakeLlm;
using PlatformValidation.AppHost.Resources.Lifecycle;

namespace PlatformValidation.AppHost.Substrates;

/// <summary>
/// The kubeconfig substrate: an existing cluster, with Argo CD already there (or installed with
/// <c>--install-argocd</c>). Argo CD reads the platform repo from its real remote; the harness serves no copy, so
/// suites that edit the repo (group-toggle) skip with the reason.
/// </summary>
public static class KubeconfigSubstrate
{
    public static SubstrateResources Add(IDistributedApplicationBuilder builder, RunOptions options, IResourceBuilder<FakeLlmResource> llm, IReadOnlyDictionary<string, string> standIns)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(llm);
        var kubeconfig = options.Kubeconfig ?? Environment.GetEnvironmentVariable("KUBECONFIG") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        var cluster = builder.AddHarnessResource(new KubeconfigClusterResource("cluster", kubeconfig, options.KubeconfigContext))
            .WithApiHealthCheck()
            .WithStartupTimeout(TimeSpan.FromSeconds(30));
        llm.WaitFor(cluster);
        var argo = builder.AddArgoCdInstall("argocd", cluster, options.InstallArgoCd, options.ArgoCdManifest);
        return new SubstrateResources(cluster, argo, null);
    }
}
