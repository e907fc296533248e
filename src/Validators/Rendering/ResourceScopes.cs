using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Answers "is this kind namespaced?": a built-in table of Kubernetes kinds, plus CRDs (their <c>spec.scope</c>);
/// an unknown kind counts as namespaced, as Argo CD does [ARGOCD-SEMANTICS §1.5].
/// </summary>
public sealed class ResourceScopes
{
    private readonly IReadOnlyDictionary<(string Group, string Kind), bool> namespacedByKind;

    private ResourceScopes(IReadOnlyDictionary<(string Group, string Kind), bool> namespacedByKind)
    {
        this.namespacedByKind = namespacedByKind;
    }

    /// <summary>Built-in Kubernetes kinds only.</summary>
    public static ResourceScopes BuiltIn => throw new NotImplementedException();

    /// <summary>These scopes plus the CRDs among <paramref name="objects"/> (non-CRDs are ignored).</summary>
    public ResourceScopes WithCustomResourceDefinitions(IEnumerable<ManifestObject> objects) => throw new NotImplementedException();

    /// <summary>True when group/kind is namespaced, or unknown.</summary>
    public bool IsNamespaced(string group, string kind) => throw new NotImplementedException();

    /// <summary>True when group/kind is in the table (built-in or a known CRD).</summary>
    public bool IsKnown(string group, string kind) => namespacedByKind.ContainsKey((group, kind));
}
