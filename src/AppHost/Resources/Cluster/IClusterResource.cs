using k8s;

namespace PlatformValidation.AppHost.Resources.Cluster;

/// <summary>A Kubernetes cluster resource (simulated, k3s, or from a kubeconfig).</summary>
public interface IClusterResource : IResource
{
    /// <summary>The substrate name reports state (<c>sim</c>, <c>k3s</c>, <c>kubeconfig</c>).</summary>
    string SubstrateName { get; }

    /// <summary>The kubeconfig that reaches the cluster (once it runs).</summary>
    string KubeconfigPath { get; }

    /// <summary>A client with retries (callers dispose it).</summary>
    Kubernetes CreateClient();
}
