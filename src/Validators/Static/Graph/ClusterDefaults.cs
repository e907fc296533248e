using PlatformValidation.Validators.Knowledge;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// What a cluster provides before any app syncs (Knowledge/cluster-defaults.yaml) for the chosen platform presets:
/// built-in kinds, objects every cluster has (default namespaces, built-in ClusterRoles, the argocd namespace, and
/// per platform e.g. k3s' local-path StorageClass or OpenShift's Route kind and OLM catalog sources), and objects
/// Kubernetes creates in every namespace (the default ServiceAccount). Scopes come from <see cref="KindScopeTable"/>.
/// </summary>
public sealed class ClusterDefaults
{
    /// <summary>The platform presets <c>validate --platform</c> accepts.</summary>
    public static IReadOnlyList<string> Platforms { get; } = ["k3s", "openshift", "eks", "gke", "aks"];

    /// <summary>The preset used when none is chosen: k3s, the bundled sample's substrate.</summary>
    public const string DefaultPlatform = "k3s";

    private static readonly Lazy<ClusterDefaults> LazyDefault = new(() => Parse(KindScopeTable.DefaultText));

    private readonly Dictionary<GroupKind, bool> namespacedByKind;
    private readonly List<DefaultObject> objects;
    private readonly List<DefaultObject> perNamespace;

    private ClusterDefaults(Dictionary<GroupKind, bool> namespacedByKind, List<DefaultObject> objects, List<DefaultObject> perNamespace)
    {
        this.namespacedByKind = namespacedByKind;
        this.objects = objects;
        this.perNamespace = perNamespace;
    }

    /// <summary>The table shipped with the product, for the default platform (k3s).</summary>
    public static ClusterDefaults Default => LazyDefault.Value;

    /// <summary>The shipped table for <paramref name="platforms"/> (sections without a platform always apply).</summary>
    public static ClusterDefaults For(IReadOnlyCollection<string> platforms)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        return platforms.Count == 1 && platforms.Contains(DefaultPlatform) ? Default : Parse(KindScopeTable.DefaultText, platforms);
    }

    /// <summary>Every built-in group/kind and whether it is namespaced.</summary>
    public IReadOnlyDictionary<GroupKind, bool> Kinds => namespacedByKind;

    /// <summary>True when the kind needs no CRD.</summary>
    public bool IsBuiltIn(string group, string kind) => namespacedByKind.ContainsKey(new GroupKind(group, kind));

    /// <summary>The scope of a built-in kind, or null for kinds outside the table.</summary>
    public bool? IsNamespaced(string group, string kind) =>
        namespacedByKind.TryGetValue(new GroupKind(group, kind), out var ns) ? ns : null;

    /// <summary>True when <paramref name="key"/> exists in every cluster (or in every namespace, for per-namespace objects).</summary>
    public bool Provides(ObjectKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return objects.Any(o => o.Matches(key, anyNamespace: false)) ||
               (key.Namespace is not null && perNamespace.Any(o => o.Matches(key, anyNamespace: true)));
    }

    /// <summary>Parses a table in the format of the embedded file, for <paramref name="platforms"/> (default k3s).</summary>
    public static ClusterDefaults Parse(string yaml, IReadOnlyCollection<string>? platforms = null)
    {
        platforms ??= [DefaultPlatform];
        var kinds = new Dictionary<GroupKind, bool>();
        var objs = new List<DefaultObject>();
        var perNs = new List<DefaultObject>();
        foreach (var section in KnowledgeYaml.Items(KnowledgeYaml.Root(yaml), "sections"))
        {
            var only = KnowledgeYaml.Strings(section, "platforms").ToList();
            if (only.Count > 0 && !only.Any(platforms.Contains))
            {
                continue;
            }

            foreach (var g in KnowledgeYaml.Items(section, "kinds"))
            {
                var group = KnowledgeYaml.Text(g, "group") ?? string.Empty;
                foreach (var k in KnowledgeYaml.Strings(g, "namespaced"))
                {
                    kinds[new GroupKind(group, k)] = true;
                }

                foreach (var k in KnowledgeYaml.Strings(g, "cluster"))
                {
                    kinds[new GroupKind(group, k)] = false;
                }
            }

            objs.AddRange(KnowledgeYaml.Items(section, "objects").Select(o => Object(o, withNamespace: true)));
            perNs.AddRange(KnowledgeYaml.Items(section, "perNamespace").Select(o => Object(o, withNamespace: false)));
        }

        return new ClusterDefaults(kinds, objs, perNs);
    }

    private static DefaultObject Object(YamlDotNet.RepresentationModel.YamlNode o, bool withNamespace) => new(
        ObjectKey.GroupOf(KnowledgeYaml.Text(o, "apiVersion") ?? "v1"),
        KnowledgeYaml.Text(o, "kind") ?? string.Empty,
        withNamespace ? KnowledgeYaml.Text(o, "namespace") : null,
        KnowledgeYaml.Text(o, "name") ?? string.Empty);

    private sealed record DefaultObject(string Group, string Kind, string? Namespace, string Name)
    {
        public bool Matches(ObjectKey key, bool anyNamespace) =>
            key.Group == Group && (Kind == "*" || key.Kind == Kind) &&
            (anyNamespace || key.Namespace == Namespace) &&
            (Name.EndsWith('*') ? key.Name.StartsWith(Name[..^1], StringComparison.Ordinal) : key.Name == Name);
    }
}
