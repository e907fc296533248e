using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Validators.Knowledge;

/// <summary>
/// The one answer to "is this kind namespaced?" before any CRD is seen: every kind of <c>Knowledge/cluster-defaults.yaml</c>
/// (built-in Kubernetes kinds, the kinds each platform preset ships, and the <c>crdScopes</c> of well-known operators).
/// A kind in none of them has an unknown scope (null), never a guessed one. Namespace defaulting, the static graph,
/// <c>--suggest-project</c> and the simulated API server all read this table. Immutable.
/// </summary>
public sealed class KindScopeTable
{
    private const string ResourceName = "PlatformValidation.Validators.Knowledge.cluster-defaults.yaml";

    private static readonly Lazy<string> LazyText = new(ReadEmbedded);
    private static readonly Lazy<KindScopeTable> LazyDefault = new(() => Parse(LazyText.Value));

    private readonly Dictionary<(string Group, string Kind), bool> namespacedByKind;

    private KindScopeTable(Dictionary<(string Group, string Kind), bool> namespacedByKind)
    {
        this.namespacedByKind = namespacedByKind;
    }

    /// <summary>The table shipped with the product.</summary>
    public static KindScopeTable Default => LazyDefault.Value;

    /// <summary>The text of the embedded <c>cluster-defaults.yaml</c> (what a cluster provides is read from it too).</summary>
    public static string DefaultText => LazyText.Value;

    /// <summary>Every group/kind of the table and whether it is namespaced.</summary>
    public IReadOnlyDictionary<(string Group, string Kind), bool> Kinds => namespacedByKind;

    /// <summary>True / false for a kind of the table; null when its scope is unknown.</summary>
    public bool? IsNamespaced(string group, string kind)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(kind);
        return namespacedByKind.TryGetValue((group, kind), out var ns) ? ns : null;
    }

    /// <summary>
    /// The scope of a built-in Kubernetes kind (section <c>kubernetes</c>); throws for a kind outside it, so a
    /// simulated API server cannot serve a built-in kind the table does not know.
    /// </summary>
    public bool BuiltInIsNamespaced(string group, string kind) =>
        IsNamespaced(group, kind) ?? throw new InvalidOperationException($"{kind} ({(group.Length == 0 ? "core" : group)}) is missing from Knowledge/cluster-defaults.yaml; add it to the kubernetes section.");

    /// <summary>Parses a table in the format of the embedded file: every section's kinds (any platform) plus <c>crdScopes</c>.</summary>
    public static KindScopeTable Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        var table = new Dictionary<(string, string), bool>();
        // crdScopes first, so a section (what a platform really serves) wins over the operator knowledge.
        foreach (var entry in Items(root, "crdScopes"))
        {
            AddKinds(table, entry);
        }

        foreach (var section in Items(root, "sections"))
        {
            foreach (var entry in Items(section, "kinds"))
            {
                AddKinds(table, entry);
            }
        }

        return new KindScopeTable(table);
    }

    private static void AddKinds(Dictionary<(string, string), bool> table, YamlNode entry)
    {
        var group = Get(entry, "group") is YamlScalarNode g ? g.Value ?? string.Empty : string.Empty;
        foreach (var kind in Items(entry, "namespaced").OfType<YamlScalarNode>())
        {
            table[(group, kind.Value ?? string.Empty)] = true;
        }

        foreach (var kind in Items(entry, "cluster").OfType<YamlScalarNode>())
        {
            table[(group, kind.Value ?? string.Empty)] = false;
        }
    }

    private static YamlNode? Get(YamlNode? node, string key) =>
        node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static IEnumerable<YamlNode> Items(YamlNode? node, string key) => Get(node, key) is YamlSequenceNode s ? s.Children : [];

    private static string ReadEmbedded()
    {
        using var stream = typeof(KindScopeTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
