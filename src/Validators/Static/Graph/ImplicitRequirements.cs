using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformValidation.Validators.Knowledge;

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

    public static ImplicitRequirements Parse(string yaml) =>
        new(KnowledgeYaml.Items(KnowledgeYaml.Root(yaml), "requirements").Select(r =>
        {
            var when = KnowledgeYaml.Get(r, "when");
            return new ImplicitRequirementRule(
                KnowledgeYaml.Text(r, "description") ?? string.Empty,
                KnowledgeYaml.Text(r, "source") ?? string.Empty,
                KnowledgeYaml.Text(when, "kind") ?? string.Empty,
                KnowledgeYaml.Text(when, "name") ?? string.Empty,
                KnowledgeYaml.Text(when, "dataKey") ?? string.Empty,
                new Regex(KnowledgeYaml.Text(when, "matches") ?? ".*", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
                KnowledgeYaml.Items(r, "requiresCrds").Select(c => new GroupKind(KnowledgeYaml.Text(c, "group") ?? string.Empty, KnowledgeYaml.Text(c, "kind") ?? string.Empty)).ToList());
        }).ToList());

    private static string ReadEmbedded()
    {
        using var stream = typeof(OperatorKnowledge).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
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
