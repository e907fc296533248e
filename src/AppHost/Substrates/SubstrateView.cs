using k8s;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.GitServer;
using PlatformValidation.Validators.Live.Substrates;

namespace PlatformValidation.AppHost.Substrates;

/// <summary>The live runner's view of a started system: the cluster's kubeconfig and client, Argo CD's namespace, the served repo.</summary>
public sealed class SubstrateView(IClusterResource cluster, IArgoCdResource argo, GitServerResource? git) : ILiveSubstrate
{
    public string Name => cluster.SubstrateName;

    public string KubeconfigPath => cluster.KubeconfigPath;

    public string ArgoCdNamespace => argo.Namespace;

    public IServedRepo? Repo => git?.Repo;

    public Kubernetes CreateClient() => cluster.CreateClient();
}
