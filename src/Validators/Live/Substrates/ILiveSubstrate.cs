using k8s;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.Validators.Live.Substrates;

/// <summary>
/// What a live run needs from wherever it runs (the simulated cluster, k3s, or a cluster from a kubeconfig): a
/// kubeconfig, a client for the Kubernetes API, the namespace Argo CD watches, and the served copy of the
/// platform repo. Steps talk to the cluster only through the client; they never know which substrate it is.
/// </summary>
public interface ILiveSubstrate
{
    /// <summary>The substrate's name as reports state it: <c>sim</c>, <c>k3s</c> or <c>kubeconfig</c>.</summary>
    string Name { get; }

    /// <summary>A file a user can hand to kubectl (<c>KUBECONFIG=…</c>).</summary>
    string KubeconfigPath { get; }

    /// <summary>The namespace holding Argo CD's Applications, ApplicationSets and AppProjects.</summary>
    string ArgoCdNamespace { get; }

    /// <summary>The copy of the platform repo Argo CD reads from, when the harness serves one (null when Argo CD reads the real remote).</summary>
    IServedRepo? Repo { get; }

    /// <summary>A new client for the cluster (callers dispose it). Calls are retried on 429/5xx.</summary>
    Kubernetes CreateClient();

    /// <summary>
    /// The scenario's timeouts as this substrate runs them. A substrate whose reconciler is known to be fast (the
    /// simulated Argo CD) shortens the settle window and the poll interval the scenario left at their defaults;
    /// values a scenario sets are kept.
    /// </summary>
    LiveTimeouts Adjust(LiveTimeouts timeouts) => timeouts;
}
