using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// Minimal readers over YamlDotNet's representation model for the embedded knowledge tables. Cheaper to start than
/// the reflection-based deserializer, which matters for a CLI whose whole run takes a second.
/// </summary>
internal static class KnowledgeYaml
{
    public static YamlMappingNode Root(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m ? m : new YamlMappingNode();
    }

    public static YamlNode? Get(YamlNode? node, string key) =>
        node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    public static string? Text(YamlNode? node, string key) => Get(node, key) is YamlScalarNode s ? s.Value : null;

    public static IEnumerable<YamlNode> Items(YamlNode? node, string key) =>
        Get(node, key) is YamlSequenceNode seq ? seq.Children : [];

    public static IEnumerable<string> Strings(YamlNode? node, string key) =>
        Items(node, key).OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty);
}
