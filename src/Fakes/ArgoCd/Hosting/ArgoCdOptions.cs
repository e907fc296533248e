using RetryStrategyDefaults = PlatformValidation.Fakes.ArgoCd.Sync.RetryStrategyDefaults;

namespace PlatformValidation.Fakes.ArgoCd.Hosting;

/// <summary>Settings of the simulated Argo CD. Defaults are short so a simulated cluster converges in seconds.</summary>
public sealed record ArgoCdOptions
{
    /// <summary>
    /// repoURL → local directory (a git repository read at targetRevision, or a plain directory served as is), or an
    /// <c>http(s)://</c> URL of a smart-HTTP git server, read over the wire as Argo CD's repo-server reads a remote.
    /// </summary>
    public IReadOnlyDictionary<string, string> Repositories { get; init; } = new Dictionary<string, string>();

    /// <summary>The control-plane namespace (Applications, AppProjects, argocd-cm).</summary>
    public string Namespace { get; init; } = "argocd";

    /// <summary>Periodic comparison (<c>timeout.reconciliation</c>; Argo CD's default is 120 s).</summary>
    public TimeSpan ReconciliationInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause after a successful non-final wave (<c>ARGOCD_SYNC_WAVE_DELAY</c>, 2 s in Argo CD).</summary>
    public TimeSpan SyncWaveDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Self-heal backoff base (<c>--self-heal-backoff-timeout-seconds</c>, 2 s; factor 3, cap 300 s).</summary>
    public TimeSpan SelfHealBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The retry backoff base when an operation's retry sets no <c>backoff.duration</c> (Argo CD: 5 s, so an automated
    /// sync that fails retries after 5, 10, 20… s). A shorter base compresses time in a simulation; an explicit
    /// duration in the Application always wins.
    /// </summary>
    public TimeSpan DefaultRetryBackoff { get; init; } = RetryStrategyDefaults.Duration;

    /// <summary>How often a running operation is re-evaluated without events (Argo CD re-queues at least every 30 s).</summary>
    public TimeSpan OperationPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Reconcile workers (<c>--status-processors</c>).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Run health checks for kinds Argo CD ships none for (Kueue queues, InferencePool). Off = faithful.</summary>
    public bool HealthForUnbundledKinds { get; init; }

    /// <summary>
    /// An Argo CD <c>resource_customizations/</c> folder (or an argo-cd checkout) whose <c>health.lua</c> scripts act as
    /// the built-in health checks of that Argo CD version, ahead of the Go checks; null keeps the project's bundled
    /// checks. See <see cref="Health.ResourceCustomizationsDirectory"/>.
    /// </summary>
    public string? ResourceCustomizations { get; init; }

    /// <summary>Install the argoproj.io CRDs, the namespace, the default AppProject and argocd-cm when absent.</summary>
    public bool Install { get; init; } = true;

    /// <summary>Where git revisions are materialised (default: a fresh temp directory, removed on dispose).</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The kubectl used for <c>kubectl kustomize</c>.</summary>
    public string KubectlPath { get; init; } = "kubectl";

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long startup may take (installing CRDs, first list of every kind).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
