using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Argo;

/// <summary>
/// An Argo CD ApplicationSet. <see cref="Template"/> is the raw <c>spec.template</c> (metadata + spec of the
/// Applications to generate), kept as JSON because every string in it may be templated [§7].
/// </summary>
public sealed record ApplicationSet(
    string Name,
    string? Namespace,
    IReadOnlyList<GeneratorSpec> Generators,
    JsonObject Template,
    string? TemplatePatch,
    bool GoTemplate,
    IReadOnlyList<string> GoTemplateOptions,
    ApplicationSetSyncPolicy? SyncPolicy,
    JsonObject? PreservedFields,
    ObjectMeta Metadata,
    ManifestObject Manifest)
{
    /// <summary>The raw body.</summary>
    public JsonObject Raw => Manifest.Body;

    /// <summary>True when <c>goTemplateOptions</c> holds <c>missingkey=error</c>.</summary>
    public bool MissingKeyIsError => GoTemplateOptions.Any(o => string.Equals(o.Replace(" ", string.Empty, StringComparison.Ordinal), "missingkey=error", StringComparison.Ordinal));
}

/// <summary><c>spec.syncPolicy</c> of an ApplicationSet [§7.2, §7.4].</summary>
public sealed record ApplicationSetSyncPolicy(string? ApplicationsSync, bool PreserveResourcesOnDeletion);
