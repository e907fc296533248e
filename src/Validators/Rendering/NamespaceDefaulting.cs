using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Argo CD's namespace normalization of rendered objects [ARGOCD-SEMANTICS §1.5; controller/state.go
/// NormalizeTargetObjects]: a namespaced (or unknown) kind without a namespace gets the destination namespace; a
/// cluster-scoped kind loses any namespace; an explicit different namespace is kept.
/// </summary>
public static class NamespaceDefaulting
{
    /// <summary>Applies the rule in place to each body (idempotent).</summary>
    public static void Apply(IEnumerable<ManifestObject> objects, string? destinationNamespace, ResourceScopes scopes) => throw new NotImplementedException();
}
