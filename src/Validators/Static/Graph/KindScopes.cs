using System.Text.Json.Nodes;
using PlatformValidation.Validators.Knowledge;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// Whether a kind is namespaced, one answer for every analyzer and <c>--suggest-project</c>: the built-in kinds and
/// the CRDs found in the profile (<c>spec.scope</c>), then the knowledge table (<see cref="KindScopeTable"/>), else
/// unknown (<see cref="Scope"/> null, never guessed). <see cref="IsNamespaced"/> treats an unknown kind as namespaced,
/// as Argo CD's normalization does [ARGOCD-SEMANTICS §1.5]; findings that depend on the scope say when it is unknown.
/// </summary>
public sealed class KindScopes
{
    private readonly ClusterDefaults defaults;
    private readonly Dictionary<GroupKind, bool> crds = [];

    public KindScopes(ClusterDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        this.defaults = defaults;
    }

    /// <summary>Records the scope of every CRD among <paramref name="objects"/>.</summary>
    public void AddCustomResourceDefinitions(IEnumerable<ManifestObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        foreach (var o in objects)
        {
            if (CrdKind(o) is { } gk)
            {
                crds[gk] = !string.Equals(JsonText(o.Body["spec"]?["scope"]), "Cluster", StringComparison.Ordinal);
            }
        }
    }

    /// <summary>True when namespaced or unknown (Argo CD's default for kinds it does not know).</summary>
    public bool IsNamespaced(string group, string kind) => Scope(group, kind) ?? true;

    /// <summary>True / false when the scope is known; null when no table and no CRD of the profile says.</summary>
    public bool? Scope(string group, string kind) =>
        defaults.IsNamespaced(group, kind) ??
        (crds.TryGetValue(new GroupKind(group, kind), out var ns) ? ns : KindScopeTable.Default.IsNamespaced(group, kind));

    /// <summary>True when the kind is built in or registered by a CRD seen in the repo.</summary>
    public bool IsKnown(string group, string kind) => defaults.IsBuiltIn(group, kind) || crds.ContainsKey(new GroupKind(group, kind));

    /// <summary>The group/kind a CustomResourceDefinition registers, or null for other objects.</summary>
    public static GroupKind? CrdKind(ManifestObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Kind != "CustomResourceDefinition" || o.Group != "apiextensions.k8s.io")
        {
            return null;
        }

        var group = JsonText(o.Body["spec"]?["group"]);
        var kind = JsonText(o.Body["spec"]?["names"]?["kind"]);
        return string.IsNullOrEmpty(group) || string.IsNullOrEmpty(kind) ? null : new GroupKind(group, kind);
    }

    internal static string? JsonText(JsonNode? node) => JsonRead.Str(node);
}
