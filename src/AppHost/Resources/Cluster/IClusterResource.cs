using k8s;
using PlatformValidation.AppHost.ApplicationModel;

namespace PlatformValidation.AppHost.Resources.Cluster;

/// <summary>A Kubernetes cluster resource (simulated, k3s, or from a kubeconfig).</summary>
public interface IClusterResource : IResourceWithKubeconfig
{
    /// <summary>The substrate name reports state (<c>sim</c>, <c>k3s</c>, <c>kubeconfig</c>).</summary>
    string SubstrateName { get; }

    /// <summary>A client with retries (callers dispose it).</summary>
    Kubernetes CreateClient();
}
