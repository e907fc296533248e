using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// The one set of typed reads over <see cref="JsonNode"/> trees, shared by the static side and every fake. One rule,
/// Go's <c>unstructured.NestedString</c> / <c>NestedInt64</c> / <c>NestedBool</c>
/// (k8s.io/apimachinery/pkg/apis/meta/v1/unstructured/helpers.go): a value of another JSON type is "not found"
/// (null) — a number is never read as a string, a string never as a number or a boolean, and nothing throws on
/// user data. Paths are property names; a missing step or a non-object on the way is "not found" too.
/// </summary>
public static class JsonRead
{
    /// <summary>The node at a path of property names, or null.</summary>
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = node;
        foreach (var p in path)
        {
            if (current is not JsonObject o || !o.TryGetPropertyValue(p, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The string value of <paramref name="node"/>; null for a number, boolean, map, list or null.</summary>
    public static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>The string at a path (<see cref="Str(JsonNode?)"/>'s rule).</summary>
    public static string? Str(JsonNode? node, params string[] path) => Str(At(node, path));

    /// <summary>A JSON number that is a whole number in long's range; null for anything else (strings included).</summary>
    public static long? Long(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        return Double(v) is { } d && Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue ? (long)d : null;
    }

    /// <summary>The whole number at a path (<see cref="Long(JsonNode?)"/>'s rule).</summary>
    public static long? Long(JsonNode? node, params string[] path) => Long(At(node, path));

    /// <summary>A JSON number as double; null for anything else.</summary>
    public static double? Double(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>A JSON true or false; null for anything else (the string "true" included).</summary>
    public static bool? Bool(JsonNode? node) => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValueKind() == JsonValueKind.True : null;

    /// <summary>The boolean at a path (<see cref="Bool(JsonNode?)"/>'s rule).</summary>
    public static bool? Bool(JsonNode? node, params string[] path) => Bool(At(node, path));
}
