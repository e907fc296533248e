using System.Text.Json.Nodes;
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
    public static void Apply(IEnumerable<ManifestObject> objects, string? destinationNamespace, ResourceScopes scopes)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(scopes);
        foreach (var o in objects)
        {
            if (Needs(o, destinationNamespace, scopes) is { } change)
            {
                Set(o.Body, change);
            }
        }
    }

    /// <summary>The rule without touching the inputs: objects that need a change are copied (locations kept), the rest returned as they are.</summary>
    public static IReadOnlyList<ManifestObject> Normalize(IReadOnlyList<ManifestObject> objects, string? destinationNamespace, ResourceScopes scopes)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(scopes);
        var result = new List<ManifestObject>(objects.Count);
        foreach (var o in objects)
        {
            if (Needs(o, destinationNamespace, scopes) is { } change)
            {
                var copy = o.DeepClone();
                Set(copy.Body, change);
                result.Add(copy);
            }
            else
            {
                result.Add(o);
            }
        }

        return result;
    }

    /// <summary>null = no change; "" = remove the namespace; otherwise the namespace to set.</summary>
    private static string? Needs(ManifestObject o, string? destinationNamespace, ResourceScopes scopes)
    {
        var current = o.Namespace;
        if (scopes.IsNamespaced(o.Group, o.Kind))
        {
            return string.IsNullOrEmpty(current) && !string.IsNullOrEmpty(destinationNamespace) ? destinationNamespace : null;
        }

        return current is null ? null : string.Empty;
    }

    private static void Set(JsonObject body, string change)
    {
        if (body["metadata"] is not JsonObject meta)
        {
            meta = new JsonObject();
            body["metadata"] = meta;
        }

        if (change.Length == 0)
        {
            meta.Remove("namespace");
        }
        else
        {
            meta["namespace"] = change;
        }
    }
}
