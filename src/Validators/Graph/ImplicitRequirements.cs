using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformValidation.Validators.Knowledge;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// Dependencies no field reference shows (Knowledge/implicit-requirements.yaml): e.g. KServe configured with
/// enableGatewayApi needs the Gateway API CRDs at start-up.
/// </summary>
public sealed class ImplicitRequirements
{
    private const string ResourceName = "PlatformValidation.Validators.Knowledge.implicit-requirements.yaml";

    private static readonly Lazy<ImplicitRequirements> LazyDefault = new(() => Parse(ReadEmbedded()));

    private ImplicitRequirements(IReadOnlyList<ImplicitRequirementRule> rules)
    {
        Rules = rules;
    }

    /// <summary>The table shipped with the product.</summary>
    public static ImplicitRequirements Default => LazyDefault.Value;

    public IReadOnlyList<ImplicitRequirementRule> Rules { get; }

    /// <summary>The rules whose <c>when</c> matches <paramref name="body"/>.</summary>
    public IEnumerable<ImplicitRequirementRule> Matching(JsonObject body, string kind, string name)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (var rule in Rules)
        {
            if (rule.Kind == kind && rule.Name == name &&
                body["data"] is JsonObject data && data[rule.DataKey] is JsonValue v && v.TryGetValue<string>(out var text) &&
                rule.Pattern.IsMatch(text))
            {
                yield return rule;
            }
        }
    }

    public static ImplicitRequirements Parse(string yaml)
    {
        var doc = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<Document>(yaml) ?? new Document();
        return new ImplicitRequirements(doc.Requirements.Select(r => new ImplicitRequirementRule(
            r.Description,
            r.Source ?? string.Empty,
            r.When.Kind,
            r.When.Name,
            r.When.DataKey,
            new Regex(r.When.Matches, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
            r.RequiresCrds.Select(c => new GroupKind(c.Group, c.Kind)).ToList())).ToList());
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(OperatorKnowledge).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class Document
    {
        public List<Entry> Requirements { get; set; } = [];
    }

    private sealed class Entry
    {
        public string Description { get; set; } = string.Empty;

        public string? Source { get; set; }

        public WhenEntry When { get; set; } = new();

        public List<CrdEntry> RequiresCrds { get; set; } = [];
    }

    private sealed class WhenEntry
    {
        public string Kind { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string DataKey { get; set; } = string.Empty;

        public string Matches { get; set; } = ".*";
    }

    private sealed class CrdEntry
    {
        public string Group { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;
    }
}

/// <summary>One implicit requirement: objects of <see cref="Kind"/>/<see cref="Name"/> whose data key matches need these CRDs.</summary>
public sealed record ImplicitRequirementRule(
    string Description,
    string Source,
    string Kind,
    string Name,
    string DataKey,
    Regex Pattern,
    IReadOnlyList<GroupKind> RequiresCrds);
