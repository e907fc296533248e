using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Diff;

namespace PlatformValidation.Fakes.ArgoCd.Model;

/// <summary>
/// The fields of an Application object the controller acts on, read straight from its JSON (the object the API
/// server returned). Structural validation of the spec is left to the engine's <c>ArgoModelParser</c>.
/// </summary>
public sealed record AppSpec(JsonObject Raw)
{
    public string Name => Json.Str(Raw, "metadata.name") ?? string.Empty;

    public string Namespace => Json.Str(Raw, "metadata.namespace") ?? string.Empty;

    public string Uid => Json.Str(Raw, "metadata.uid") ?? string.Empty;

    /// <summary>An empty project means <c>default</c> [types.go GetProject].</summary>
    public string Project => Json.Str(Raw, "spec.project") is { Length: > 0 } p ? p : "default";

    /// <summary><c>spec.sources</c> when non-empty (multi-source, even with one entry), else <c>spec.source</c> [§1.1].</summary>
    public IReadOnlyList<JsonObject> Sources =>
        IsMultiSource ? Json.Objects(Raw, "spec.sources").ToList() : Json.Obj(Raw, "spec.source") is { } s ? [s] : [];

    public bool IsMultiSource => (Json.Arr(Raw, "spec.sources")?.Count ?? 0) > 0;

    public string? DestinationServer => Json.Str(Raw, "spec.destination.server") is { Length: > 0 } s ? s : null;

    public string? DestinationName => Json.Str(Raw, "spec.destination.name") is { Length: > 0 } s ? s : null;

    public string DestinationNamespace => Json.Str(Raw, "spec.destination.namespace") ?? string.Empty;

    public JsonObject? Automated => Json.Obj(Raw, "spec.syncPolicy.automated");

    /// <summary>Automated sync is on when <c>automated</c> is set and <c>enabled</c> is not false [§5.1].</summary>
    public bool IsAutomated => Automated is { } a && !(Json.At(a, "enabled") is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.False);

    public bool AutoPrune => Json.Bool(Automated, "prune");

    public bool SelfHeal => Json.Bool(Automated, "selfHeal");

    public bool AllowEmpty => Json.Bool(Automated, "allowEmpty");

    public IReadOnlyList<string> SyncOptionEntries => Json.Arr(Raw, "spec.syncPolicy.syncOptions")?.Select(Json.AsString).OfType<string>().ToList() ?? [];

    public CommaOptions SyncOptions => new(SyncOptionEntries);

    public JsonObject? Retry => Json.Obj(Raw, "spec.syncPolicy.retry");

    public JsonObject? ManagedNamespaceMetadata => Json.Obj(Raw, "spec.syncPolicy.managedNamespaceMetadata");

    public IReadOnlyList<IgnoreDifferenceRule> IgnoreDifferences => Json.Objects(Raw, "spec.ignoreDifferences").Select(IgnoreDifferenceRule.FromJson).ToList();

    public int RevisionHistoryLimit => (int)(Json.Long(Raw, "spec.revisionHistoryLimit") ?? 10);

    public IReadOnlyList<string> Finalizers => Json.Arr(Raw, "metadata.finalizers")?.Select(Json.AsString).OfType<string>().ToList() ?? [];

    public bool IsDeleting => Json.Str(Raw, "metadata.deletionTimestamp") is not null;

    public JsonObject? Operation => Json.Obj(Raw, "operation");

    public JsonObject Status => Json.Obj(Raw, "status") ?? [];

    public string? RefreshAnnotation => Json.GetAnnotation(Raw, ArgoAnnotations.Refresh);

    /// <summary>The source spec(s) serialized canonically, for "same source as the last sync" comparisons.</summary>
    public string SourcesJson => IsMultiSource ? (Json.Arr(Raw, "spec.sources")?.ToJsonString() ?? "[]") : (Json.Obj(Raw, "spec.source")?.ToJsonString() ?? "{}");

    public bool HasCascadeFinalizer => Finalizers.Any(IsCascadeFinalizer);

    public static bool IsCascadeFinalizer(string f) =>
        f == ArgoAnnotations.ResourcesFinalizer || f == ArgoAnnotations.ResourcesFinalizerForeground || f == ArgoAnnotations.ResourcesFinalizerBackground;
}
