using YamlDotNet.RepresentationModel;

namespace PlatformValidation.EndToEnd.Tests.Support;

/// <summary>Edits a scenario file as YAML: named timeouts set, the suites replaced (for tests that run the CLI on a copy).</summary>
public static class ScenarioFileEditor
{
    public static void Edit(string path, IReadOnlyDictionary<string, string> timeouts, string? suitesYaml = null)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var key = new YamlScalarNode("timeouts");
        if (!root.Children.TryGetValue(key, out var node) || node is not YamlMappingNode named)
        {
            named = new YamlMappingNode();
            root.Children[key] = named;
        }

        foreach (var (name, value) in timeouts)
        {
            named.Children[new YamlScalarNode(name)] = new YamlScalarNode(value);
        }

        if (suitesYaml is not null)
        {
            var suites = new YamlStream();
            suites.Load(new StringReader(suitesYaml));
            root.Children[new YamlScalarNode("suites")] = suites.Documents[0].RootNode;
        }

        using var writer = new StreamWriter(path);
        stream.Save(writer, assignAnchors: false);
    }
}
