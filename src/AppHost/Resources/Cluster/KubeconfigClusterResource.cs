using k8s;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Validators.Live.Substrates;

namespace PlatformValidation.AppHost.Resources.Cluster;

/// <summary>An existing cluster from a kubeconfig (kubeconfig substrate): nothing is started or stopped, only reached.</summary>
public sealed class KubeconfigClusterResource : HarnessResource, IClusterResource
{
    public KubeconfigClusterResource(string name, string kubeconfigPath, string? context)
        : base(name)
    {
        KubeconfigPath = kubeconfigPath;
        Context = context;
    }

    public string SubstrateName => "kubeconfig";

    public string KubeconfigPath { get; }

    public string? Context { get; }

    public Kubernetes CreateClient() => KubeClients.FromKubeconfig(KubeconfigPath, Context);
}
