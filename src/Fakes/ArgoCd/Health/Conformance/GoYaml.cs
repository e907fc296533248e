using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PlatformValidation.Fakes.ArgoCd.Health.Conformance;

/// <summary>
/// YAML to JSON as <c>sigs.k8s.io/yaml</c> reads a test input: plain <c>true</c>/<c>false</c> are booleans, plain
/// integers and decimals numbers, <c>null</c>/<c>~</c>/empty null, everything quoted or else a string. Bounded in depth.
/// </summary>
internal static partial class GoYaml
{
    private const int MaxDepth = 128;

    public static JsonNode? Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (!parser.TryConsume<DocumentStart>(out _))
        {
            return null;
        }

        var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        return Read(parser, anchors, 0);
    }

    /// <summary>A duplicate mapping key keeps the last value, as sigs.k8s.io/yaml does (YamlDotNet's model would refuse).</summary>
    private static JsonNode? Read(IParser parser, Dictionary<string, JsonNode?> anchors, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"YAML nests deeper than {MaxDepth} levels");
        }

        JsonNode? node;
        string? anchor;
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target) ? target?.DeepClone() : throw new InvalidDataException($"unknown alias *{alias.Value}");
        }

        if (parser.TryConsume<MappingStart>(out var ms))
        {
            anchor = ms.Anchor.IsEmpty ? null : ms.Anchor.Value;
            var o = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = Read(parser, anchors, depth + 1);
                var value = Read(parser, anchors, depth + 1);
                var name = key is JsonValue kv && kv.TryGetValue<string>(out var ks) ? ks : key?.ToJsonString() ?? "null";
                o.Remove(name);
                o[name] = value;
            }

            node = o;
        }
        else if (parser.TryConsume<SequenceStart>(out var ss))
        {
            anchor = ss.Anchor.IsEmpty ? null : ss.Anchor.Value;
            var a = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                a.Add(Read(parser, anchors, depth + 1));
            }

            node = a;
        }
        else
        {
            var sc = parser.Consume<Scalar>();
            anchor = sc.Anchor.IsEmpty ? null : sc.Anchor.Value;
            node = Scalar(sc);
        }

        if (anchor is not null)
        {
            anchors[anchor] = node;
        }

        return node;
    }

    private static JsonNode? Scalar(Scalar sc)
    {
        if (sc.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(sc.Value);
        }

        var text = sc.Value;
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text[0] is 't' or 'T');
        }

        if (IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
