using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Changes;

/// <summary>
/// What a merge deletes on the cluster, per Argo CD's rules: an automated app with <c>prune: true</c> deletes the
/// resources that left Git [ARGOCD-SEMANTICS §4.7, §5.1]; an Application that leaves its parent is deleted and, with
/// the resources finalizer, takes its resources along [§6.1, §6.2, §7.4]; deleting a CRD deletes every object of its
/// kind and deleting a Namespace everything in it (kube-apiserver). Objects marked <c>Prune=false</c> (pruning) or
/// <c>Delete=false</c> / <c>helm.sh/resource-policy: keep</c> (cascade) stay, and CRDs never cascade [§4.5, §6.1].
/// </summary>
public static class PruneRules
{
    /// <summary>Kinds whose deletion loses data or takes other objects along: PRUNE001 unless allowed.</summary>
    public static IReadOnlySet<string> StatefulKinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "PersistentVolumeClaim", "PersistentVolume", "StatefulSet", "CustomResourceDefinition", "Namespace",
    };

    /// <summary>The <c>argocd.argoproj.io/sync-options</c> annotation holds <paramref name="option"/> (comma list, spaces ignored).</summary>
    public static bool HasSyncOption(ManifestObject manifest, string option)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return Annotation(manifest, "argocd.argoproj.io/sync-options") is { } value &&
               value.Split(',').Any(o => string.Equals(o.Replace(" ", string.Empty, StringComparison.Ordinal), option, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Why pruning <paramref name="manifest"/> is skipped, or null when it is pruned.</summary>
    public static string? PruneKept(ManifestObject manifest, Application? app) =>
        HasSyncOption(manifest, "Prune=false") || (app?.HasSyncOption("Prune=false") ?? false) ? "Prune=false"
        : HasSyncOption(manifest, "Prune=confirm") ? "Prune=confirm (waits for approval)"
        : null;

    /// <summary>Why a cascading deletion leaves <paramref name="manifest"/> in place, or null when it is deleted.</summary>
    public static string? CascadeKept(ManifestObject manifest, Application? app) =>
        manifest.Kind == "CustomResourceDefinition" && manifest.Group is "apiextensions.k8s.io" ? "CRDs are never cascade-deleted"
        : HasSyncOption(manifest, "Delete=false") || (app?.HasSyncOption("Delete=false") ?? false) ? "Delete=false"
        : string.Equals(Annotation(manifest, "helm.sh/resource-policy"), "keep", StringComparison.Ordinal) ? "helm.sh/resource-policy: keep"
        : null;

    /// <summary>True when automated sync prunes for <paramref name="app"/>.</summary>
    public static bool AutoPrunes(Application app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.IsAutomated && app.SyncPolicy?.Automated?.Prune == true;
    }

    private static string? Annotation(ManifestObject manifest, string key) =>
        manifest.Body["metadata"]?["annotations"]?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
