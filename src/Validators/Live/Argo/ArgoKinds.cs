namespace PlatformValidation.Validators.Live.Argo;

/// <summary>The Argo CD kinds and annotations the live path reads and writes.</summary>
public static class ArgoLive
{
    public const string ApiVersion = "argoproj.io/v1alpha1";

    public const string Application = "Application";

    public const string ApplicationSet = "ApplicationSet";

    public const string AppProject = "AppProject";

    /// <summary>The annotation <c>argocd app get --refresh/--hard-refresh</c> sets (value <c>normal</c> or <c>hard</c>).</summary>
    public const string RefreshAnnotation = "argocd.argoproj.io/refresh";

    /// <summary>Who the harness says started a sync (the operation's <c>initiatedBy.username</c>).</summary>
    public const string Initiator = "platform-validation";

    /// <summary>The finalizer that makes deleting an Application cascade to its resources (its <c>/foreground</c> and <c>/background</c> variants share the prefix).</summary>
    public const string ResourcesFinalizer = "resources-finalizer.argocd.argoproj.io";
}
