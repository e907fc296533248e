using System.Text.Json.Nodes;
using PlatformValidation.Validators.Knowledge;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Answers "is this kind namespaced?" while rendering: the CRDs seen (their <c>spec.scope</c>), then the one kind-scope
/// table (<see cref="KindScopeTable"/>, <c>Knowledge/cluster-defaults.yaml</c>). <see cref="Scope"/> says null for a
/// kind in neither; <see cref="IsNamespaced"/> then answers true, as Argo CD's namespace normalization treats kinds
/// unknown to the cluster [ARGOCD-SEMANTICS §1.5]. Immutable.
/// </summary>
public sealed class ResourceScopes
{
    private static readonly Lazy<ResourceScopes> LazyBuiltIn = new(() => new ResourceScopes(
        KindScopeTable.Default.Kinds.ToDictionary(kv => kv.Key, kv => kv.Value)));

    private readonly IReadOnlyDictionary<(string Group, string Kind), bool> namespacedByKind;

    private ResourceScopes(IReadOnlyDictionary<(string Group, string Kind), bool> namespacedByKind)
    {
        this.namespacedByKind = namespacedByKind;
    }

    /// <summary>Built-in Kubernetes kinds, platform kinds and well-known operator kinds.</summary>
    public static ResourceScopes BuiltIn => LazyBuiltIn.Value;
    /// <summary>These scopes plus the CRDs among <paramref name="objects"/> (non-CRDs are ignored; a CRD's scope wins over the table).</summary>
    public ResourceScopes WithCustomResourceDefinitions(IEnumerable<ManifestObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        Dictionary<(string, string), bool>? copy = null;
        foreach (var o in objects)
        {
            if (o.Kind != "CustomResourceDefinition" || o.Group != "apiextensions.k8s.io" || o.Body["spec"] is not JsonObject spec)
            {
                continue;
            }

            var group = spec["group"] is JsonValue g && g.TryGetValue<string>(out var gs) ? gs : null;
            var kind = spec["names"]?["kind"] is JsonValue k && k.TryGetValue<string>(out var ks) ? ks : null;
            if (group is null || kind is null)
            {
                continue;
            }

            var namespaced = !(spec["scope"] is JsonValue s && s.TryGetValue<string>(out var scope) && scope == "Cluster");
            if (namespacedByKind.TryGetValue((group, kind), out var existing) && existing == namespaced)
            {
                continue;
            }

            copy ??= new Dictionary<(string, string), bool>(namespacedByKind);
            copy[(group, kind)] = namespaced;
        }

        return copy is null ? this : new ResourceScopes(copy);
    }

    /// <summary>True when group/kind is namespaced, or unknown.</summary>
    public bool IsNamespaced(string group, string kind) => Scope(group, kind) ?? true;

    /// <summary>True / false when the scope is known (a CRD seen, or the table); null when it is unknown.</summary>
    public bool? Scope(string group, string kind)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(kind);
        return namespacedByKind.TryGetValue((group, kind), out var namespaced) ? namespaced : null;
    }

    /// <summary>True when group/kind is in the table (built-in, well-known, or a known CRD).</summary>
    public bool IsKnown(string group, string kind) => namespacedByKind.ContainsKey((group, kind));
}
