using System.Text.Json.Nodes;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PlatformValidation.Validators.Knowledge;

/// <summary>
/// The shared table of what well-known operators create (ExternalSecret → Secret, CNPG Cluster → Secrets, …).
/// Static analyzers count these objects as provided; the simulated cluster's stand-ins create them.
/// </summary>
public sealed class OperatorKnowledge
{
    private const string ResourceName = "PlatformValidation.Validators.Knowledge.well-known-operators.yaml";

    private static readonly Lazy<OperatorKnowledge> LazyDefault = new(LoadEmbedded);

    private readonly Dictionary<(string Group, string Kind), OperatorRule> byGroupKind;

    public OperatorKnowledge(IEnumerable<OperatorRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.ToList();
        byGroupKind = Rules.ToDictionary(r => (r.Group, r.Kind));
    }

    /// <summary>The table shipped with the product.</summary>
    public static OperatorKnowledge Default => LazyDefault.Value;

    public IReadOnlyList<OperatorRule> Rules { get; }

    /// <summary>The rule for a custom resource kind, or null when no well-known operator handles it.</summary>
    public OperatorRule? Find(string group, string kind) =>
        byGroupKind.TryGetValue((group, kind), out var rule) ? rule : null;

    /// <summary>The objects the operator creates for <paramref name="resource"/> (empty when none is known).</summary>
    public IReadOnlyList<CreatedObject> ObjectsCreatedBy(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var apiVersion = resource["apiVersion"]?.GetValue<string>() ?? string.Empty;
        var kind = resource["kind"]?.GetValue<string>() ?? string.Empty;
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
        var rule = Find(group, kind);
        if (rule is null)
        {
            return [];
        }

        var ns = JsonPath.ReadString(resource, "metadata.namespace");
        var created = new List<CreatedObject>();
        foreach (var c in rule.Creates)
        {
            if (c.When is { } when && !string.Equals(JsonPath.ReadString(resource, when.Path), when.EqualsValue, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = c.NameTemplates.Select(t => JsonPath.Expand(resource, t)).FirstOrDefault(n => !string.IsNullOrEmpty(n));
            if (name is not null)
            {
                created.Add(new CreatedObject(c.ApiVersion, c.Kind, name, ns));
            }
        }

        return created;
    }

    /// <summary>Parses a table in the format of the embedded <c>well-known-operators.yaml</c>.</summary>
    public static OperatorKnowledge Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        var doc = deserializer.Deserialize<TableDocument>(yaml) ?? new TableDocument();
        var rules = doc.Operators.Select(o => new OperatorRule(
            o.Group,
            o.Kind,
            o.Source ?? string.Empty,
            o.Creates.Select(c => new CreatedObjectRule(
                c.ApiVersion,
                c.Kind,
                c.Name,
                c.When is null ? null : new WhenRule(c.When.Path, c.When.EqualsValue))).ToList(),
            o.Ready is null ? null : new ReadinessRule(o.Ready.Condition, o.Ready.RequiresWorkload)));
        return new OperatorKnowledge(rules);
    }

    private static OperatorKnowledge LoadEmbedded()
    {
        using var stream = typeof(OperatorKnowledge).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    // YAML document shape; kept private so the public surface is the immutable records above.
    private sealed class TableDocument
    {
        public List<OperatorEntry> Operators { get; set; } = [];
    }

    private sealed class OperatorEntry
    {
        public string Group { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public string? Source { get; set; }

        public List<CreatesEntry> Creates { get; set; } = [];

        public ReadyEntry? Ready { get; set; }
    }

    private sealed class CreatesEntry
    {
        public string ApiVersion { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public List<string> Name { get; set; } = [];

        public WhenEntry? When { get; set; }
    }

    private sealed class WhenEntry
    {
        public string Path { get; set; } = string.Empty;

        [YamlMember(Alias = "equals")]
        public string EqualsValue { get; set; } = string.Empty;
    }

    private sealed class ReadyEntry
    {
        public string Condition { get; set; } = string.Empty;

        public bool RequiresWorkload { get; set; }
    }
}
