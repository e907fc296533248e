using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// Typed reading of a scenario's YAML tree: every read reports a problem (with file:line) to one error list instead
/// of throwing, so a user sees all mistakes at once. Unknown keys are problems too.
/// </summary>
internal sealed class ScenarioYaml
{
    public const int MaxDepth = 64;

    public const int MaxEvents = 500_000;

    public const int MaxRawNodes = 200_000;

    private readonly List<ScenarioError> errors;

    public ScenarioYaml(string file, List<ScenarioError> errors)
    {
        File = file;
        this.errors = errors;
    }

    public string File { get; }

    public SourceLocation At(YamlNode node) => new(File, (int)Math.Max(1, node.Start.Line), (int)Math.Max(1, node.Start.Column));

    public void Error(YamlNode? node, string message) => errors.Add(new ScenarioError(node is null ? SourceLocation.OfFile(File) : At(node), message));

    public void Error(SourceLocation location, string message) => errors.Add(new ScenarioError(location, message));

    /// <summary>
    /// Parses the text into one document after an event-level pre-scan that bounds nesting and size, so hostile input
    /// (deep nesting, alias bombs) ends with an error instead of a stack overflow. Returns null after reporting.
    /// </summary>
    public YamlNode? ParseDocument(string text)
    {
        var last = YamlDotNet.Core.Mark.Empty;
        try
        {
            var depth = 0;
            var events = 0;
            var documents = 0;
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                if (++events > MaxEvents)
                {
                    Error(SourceLocation.OfFile(File), $"the file has more than {MaxEvents} YAML nodes; a scenario file is small — check that this is the right file.");
                    return null;
                }

                last = parser.Current!.End;
                switch (parser.Current)
                {
                    case DocumentStart:
                        documents++;
                        break;
                    case MappingStart or SequenceStart:
                        if (++depth > MaxDepth)
                        {
                            errors.Add(new ScenarioError(Mark(parser.Current!.Start), $"YAML nested deeper than {MaxDepth} levels; flatten the structure."));
                            return null;
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }

            if (documents > 1)
            {
                Error(SourceLocation.OfFile(File), "the file holds more than one YAML document; keep one scenario per file (remove the extra '---').");
                return null;
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                Error(SourceLocation.OfFile(File), "the file is empty; start it with 'apiVersion: platformvalidation.io/v1alpha1' and 'kind: Scenario'.");
                return null;
            }

            return stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            var message = e.InnerException is not null && e.Message.Contains("see inner", StringComparison.OrdinalIgnoreCase) ? e.InnerException.Message : e.Message;
            var location = message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndentedLine(text) is { } tabLine
                ? new SourceLocation(File, tabLine, 1)
                : Mark(e.Start);
            errors.Add(new ScenarioError(location, $"invalid YAML: {StripMark(message)} Fix the syntax (indent with spaces, not tabs)."));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
        {
            // YamlDotNet throws these (not YamlException) for some malformed input, e.g. unterminated flow collections.
            errors.Add(new ScenarioError(Mark(last), "invalid YAML after this point (an unclosed '[', '{' or quote, or a stray indicator?); fix the syntax."));
            return null;
        }
    }

    /// <summary>The node as a mapping, reporting what was expected when it is not one.</summary>
    public YamlMap? AsMap(YamlNode? node, string what)
    {
        if (node is YamlMappingNode m)
        {
            return new YamlMap(this, m, what);
        }

        if (node is not null)
        {
            Error(node, $"{what} must be a mapping (key: value lines), not {Describe(node)}.");
        }

        return null;
    }

    /// <summary>The node as a sequence, reporting what was expected when it is not one.</summary>
    public IReadOnlyList<YamlNode> AsSequence(YamlNode? node, string what)
    {
        switch (node)
        {
            case null:
                return [];
            case YamlSequenceNode s:
                return s.Children.ToList();
            default:
                Error(node, $"{what} must be a list (lines starting with '- ' or [a, b]), not {Describe(node)}.");
                return [];
        }
    }

    /// <summary>A string scalar (any scalar is accepted as text), reporting when the node is a list or mapping.</summary>
    public string? AsString(YamlNode? node, string what)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode s when IsNull(s):
                return null;
            case YamlScalarNode s:
                return s.Value ?? string.Empty;
            default:
                Error(node, $"{what} must be a single value, not {Describe(node)}.");
                return null;
        }
    }

    public bool? AsBool(YamlNode? node, string what)
    {
        var s = AsString(node, what);
        if (s is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Style: ScalarStyle.Plain })
        {
            switch (s)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        Error(node, $"{what} must be true or false, not '{s}'.");
        return null;
    }

    public int? AsInt(YamlNode? node, string what, int min, int max)
    {
        var s = AsString(node, what);
        if (s is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Style: ScalarStyle.Plain } && int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
        {
            return v;
        }

        Error(node, $"{what} must be a whole number from {min} to {max}, not '{s}'.");
        return null;
    }

    /// <summary>Converts any subtree to JSON (for data kept raw), bounded in size and depth.</summary>
    public JsonNode? ToJson(YamlNode node)
    {
        var budget = MaxRawNodes;
        return ToJson(node, 0, ref budget);
    }

    private JsonNode? ToJson(YamlNode node, int depth, ref int budget)
    {
        if (--budget < 0 || depth > MaxDepth * 2)
        {
            throw new ScenarioException([new ScenarioError(At(node), $"this data expands to more than {MaxRawNodes} nodes (YAML aliases?) or nests too deep; simplify it.")]);
        }

        switch (node)
        {
            case YamlMappingNode m:
                var o = new JsonObject();
                foreach (var (k, v) in m.Children)
                {
                    o[k is YamlScalarNode ks ? ks.Value ?? string.Empty : k.ToString()] = ToJson(v, depth + 1, ref budget);
                }

                return o;
            case YamlSequenceNode s:
                var a = new JsonArray();
                foreach (var c in s.Children)
                {
                    a.Add(ToJson(c, depth + 1, ref budget));
                }

                return a;
            case YamlScalarNode sc when IsNull(sc):
                return null;
            case YamlScalarNode sc when sc.Style == ScalarStyle.Plain:
                var text = sc.Value ?? string.Empty;
                if (text is "true" or "false")
                {
                    return JsonValue.Create(text == "true");
                }

                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return JsonValue.Create(l);
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                {
                    return JsonValue.Create(d);
                }

                return JsonValue.Create(text);
            case YamlScalarNode sc:
                return JsonValue.Create(sc.Value ?? string.Empty);
            default:
                return null;
        }
    }

    private static int? FirstTabIndentedLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indent).Contains('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{Truncate(s.Value ?? string.Empty)}'",
        _ => "this value",
    };

    private static bool IsNull(YamlScalarNode s) =>
        s.Style == ScalarStyle.Plain && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null" or "Null" or "NULL");

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private SourceLocation Mark(Mark mark) => new(File, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string StripMark(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (Line: …): "; the location is reported separately.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        var text = message.StartsWith("(Line:", StringComparison.Ordinal) && i > 0 ? message[(i + 3)..] : message;
        return text.EndsWith('.') ? text : text + ".";
    }
}

/// <summary>One mapping of a scenario, read field by field; <see cref="Done"/> reports every key that was not read.</summary>
internal sealed class YamlMap
{
    private readonly ScenarioYaml yaml;
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public YamlMap(ScenarioYaml yaml, YamlMappingNode node, string what)
    {
        this.yaml = yaml;
        Node = node;
        What = what;
    }

    public YamlMappingNode Node { get; }

    public string What { get; }

    public SourceLocation Location => yaml.At(Node);

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries =>
        Node.Children.Select(kv => (kv.Key is YamlScalarNode s ? s.Value ?? string.Empty : kv.Key.ToString(), kv.Key, kv.Value));

    public YamlNode? Get(string key)
    {
        read.Add(key);
        foreach (var (k, v) in Node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The location of <paramref name="key"/>'s value, or of the mapping when absent.</summary>
    public SourceLocation LocationOf(string key)
    {
        foreach (var (k, v) in Node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return yaml.At(v);
            }
        }

        return Location;
    }

    public string? String(string key, bool required = false, string? hint = null)
    {
        var node = Get(key);
        var value = yaml.AsString(node, $"{What}.{key}");
        if (required && string.IsNullOrWhiteSpace(value) && (node is null || node is YamlScalarNode))
        {
            yaml.Error(node ?? (YamlNode)Node, $"{What} needs '{key}'{(hint is null ? "." : ": " + hint)}");
            return null;
        }

        return value;
    }

    public bool? Bool(string key) => yaml.AsBool(Get(key), $"{What}.{key}");

    public int? Int(string key, int min = int.MinValue, int max = int.MaxValue) => yaml.AsInt(Get(key), $"{What}.{key}", min, max);

    public YamlMap? Map(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null && required)
        {
            yaml.Error(Node, $"{What} needs '{key}'.");
        }

        return yaml.AsMap(node, $"{What}.{key}");
    }

    public IReadOnlyList<YamlNode> Sequence(string key) => yaml.AsSequence(Get(key), $"{What}.{key}");

    /// <summary>A list of strings (a single string is not accepted, so the shape stays predictable).</summary>
    public IReadOnlyList<(string Value, YamlNode Node)> StringList(string key)
    {
        var list = new List<(string, YamlNode)>();
        foreach (var item in Sequence(key))
        {
            var s = yaml.AsString(item, $"an entry of {What}.{key}");
            if (!string.IsNullOrWhiteSpace(s))
            {
                list.Add((s, item));
            }
            else if (item is YamlScalarNode)
            {
                yaml.Error(item, $"an entry of {What}.{key} is empty; remove it or fill it in.");
            }
        }

        return list;
    }

    /// <summary>A mapping of string → string.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var map = Map(key);
        if (map is null)
        {
            return result;
        }

        foreach (var (k, _, v) in map.Entries)
        {
            map.Get(k);
            result[k] = yaml.AsString(v, $"{What}.{key}.{k}") ?? string.Empty;
        }

        return result;
    }

    /// <summary>Reports every key of this mapping that no read asked for, with the closest known key.</summary>
    public void Done()
    {
        foreach (var (key, keyNode, _) in Entries)
        {
            if (read.Contains(key))
            {
                continue;
            }

            var suggestion = Closest(key, read);
            yaml.Error(keyNode, $"unknown field '{key}' in {What}" +
                (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?") +
                $" Known fields: {string.Join(", ", read)}.");
        }
    }

    private static string? Closest(string key, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            var d = Distance(key.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = k;
            }
        }

        return bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
