using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Answers "is this kind namespaced?": a table of Kubernetes built-in kinds and well-known operator kinds
/// (<c>Rendering/resource-scopes.yaml</c>), plus CRDs (their <c>spec.scope</c>); an unknown kind counts as
/// namespaced, as Argo CD does [ARGOCD-SEMANTICS §1.5]. Immutable.
/// </summary>
public sealed class ResourceScopes
{
    private const string ResourceName = "PlatformValidation.Validators.Rendering.resource-scopes.yaml";

    private static readonly Lazy<ResourceScopes> LazyBuiltIn = new(Load);

    private readonly IReadOnlyDictionary<(string Group, string Kind), bool> namespacedByKind;

    private ResourceScopes(IReadOnlyDictionary<(string Group, string Kind), bool> namespacedByKind)
    {
        this.namespacedByKind = namespacedByKind;
    }

    /// <summary>Built-in Kubernetes kinds and well-known operator kinds.</summary>
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
    public bool IsNamespaced(string group, string kind)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(kind);
        return !namespacedByKind.TryGetValue((group, kind), out var namespaced) || namespaced;
    }

    /// <summary>True when group/kind is in the table (built-in, well-known, or a known CRD).</summary>
    public bool IsKnown(string group, string kind) => namespacedByKind.ContainsKey((group, kind));

    private static ResourceScopes Load()
    {
        using var stream = typeof(ResourceScopes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var loaded = new ManifestLoader().LoadText("apiVersion: v1\nkind: Scopes\n" + reader.ReadToEnd(), "resource-scopes.yaml");
        var table = new Dictionary<(string, string), bool>();
        var root = loaded.Objects.Single().Body["clusterScoped"] as JsonObject ?? [];
        foreach (var (_, section) in root)
        {
            foreach (var (group, kinds) in section as JsonObject ?? [])
            {
                foreach (var kind in kinds as JsonArray ?? [])
                {
                    if (kind is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        table[(group, v.GetValue<string>())] = false;
                    }
                }
            }
        }

        return new ResourceScopes(table);
    }
}
