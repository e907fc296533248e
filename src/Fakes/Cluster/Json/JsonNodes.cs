using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Fakes.Cluster.Json;

/// <summary>Small accessors over <see cref="JsonObject"/> trees, the one object representation of the cluster.</summary>
public static class JsonNodes
{
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    // The typed reads are the engine's JsonRead (one rule for every component: a value of another JSON type is "not
    // found", as Go's unstructured.NestedString/NestedInt64/NestedBool); these are extension-method spellings of it.

    /// <summary>The string at a path of property names, or null (<see cref="JsonRead.Str(JsonNode?)"/>).</summary>
    public static string? Str(this JsonNode? node, params string[] path) => JsonRead.Str(node, path);

    /// <summary>The whole number at a path of property names, or null (<see cref="JsonRead.Long(JsonNode?)"/>).</summary>
    public static long? Long(this JsonNode? node, params string[] path) => JsonRead.Long(node, path);

    /// <summary>The boolean at a path of property names, or null (<see cref="JsonRead.Bool(JsonNode?)"/>).</summary>
    public static bool? Bool(this JsonNode? node, params string[] path) => JsonRead.Bool(node, path);

    /// <summary>A numeric JSON value as long, or null when it is not a whole number (<see cref="JsonRead.Long(JsonNode?)"/>).</summary>
    public static long? AsLong(JsonValue v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return JsonRead.Long(v);
    }

    /// <summary>A numeric JSON value as double, or null when it is not a number.</summary>
    public static double? AsDouble(JsonValue v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return JsonRead.Double(v);
    }

    public static JsonObject? Obj(this JsonNode? node, params string[] path) => Walk(node, path) as JsonObject;

    public static JsonArray? Arr(this JsonNode? node, params string[] path) => Walk(node, path) as JsonArray;

    public static JsonNode? Walk(JsonNode? node, params string[] path) => JsonRead.At(node, path);

    /// <summary>The object at <paramref name="name"/>, created when absent or not an object.</summary>
    public static JsonObject Child(this JsonObject parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    /// <summary>The array at <paramref name="name"/>, created when absent.</summary>
    public static JsonArray ChildArray(this JsonObject parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (parent[name] is JsonArray existing)
        {
            return existing;
        }

        var created = new JsonArray();
        parent[name] = created;
        return created;
    }

    public static JsonObject Metadata(this JsonObject obj) => obj.Child("metadata");

    public static string Name(this JsonObject obj) => obj.Str("metadata", "name") ?? string.Empty;

    public static string? Namespace(this JsonObject obj) => obj.Str("metadata", "namespace");

    public static string Uid(this JsonObject obj) => obj.Str("metadata", "uid") ?? string.Empty;

    public static long ResourceVersion(this JsonObject obj) =>
        long.TryParse(obj.Str("metadata", "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public static Dictionary<string, string> Labels(this JsonObject obj) => StringMap(obj.Obj("metadata", "labels"));

    public static Dictionary<string, string> StringMap(JsonObject? map)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map is null)
        {
            return result;
        }

        foreach (var (k, v) in map)
        {
            result[k] = v is JsonValue jv && jv.GetValueKind() == JsonValueKind.String ? jv.GetValue<string>() : v?.ToJsonString() ?? string.Empty;
        }

        return result;
    }

    public static JsonObject Clone(this JsonObject obj) => (JsonObject)obj.DeepClone();

    /// <summary>Parses bytes as a JSON object or returns null when they are not one.</summary>
    public static JsonObject? ParseObject(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        return JsonNode.Parse(ref reader) as JsonObject;
    }

    public static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Rfc3339Micro(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    public static bool IsTrue(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    /// <summary>Sets or replaces a condition of type <paramref name="type"/> in status.conditions; keeps lastTransitionTime when the status is unchanged.</summary>
    public static bool SetCondition(JsonObject status, string type, string value, string? reason, string? message, DateTimeOffset now, bool withProbeTime = false, bool withUpdateTime = false)
    {
        ArgumentNullException.ThrowIfNull(status);
        var conditions = status.ChildArray("conditions");
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        var ts = Rfc3339(now);
        if (existing is not null)
        {
            if (existing.Str("status") == value && existing.Str("reason") == reason && existing.Str("message") == message)
            {
                return false;
            }

            if (existing.Str("status") != value)
            {
                existing["lastTransitionTime"] = ts;
            }

            existing["status"] = value;
            SetOrRemove(existing, "reason", reason);
            SetOrRemove(existing, "message", message);
            if (withUpdateTime)
            {
                existing["lastUpdateTime"] = ts;
            }

            return true;
        }

        var condition = new JsonObject { ["type"] = type, ["status"] = value };
        if (withProbeTime)
        {
            condition["lastProbeTime"] = null;
        }

        if (withUpdateTime)
        {
            condition["lastUpdateTime"] = ts;
        }

        condition["lastTransitionTime"] = ts;
        SetOrRemove(condition, "reason", reason);
        SetOrRemove(condition, "message", message);
        conditions.Add(condition);
        return true;
    }

    public static string? ConditionStatus(JsonObject? obj, string type) =>
        obj.Arr("status", "conditions")?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type)?.Str("status");

    public static void SetOrRemove(JsonObject obj, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (value is null)
        {
            obj.Remove(name);
        }
        else
        {
            obj[name] = value;
        }
    }
}
