using PlatformValidation.Validators.Knowledge;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// What a cluster provides before any app syncs (Knowledge/cluster-defaults.yaml): built-in kinds with their scope,
/// objects every cluster has (default namespaces, built-in ClusterRoles, k3s' local-path StorageClass, the argocd
/// namespace), and objects Kubernetes creates in every namespace (the default ServiceAccount).
/// </summary>
public sealed class ClusterDefaults
{
    private const string ResourceName = "PlatformValidation.Validators.Knowledge.cluster-defaults.yaml";

    private static readonly Lazy<ClusterDefaults> LazyDefault = new(() => Parse(ReadEmbedded()));

    private readonly Dictionary<GroupKind, bool> namespacedByKind;
    private readonly List<DefaultObject> objects;
    private readonly List<DefaultObject> perNamespace;

    private ClusterDefaults(Dictionary<GroupKind, bool> namespacedByKind, List<DefaultObject> objects, List<DefaultObject> perNamespace)
    {
        this.namespacedByKind = namespacedByKind;
        this.objects = objects;
        this.perNamespace = perNamespace;
    }

    /// <summary>The table shipped with the product.</summary>
    public static ClusterDefaults Default => LazyDefault.Value;

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

    /// <summary>Parses a table in the format of the embedded file.</summary>
    public static ClusterDefaults Parse(string yaml)
    {
        var kinds = new Dictionary<GroupKind, bool>();
        var objs = new List<DefaultObject>();
        var perNs = new List<DefaultObject>();
        foreach (var section in KnowledgeYaml.Items(KnowledgeYaml.Root(yaml), "sections"))
        {
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

    private static string ReadEmbedded()
    {
        using var stream = typeof(OperatorKnowledge).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record DefaultObject(string Group, string Kind, string? Namespace, string Name)
    {
        public bool Matches(ObjectKey key, bool anyNamespace) =>
            key.Group == Group && key.Kind == Kind &&
            (anyNamespace || key.Namespace == Namespace) &&
            (Name.EndsWith('*') ? key.Name.StartsWith(Name[..^1], StringComparison.Ordinal) : key.Name == Name);
    }
}
