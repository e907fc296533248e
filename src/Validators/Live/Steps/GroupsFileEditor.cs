using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// Edits a groups file (a YAML list of entries, as <c>make resolve-groups</c> writes it): disables one group by
/// setting its enabled field to false, or — when the format has no enabled field — by removing its entry
/// (selection by presence).
/// </summary>
public static class GroupsFileEditor
{
    /// <summary>The group names of the entries, with whether each is enabled.</summary>
    public static IReadOnlyList<(string Name, bool Enabled, IReadOnlyList<string> Values)> Entries(string yaml, string nameField, string? enabledField)
    {
        var result = new List<(string, bool, IReadOnlyList<string>)>();
        foreach (var entry in Sequence(yaml).Children.OfType<YamlMappingNode>())
        {
            var name = Value(entry, nameField);
            if (name is null)
            {
                continue;
            }

            var enabled = enabledField is null || !string.Equals(Value(entry, enabledField), "false", StringComparison.OrdinalIgnoreCase);
            var values = entry.Children.Values.OfType<YamlScalarNode>().Select(v => v.Value ?? string.Empty).ToList();
            result.Add((name, enabled, values));
        }

        return result;
    }

    /// <summary>The file text with group <paramref name="group"/> disabled.</summary>
    public static string Disable(string yaml, string group, string nameField, string? enabledField)
    {
        var stream = Load(yaml);
        var seq = (YamlSequenceNode)stream.Documents[0].RootNode;
        var entry = seq.Children.OfType<YamlMappingNode>().FirstOrDefault(e => Value(e, nameField) == group)
            ?? throw new InvalidOperationException($"the groups file has no entry with {nameField}: {group}");
        if (enabledField is null)
        {
            seq.Children.Remove(entry);
        }
        else
        {
            entry.Children[new YamlScalarNode(enabledField)] = new YamlScalarNode("false");
        }

        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static YamlSequenceNode Sequence(string yaml) =>
        Load(yaml).Documents.FirstOrDefault()?.RootNode as YamlSequenceNode
        ?? throw new InvalidOperationException("the groups file is not a YAML list of entries");

    private static YamlStream Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream;
    }

    private static string? Value(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;
}
