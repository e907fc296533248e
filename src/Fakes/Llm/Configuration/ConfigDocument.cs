using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>
/// A fake-llm configuration read from YAML or JSON (JSON is YAML), keeping each value's line so errors can say where.
/// The text is first walked as a flat event stream (no recursion) and refused when nested deeper than
/// <see cref="MaxDepth"/> or larger than <see cref="MaxNodes"/> nodes: YamlDotNet's representation model builds nodes
/// recursively, so a deeply nested body (<c>POST /admin/config</c> takes one from the network) would otherwise
/// overflow the stack and kill the process.
/// </summary>
public sealed class ConfigDocument
{
    /// <summary>Deepest nesting accepted; a configuration needs four levels (<c>lora.modules[0].name</c>).</summary>
    public const int MaxDepth = 32;

    /// <summary>Most nodes (scalars, aliases, mappings, sequences) accepted.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Largest config file read.</summary>
    public const long MaxFileBytes = 1024 * 1024;

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
            CheckShape(text, source);
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new FakeLlmConfigException([$"{source}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML/JSON: {ex.InnerException?.Message ?? ex.Message}"]);
        }
        catch (ArgumentException)
        {
            // YamlDotNet's scanner throws ArgumentOutOfRangeException for "\ud800\ud835" (a high surrogate escape followed by
            // another high surrogate) instead of a YamlException; found by tests/Fuzz.Tests (was a 500 from /admin/config).
            throw new FakeLlmConfigException([$"{source}: not valid YAML/JSON: a \\u escape makes an invalid Unicode surrogate pair."]);
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
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                throw new FakeLlmConfigException([$"{path}: the config file is {length:N0} bytes; at most {MaxFileBytes:N0} are read. Point --config at the fake-llm configuration."]);
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FakeLlmConfigException([$"{path}: cannot read the config file: {ex.Message}"]);
        }

        return Parse(text, path);
    }

    /// <summary>Walks the events without building nodes; throws when the text nests too deep or has too many nodes.</summary>
    private static void CheckShape(string text, string source)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var nodes = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case MappingStart or SequenceStart:
                    depth++;
                    nodes++;
                    if (depth > MaxDepth)
                    {
                        throw new FakeLlmConfigException([$"{source}:{current.Start.Line}:{current.Start.Column}: nested deeper than {MaxDepth} levels; a fake-llm configuration is a few levels deep (see the README's config example)."]);
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case Scalar or AnchorAlias:
                    nodes++;
                    break;
            }

            if (nodes > MaxNodes)
            {
                throw new FakeLlmConfigException([$"{source}:{current.Start.Line}: more than {MaxNodes:N0} values; a fake-llm configuration has a few dozen."]);
            }
        }
    }

    internal string Where(YamlNode node) => $"{Source}:{node.Start.Line.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Bad fake-llm configuration; every message names the file, line and what to do.</summary>
public sealed class FakeLlmConfigException(IReadOnlyList<string> errors)
    : Exception("Invalid fake-llm configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
