using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

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

    // The typed reads follow the engine's JsonRead (one rule for every component, Go's unstructured.NestedString /
    // NestedInt64 / NestedBool): a value of another JSON type is "not found". Argo CD decodes its objects into Go
    // structs, so a number is never a string there and "true" is never a boolean.

    /// <summary>The string at a dotted path, or null (numbers and booleans included: <see cref="JsonRead.Str(JsonNode?)"/>).</summary>
    public static string? Str(JsonNode? node, string dottedPath) => JsonRead.Str(At(node, dottedPath));

    /// <summary>The string value of <paramref name="node"/>, or null (<see cref="JsonRead.Str(JsonNode?)"/>).</summary>
    public static string? AsString(JsonNode? node) => JsonRead.Str(node);

    /// <summary>The whole number at a dotted path, or null (<see cref="JsonRead.Long(JsonNode?)"/>).</summary>
    public static long? Long(JsonNode? node, string dottedPath) => JsonRead.Long(At(node, dottedPath));

    /// <summary>A whole JSON number, or null (<see cref="JsonRead.Long(JsonNode?)"/>).</summary>
    public static long? AsLong(JsonNode? node) => JsonRead.Long(node);

    /// <summary>True only for a JSON <c>true</c> at a dotted path (<see cref="JsonRead.Bool(JsonNode?)"/>).</summary>
    public static bool Bool(JsonNode? node, string dottedPath) => JsonRead.Bool(At(node, dottedPath)) == true;

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
