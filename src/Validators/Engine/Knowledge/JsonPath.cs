using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Knowledge;

/// <summary>Reads dotted paths (<c>spec.target.name</c>) and expands <c>{path}</c> templates over a JSON object.</summary>
public static class JsonPath
{
    /// <summary>The scalar at <paramref name="dottedPath"/> as a string, or null when absent or not a scalar.</summary>
    public static string? ReadString(JsonNode? node, string dottedPath)
    {
        ArgumentNullException.ThrowIfNull(dottedPath);
        var current = node;
        foreach (var segment in dottedPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current is JsonObject obj && obj.TryGetPropertyValue(segment, out var next) ? next : null;
            if (current is null)
            {
                return null;
            }
        }

        return current is JsonValue value ? ScalarToString(value) : null;
    }

    /// <summary>Replaces every <c>{path}</c>; returns null when any placeholder is missing or empty.</summary>
    public static string? Expand(JsonNode? node, string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var result = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            result.Append(template, i, open - i);
            var value = ReadString(node, template[(open + 1)..close]);
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            result.Append(value);
            i = close + 1;
        }

        return result.ToString();
    }

    private static string? ScalarToString(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.ToJsonString(),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value}"),
    };
}
