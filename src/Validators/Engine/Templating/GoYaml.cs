using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// YAML for template functions: <c>toYaml</c> writes block YAML the way sigs.k8s.io/yaml (go-yaml v2) does — keys
/// sorted, sequences at the parent's indentation, strings quoted when they would read back as another type —
/// and <c>fromYaml</c> reads with the loader's Kubernetes scalar rules.
/// </summary>
public static class GoYaml
{
    /// <summary>Serializes a JSON value as block YAML ending with a newline.</summary>
    public static string Marshal(JsonNode? node) => Marshal(GoValues.FromJson(node));

    internal static string Marshal(object? value)
    {
        var sb = new StringBuilder();
        switch (value)
        {
            case IDictionary<string, object?> { Count: > 0 } map:
                WriteMap(sb, map, 0);
                break;
            case List<object?> { Count: > 0 } list:
                WriteList(sb, list, 0);
                break;
            default:
                sb.Append(Scalar(value)).Append('\n');
                break;
        }

        return sb.ToString();
    }

    internal static object? Unmarshal(string text, bool expectList)
    {
        var (documents, findings) = YamlDocumentReader.Read(text, "<template>", LoaderOptions.Default);
        if (findings.Count > 0)
        {
            throw new GoTemplateException(findings[0].Message);
        }

        var root = documents.Count > 0 ? GoValues.FromJson(documents[0].Root) : null;
        return (expectList, root) switch
        {
            (false, null) => new Dictionary<string, object?>(StringComparer.Ordinal),
            (true, null) => new List<object?>(),
            (false, IDictionary<string, object?>) or (true, List<object?>) => root,
            _ => throw new GoTemplateException(expectList ? "the YAML is not a list" : "the YAML is not a mapping"),
        };
    }

    private static void WriteMap(StringBuilder sb, IDictionary<string, object?> map, int indent)
    {
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(' ', indent).Append(ScalarString(key)).Append(':');
            WriteValue(sb, value, indent, inList: false);
        }
    }

    private static void WriteList(StringBuilder sb, List<object?> list, int indent)
    {
        foreach (var item in list)
        {
            sb.Append(' ', indent).Append('-');
            WriteValue(sb, item, indent, inList: true);
        }
    }

    private static void WriteValue(StringBuilder sb, object? value, int indent, bool inList)
    {
        switch (value)
        {
            case IDictionary<string, object?> { Count: > 0 } m:
                if (inList)
                {
                    // "- key: v" with following keys aligned under the first.
                    var inner = new StringBuilder();
                    WriteMap(inner, m, indent + 2);
                    sb.Append(' ').Append(inner.ToString()[(indent + 2)..]);
                }
                else
                {
                    sb.Append('\n');
                    WriteMap(sb, m, indent + 2);
                }

                break;
            case List<object?> { Count: > 0 } l:
                if (inList)
                {
                    var inner = new StringBuilder();
                    WriteList(inner, l, indent + 2);
                    sb.Append(' ').Append(inner.ToString()[(indent + 2)..]);
                }
                else
                {
                    sb.Append('\n');
                    WriteList(sb, l, indent);
                }

                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        IDictionary<string, object?> => "{}",
        List<object?> => "[]",
        string s => ScalarString(s),
        bool b => b ? "true" : "false",
        _ when ReferenceEquals(value, GoValues.Missing) => "null",
        double d => JsonNumber(d),
        _ => GoValues.Print(value),
    };

    /// <summary>A float as sigs.k8s.io/yaml writes it: through encoding/json, so integral values up to 1e21 keep their digits.</summary>
    private static string JsonNumber(double d) =>
        double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e21 ? d.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) : GoValues.Print(d);

    /// <summary>A string plain when it reads back as the same string, else double-quoted.</summary>
    private static string ScalarString(string s) => NeedsQuotes(s) ? GoValues.Quote(s) : s;

    private static bool NeedsQuotes(string s)
    {
        if (s.Length == 0 || s != s.Trim() || s.Contains('\n', StringComparison.Ordinal) || s.Contains(": ", StringComparison.Ordinal) ||
            s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':') || s.Any(char.IsControl) || "-?:,[]{}#&*!|>'\"%@`".Contains(s[0], StringComparison.Ordinal))
        {
            return !(s.Length > 1 && s[0] == '-' && s[1] != ' ' && ResolvesToString(s) && !s.Contains(": ", StringComparison.Ordinal) && s == s.Trim() && !s.Contains('\n', StringComparison.Ordinal) && !s.Any(char.IsControl) && !s.EndsWith(':'));
        }

        return !ResolvesToString(s);
    }

    private static bool ResolvesToString(string s)
    {
        var (documents, findings) = YamlDocumentReader.Read("v: " + s + "\n", "<scalar>", LoaderOptions.Default);
        return findings.Count == 0 && documents.Count == 1 && documents[0].Root is JsonObject o && o["v"] is JsonValue v && v.TryGetValue<string>(out var back) && back == s &&
            !LooksLikeTimestamp(s);
    }

    private static bool LooksLikeTimestamp(string s) => s.Length >= 8 && char.IsAsciiDigit(s[0]) && s.Length > 4 && s[4] == '-' && s[..4].All(char.IsAsciiDigit);
}
