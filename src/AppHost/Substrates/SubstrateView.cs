using k8s;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.GitServer;
using PlatformValidation.Validators.Live.Scenario;
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

    /// <summary>
    /// With a reconciler of known interval, "nothing changed" holds after four of its rounds (at least 1 s), and
    /// waits poll five times a second; scenario-set values are kept.
    /// </summary>
    public LiveTimeouts Adjust(LiveTimeouts timeouts)
    {
        ArgumentNullException.ThrowIfNull(timeouts);
        if (argo.ReconciliationInterval is not { } interval)
        {
            return timeouts;
        }

        var t = timeouts;
        if (t.Settle == LiveTimeouts.Default.Settle)
        {
            t = t with { Settle = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, interval.Ticks * 4)) };
        }

        if (t.PollInterval == LiveTimeouts.Default.PollInterval)
        {
            t = t with { PollInterval = TimeSpan.FromMilliseconds(100) };
        }

        return t;
    }
}
