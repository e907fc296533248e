using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.ArgoCd.Model;

/// <summary>Small, allocation-light accessors over <see cref="JsonNode"/> trees (the one object representation).</summary>
public static class Json
{
    /// <summary>The node at a dotted path (<c>spec.syncPolicy.automated</c>), or null.</summary>
    public static JsonNode? At(JsonNode? node, string dottedPath)
    {
        var current = node;
        foreach (var segment in dottedPath.Split('.'))
        {
            current = current is JsonObject o && o.TryGetPropertyValue(segment, out var next) ? next : null;
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The string at a dotted path; numbers and booleans are rendered as text.</summary>
    public static string? Str(JsonNode? node, string dottedPath) => AsString(At(node, dottedPath));

    public static string? AsString(JsonNode? node) => node is JsonValue v ? v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    } : null;

    public static long? Long(JsonNode? node, string dottedPath) => AsLong(At(node, dottedPath));

    public static long? AsLong(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.Number when v.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number when v.TryGetValue<double>(out var d) => (long)d,
            JsonValueKind.String when long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
            _ => null,
        };
    }

    public static bool Bool(JsonNode? node, string dottedPath) => At(node, dottedPath) is JsonValue v &&
        (v.GetValueKind() == JsonValueKind.True || (v.GetValueKind() == JsonValueKind.String && string.Equals(v.GetValue<string>(), "true", StringComparison.OrdinalIgnoreCase)));

    public static JsonObject? Obj(JsonNode? node, string dottedPath) => At(node, dottedPath) as JsonObject;

    public static JsonArray? Arr(JsonNode? node, string dottedPath) => At(node, dottedPath) as JsonArray;

    public static IEnumerable<JsonObject> Objects(JsonNode? node, string dottedPath) =>
        Arr(node, dottedPath)?.OfType<JsonObject>() ?? [];

    /// <summary>Gets or creates the object at a dotted path.</summary>
    public static JsonObject Ensure(JsonObject root, string dottedPath)
    {
        var current = root;
        foreach (var segment in dottedPath.Split('.'))
        {
            if (current[segment] is not JsonObject next)
            {
                next = new JsonObject();
                current[segment] = next;
            }

            current = next;
        }

        return current;
    }

    public static JsonObject Clone(JsonObject o) => (JsonObject)o.DeepClone();

    /// <summary>The annotation value, or null when absent.</summary>
    public static string? GetAnnotation(JsonObject obj, string key) => Obj(obj, "metadata.annotations") is { } a ? AsString(a[key]) : null;

    public static string? GetLabel(JsonObject obj, string key) => Obj(obj, "metadata.labels") is { } a ? AsString(a[key]) : null;

    public static void SetAnnotation(JsonObject obj, string key, string value) => Ensure(obj, "metadata.annotations")[key] = value;

    /// <summary>Structural equality, with numbers compared by value (1 == 1.0).</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is JsonValue va && b is JsonValue vb && va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
        {
            return decimal.TryParse(va.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var da) &&
                decimal.TryParse(vb.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var db)
                ? da == db
                : va.ToJsonString() == vb.ToJsonString();
        }

        return JsonNode.DeepEquals(a, b);
    }

    public static JsonObject Parse(string json) => JsonNode.Parse(json) as JsonObject ?? throw new JsonException("expected a JSON object");

    /// <summary>An RFC 3339 UTC timestamp as Kubernetes writes it.</summary>
    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTimestamp(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
