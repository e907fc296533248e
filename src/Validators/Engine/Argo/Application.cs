using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Argo;

/// <summary>
/// An Argo CD Application (argoproj.io/v1alpha1), parsed from its manifest. <see cref="Sources"/> holds
/// <c>spec.sources</c> when it is non-empty (multi-source, <c>spec.source</c> ignored), else <c>spec.source</c>
/// [ARGOCD-SEMANTICS §1.1; types.go HasMultipleSources].
/// </summary>
public sealed record Application(
    string Name,
    string? Namespace,
    string Project,
    IReadOnlyList<ApplicationSource> Sources,
    bool IsMultiSource,
    ApplicationDestination Destination,
    SyncPolicy? SyncPolicy,
    IReadOnlyList<IgnoreDifference> IgnoreDifferences,
    ObjectMeta Metadata,
    JsonObject? Operation,
    ManifestObject Manifest)
{
    /// <summary>The finalizer that makes deleting the Application cascade to its resources.</summary>
    public const string ResourcesFinalizer = "resources-finalizer.argocd.argoproj.io";

    /// <summary>The raw body.</summary>
    public JsonObject Raw => Manifest.Body;

    /// <summary>The <c>argocd.argoproj.io/sync-wave</c> annotation as an integer (0 when absent or not an integer).</summary>
    public int SyncWave => Metadata.SyncWave;

    /// <summary>True when automated sync is on (<c>automated</c> present and <c>enabled</c> not false) [§5.1].</summary>
    public bool IsAutomated => SyncPolicy?.Automated is { } a && a.Enabled != false;

    /// <summary>True when the Application carries a cascading resources finalizer (plain, /foreground or /background) [§6.1].</summary>
    public bool HasResourcesFinalizer => Metadata.Finalizers.Any(f =>
        f == ResourcesFinalizer || f.StartsWith(ResourcesFinalizer + "/", StringComparison.Ordinal));

    /// <summary>True when <c>spec.syncPolicy.syncOptions</c> holds <paramref name="option"/> (e.g. <c>CreateNamespace=true</c>), ignoring case and spaces.</summary>
    public bool HasSyncOption(string option) => SyncPolicy?.HasSyncOption(option) ?? false;
}
