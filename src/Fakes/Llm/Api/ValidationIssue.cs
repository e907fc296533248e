using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>
/// One request-validation error shaped like pydantic's, which vLLM prints into its 400 message
/// (<c>{'type': 'int_parsing', 'loc': ('body', 'max_tokens'), 'msg': '…', 'input': 'abc'}</c>) and whose
/// <c>loc</c> becomes the error's <c>param</c> (<c>body.max_tokens</c>).
/// </summary>
public sealed record ValidationIssue(string Type, IReadOnlyList<object> Location, string Message, JsonElement? Input, string? ContextError = null)
{
    public string Param => string.Join('.', Location.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));

    /// <summary>The Python <c>repr</c> of the error dict, as vLLM's validation handler writes each error.</summary>
    public string ToPythonRepr()
    {
        var sb = new StringBuilder();
        sb.Append("{'type': ").Append(PyRepr.Str(Type)).Append(", 'loc': (");
        for (var i = 0; i < Location.Count; i++)
        {
            sb.Append(Location[i] is int index ? index.ToString(CultureInfo.InvariantCulture) : PyRepr.Str(Convert.ToString(Location[i], CultureInfo.InvariantCulture)!));
            sb.Append(i == 0 && Location.Count == 1 ? "," : i < Location.Count - 1 ? ", " : string.Empty);
        }

        sb.Append("), 'msg': ").Append(PyRepr.Str(Message)).Append(", 'input': ");
        sb.Append(Input is { } input ? PyRepr.Of(input) : "{}");
        if (ContextError is not null)
        {
            sb.Append(", 'ctx': {'error': ").Append(PyRepr.Str(ContextError)).Append('}');
        }

        sb.Append('}');
        return sb.ToString();
    }

    /// <summary>vLLM's message: "N validation error(s):" then each error on its own indented line.</summary>
    public static string Describe(IReadOnlyList<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var sb = new StringBuilder();
        sb.Append(issues.Count.ToString(CultureInfo.InvariantCulture)).Append(issues.Count == 1 ? " validation error:\n" : " validation errors:\n");
        foreach (var issue in issues)
        {
            sb.Append("  ").Append(issue.ToPythonRepr()).Append('\n');
        }

        return sb.ToString().TrimEnd();
    }
}

/// <summary>Python <c>repr</c> of JSON values (strings single-quoted, true → True, null → None), shortened like pydantic does for long inputs.</summary>
internal static class PyRepr
{
    private const int MaxLength = 200;

    public static string Of(JsonElement value)
    {
        var text = Build(value, 0);
        return text.Length > MaxLength ? text[..MaxLength] + "..." : text;
    }

    public static string Str(string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2);
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\').Append(c);
                    }
                    else if (c < 0x20)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append(quote).ToString();
    }

    private static string Build(JsonElement value, int depth)
    {
        if (depth > 6)
        {
            return "...";
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String: return Str(value.GetString()!);
            case JsonValueKind.True: return "True";
            case JsonValueKind.False: return "False";
            case JsonValueKind.Null: return "None";
            case JsonValueKind.Number: return value.GetRawText();
            case JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    items.Add(Build(item, depth + 1));
                    if (items.Count > 20)
                    {
                        items.Add("...");
                        break;
                    }
                }

                return "[" + string.Join(", ", items) + "]";
            case JsonValueKind.Object:
                var props = new List<string>();
                foreach (var prop in value.EnumerateObject())
                {
                    props.Add(Str(prop.Name) + ": " + Build(prop.Value, depth + 1));
                    if (props.Count > 20)
                    {
                        props.Add("...");
                        break;
                    }
                }

                return "{" + string.Join(", ", props) + "}";
            default:
                return "None";
        }
    }
}
