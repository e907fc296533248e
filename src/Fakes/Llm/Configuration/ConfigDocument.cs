using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>
/// A fake-llm configuration read from YAML or JSON (JSON is YAML), keeping each value's line so errors can say where.
/// </summary>
public sealed class ConfigDocument
{
    private ConfigDocument(string source, YamlMappingNode root)
    {
        Source = source;
        Root = root;
    }

    public string Source { get; }

    internal YamlMappingNode Root { get; }

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in messages (a file path, "request body").</summary>
    public static ConfigDocument Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new FakeLlmConfigException([$"{source}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML/JSON: {ex.InnerException?.Message ?? ex.Message}"]);
        }

        if (stream.Documents.Count == 0)
        {
            return new ConfigDocument(source, new YamlMappingNode());
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new FakeLlmConfigException([$"{source}:{stream.Documents[0].RootNode.Start.Line}: the configuration must be a mapping of keys to values."]);
        }

        return new ConfigDocument(source, mapping);
    }

    public static ConfigDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FakeLlmConfigException([$"{path}: cannot read the config file: {ex.Message}"]);
        }

        return Parse(text, path);
    }

    internal string Where(YamlNode node) => $"{Source}:{node.Start.Line.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Bad fake-llm configuration; every message names the file, line and what to do.</summary>
public sealed class FakeLlmConfigException(IReadOnlyList<string> errors)
    : Exception("Invalid fake-llm configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
