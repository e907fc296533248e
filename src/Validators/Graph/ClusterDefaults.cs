using PlatformValidation.Validators.Knowledge;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

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
        var doc = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<Document>(yaml) ?? new Document();
        var kinds = new Dictionary<GroupKind, bool>();
        var objs = new List<DefaultObject>();
        var perNs = new List<DefaultObject>();
        foreach (var section in doc.Sections)
        {
            foreach (var g in section.Kinds)
            {
                foreach (var k in g.Namespaced)
                {
                    kinds[new GroupKind(g.Group, k)] = true;
                }

                foreach (var k in g.Cluster)
                {
                    kinds[new GroupKind(g.Group, k)] = false;
                }
            }

            objs.AddRange(section.Objects.Select(o => new DefaultObject(ObjectKey.GroupOf(o.ApiVersion), o.Kind, o.Namespace, o.Name)));
            perNs.AddRange(section.PerNamespace.Select(o => new DefaultObject(ObjectKey.GroupOf(o.ApiVersion), o.Kind, null, o.Name)));
        }

        return new ClusterDefaults(kinds, objs, perNs);
    }

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

    private sealed class Document
    {
        public List<Section> Sections { get; set; } = [];
    }

    private sealed class Section
    {
        public string Name { get; set; } = string.Empty;

        public string? Source { get; set; }

        public List<KindGroup> Kinds { get; set; } = [];

        public List<ObjectEntry> Objects { get; set; } = [];

        public List<ObjectEntry> PerNamespace { get; set; } = [];
    }

    private sealed class KindGroup
    {
        public string Group { get; set; } = string.Empty;

        public List<string> Namespaced { get; set; } = [];

        public List<string> Cluster { get; set; } = [];
    }

    private sealed class ObjectEntry
    {
        public string ApiVersion { get; set; } = "v1";

        public string Kind { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string? Namespace { get; set; }
    }
}
