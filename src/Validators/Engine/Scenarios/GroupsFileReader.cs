using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// Reads a groups file (a YAML/JSON array of group entries) with the line of each entry's enabled flag, and writes
/// the "every group enabled" variant used to find what a disabled group would provide.
/// </summary>
public static class GroupsFileReader
{
    /// <summary>Largest groups file read.</summary>
    public const long MaxFileBytes = 4L * 1024 * 1024;

    public static GroupsFileState Read(RepoTree repo, GroupsFileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(spec);
        if (!repo.FileExists(spec.File))
        {
            return new GroupsFileState(spec, [], $"groups file {spec.File} (layer {spec.Layer}) does not exist in the repo");
        }

        if (!repo.TryReadFile(spec.File, MaxFileBytes, out var bytes, out var problem))
        {
            return new GroupsFileState(spec, [], $"groups file {spec.File} cannot be read: {problem}");
        }

        var errors = new List<ScenarioError>();
        var yaml = new ScenarioYaml(spec.File, errors);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new GroupsFileState(spec, [], $"groups file {spec.File} is not UTF-8 text");
        }

        var root = yaml.ParseDocument(text);
        if (root is not YamlSequenceNode seq)
        {
            var why = errors.Count > 0 ? errors[0].ToString() : "it is not a YAML list of group entries";
            return new GroupsFileState(spec, [], $"groups file {spec.File} cannot be used: {why}");
        }

        var entries = new List<GroupEntry>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (seq.Children[i] is not YamlMappingNode map)
            {
                continue;
            }

            JsonObject values;
            try
            {
                values = yaml.ToJson(map) as JsonObject ?? [];
            }
            catch (ScenarioException)
            {
                continue;
            }

            var name = values[spec.NameField] is JsonValue nv ? nv.ToString() : $"#{i + 1}";
            var enabledNode = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode k && k.Value == spec.EnabledField).Value;
            var enabled = enabledNode is not YamlScalarNode s || s.Value is not ("false" or "False" or "FALSE");
            var location = enabledNode is null ? yaml.At(map) : yaml.At(enabledNode);
            entries.Add(new GroupEntry(name, enabled, location, values, i));
        }

        return new GroupsFileState(spec, entries, null);
    }

    /// <summary>The file's content with every entry enabled (as JSON, which YAML readers accept).</summary>
    public static string AllEnabled(GroupsFileState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var array = new JsonArray();
        foreach (var entry in state.Entries)
        {
            var copy = entry.Values.DeepClone().AsObject();
            if (copy.ContainsKey(state.Spec.EnabledField))
            {
                copy[state.Spec.EnabledField] = true;
            }

            array.Add(copy);
        }

        return array.ToJsonString();
    }
}
