using k8s;
using PlatformValidation.Validators.Live.Kube;

namespace PlatformValidation.Validators.Live.Substrates;

/// <summary>An existing cluster reached through a kubeconfig, with Argo CD in <see cref="ArgoCdNamespace"/>.</summary>
public sealed class KubeconfigLiveSubstrate : ILiveSubstrate
{
    private readonly KubeRetryOptions? retry;

    public KubeconfigLiveSubstrate(string kubeconfigPath, string argoCdNamespace = "argocd", IServedRepo? repo = null, string? context = null, KubeRetryOptions? retry = null, string name = "kubeconfig")
    {
        ArgumentException.ThrowIfNullOrEmpty(kubeconfigPath);
        KubeconfigPath = kubeconfigPath;
        ArgoCdNamespace = argoCdNamespace;
        Repo = repo;
        Context = context;
        Name = name;
        this.retry = retry;
    }

    public string Name { get; }

    public string KubeconfigPath { get; }

    public string ArgoCdNamespace { get; }

    public IServedRepo? Repo { get; }

    /// <summary>The kubeconfig context used (null: the current one).</summary>
    public string? Context { get; }

    public Kubernetes CreateClient() => KubeClients.FromKubeconfig(KubeconfigPath, Context, retry);
}
