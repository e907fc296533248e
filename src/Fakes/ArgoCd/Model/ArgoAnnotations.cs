namespace PlatformValidation.Fakes.ArgoCd.Model;

/// <summary>Annotation, label and finalizer names Argo CD reads and writes (ug/annotations-and-labels).</summary>
public static class ArgoAnnotations
{
    public const string Group = "argoproj.io";
    public const string TrackingId = "argocd.argoproj.io/tracking-id";
    public const string SyncWave = "argocd.argoproj.io/sync-wave";
    public const string Hook = "argocd.argoproj.io/hook";
    public const string HookDeletePolicy = "argocd.argoproj.io/hook-delete-policy";
    public const string SyncOptions = "argocd.argoproj.io/sync-options";
    public const string CompareOptions = "argocd.argoproj.io/compare-options";
    public const string Refresh = "argocd.argoproj.io/refresh";
    public const string RefreshTimestamp = "argocd.argoproj.io/refresh-timestamp";
    public const string IgnoreHealthcheck = "argocd.argoproj.io/ignore-healthcheck";
    public const string DeletionApproved = "argocd.argoproj.io/deletion-approved";
    public const string HelmHook = "helm.sh/hook";
    public const string HelmHookWeight = "helm.sh/hook-weight";
    public const string HelmHookDeletePolicy = "helm.sh/hook-delete-policy";
    public const string HelmResourcePolicy = "helm.sh/resource-policy";
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";
    public const string InstanceLabel = "app.kubernetes.io/instance";

    public const string ResourcesFinalizer = "resources-finalizer.argocd.argoproj.io";
    public const string ResourcesFinalizerForeground = "resources-finalizer.argocd.argoproj.io/foreground";
    public const string ResourcesFinalizerBackground = "resources-finalizer.argocd.argoproj.io/background";
    public const string HookFinalizer = "argocd.argoproj.io/hook-finalizer";
    public const string ApplicationSetFinalizer = "resources-finalizer.argocd.argoproj.io";

    /// <summary>The in-cluster destination server URL.</summary>
    public const string InClusterServer = "https://kubernetes.default.svc";
    public const string InClusterName = "in-cluster";
}
