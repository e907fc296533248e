using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Validators.Patterns;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Fakes.ArgoCd.Diff;

/// <summary>
/// One <c>spec.ignoreDifferences[]</c> entry (or a system-wide one from argocd-cm) [ug/diffing]:
/// group and kind are globs (<c>""</c> = core only), name/namespace must equal when set.
/// </summary>
public sealed record IgnoreDifferenceRule(
    string Group,
    string Kind,
    string? Name,
    string? Namespace,
    IReadOnlyList<string> JsonPointers,
    IReadOnlyList<string> JqPathExpressions,
    IReadOnlyList<string> ManagedFieldsManagers)
{
    /// <summary>Whether the rule applies to a resource [util/argo/normalizers/diff_normalizer.go].</summary>
    public bool Matches(ResourceKey key)
    {
        // util/glob Match on group and kind, the engine's GlobPattern ("" matches only the core group).
        return GlobPattern.Match(Group, key.Group) && GlobPattern.Match(Kind, key.Kind) &&
            (string.IsNullOrEmpty(Name) || Name == key.Name) &&
            (string.IsNullOrEmpty(Namespace) || Namespace == key.Namespace);
    }

    public static IgnoreDifferenceRule FromJson(JsonObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new IgnoreDifferenceRule(
            Json.Str(entry, "group") ?? string.Empty,
            Json.Str(entry, "kind") ?? string.Empty,
            Json.Str(entry, "name"),
            Json.Str(entry, "namespace"),
            Strings(entry, "jsonPointers"),
            Strings(entry, "jqPathExpressions"),
            Strings(entry, "managedFieldsManagers"));
    }

    /// <summary>Parses the YAML body of <c>resource.customizations.ignoreDifferences.&lt;group_kind&gt;</c>.</summary>
    public static IgnoreDifferenceRule FromYaml(string yaml, string group, string kind)
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root)
            {
                foreach (var (k, v) in root.Children)
                {
                    if (k is YamlScalarNode { Value: { } name } && v is YamlSequenceNode seq)
                    {
                        lists[name] = seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList();
                    }
                }
            }
        }
        catch (YamlDotNet.Core.YamlException)
        {
            // An unparsable customization is ignored, as Argo CD logs and skips it.
        }

        return new IgnoreDifferenceRule(group, kind, null, null,
            lists.GetValueOrDefault("jsonPointers") ?? [],
            lists.GetValueOrDefault("jqPathExpressions") ?? [],
            lists.GetValueOrDefault("managedFieldsManagers") ?? []);
    }

    private static List<string> Strings(JsonObject o, string key) =>
        Json.Arr(o, key)?.Select(Json.AsString).OfType<string>().ToList() ?? [];
}
