using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.Cluster;

namespace PlatformValidation.AppHost.Resources.ArgoCd;

/// <summary>
/// A real Argo CD in a cluster: installed from the pinned, checksum-verified manifest (k3s), or found already
/// there (kubeconfig; installed only when asked).
/// </summary>
public sealed class ArgoCdInstallResource : HarnessResource, IArgoCdResource
{
    public ArgoCdInstallResource(string name, IClusterResource cluster, string ns = "argocd")
        : base(name)
    {
        Cluster = cluster;
        Namespace = ns;
    }

    public IClusterResource Cluster { get; }

    public string Namespace { get; }

    /// <summary>Install when the cluster has no Argo CD (else fail with what to do).</summary>
    public bool InstallIfMissing { get; set; } = true;

    /// <summary>What to do when Argo CD is missing and <see cref="InstallIfMissing"/> is off (the end of the start error).</summary>
    public string MissingHint { get; set; } = $"Install it, or pass --install-argocd to install Argo CD {ImageTags.ArgoCdVersion}.";

    /// <summary>A local copy of the manifest (air-gapped use).</summary>
    public string? ManifestFile { get; set; }

    public TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan Reconciliation { get; set; } = TimeSpan.FromSeconds(10);

    public bool Ready { get; private set; }

    public override async Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
    {
        using var client = Cluster.CreateClient();
        if (await ArgoCdInstaller.IsInstalledAsync(client, cancellationToken))
        {
            Log.Write($"Argo CD is already installed (argoproj.io CRDs present); using namespace {Namespace}");
            Ready = true;
            return;
        }

        if (!InstallIfMissing)
        {
            throw new ArgoCdInstallException($"The cluster has no Argo CD (no argoproj.io/v1alpha1 Application kind). {MissingHint}");
        }

        var manifest = await ArgoCdManifestSource.Pinned().GetAsync(ManifestFile, cancellationToken: cancellationToken);
        var plan = ArgoCdInstallPlan.From(manifest, Namespace, Reconciliation);
        await ArgoCdInstaller.InstallAsync(client, plan, InstallTimeout, Log.Write, cancellationToken);
        Ready = true;
    }

    public override Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
