using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Argo;

/// <summary>
/// Typed reads from a manifest body that record an ARGO001 finding (with the field's location) whenever a field has
/// the wrong type, instead of throwing.
/// </summary>
internal sealed class SpecReader(ManifestObject manifest, string entity, string fixHint)
{
    private readonly List<Finding> findings = [];

    public IReadOnlyList<Finding> Findings => findings;

    public ManifestObject Manifest => manifest;

    public bool HasErrors => findings.Count > 0;

    public void Error(string pointer, string message) =>
        findings.Add(new Finding(ArgoModelParser.Argo001, Severity.Error, $"{entity}: {message}", manifest.LocationOf(pointer), fixHint) { App = AppName });

    public string? AppName { get; init; }

    public static string Field(string pointer) => pointer.TrimStart('/').Replace('/', '.');

    public JsonNode? Node(JsonObject? parent, string key) =>
        parent is not null && parent.TryGetPropertyValue(key, out var v) ? v : null;

    public string? String(JsonObject? parent, string pointer, string key, bool required = false)
    {
        var p = JsonPointer.Combine(pointer, key);
        var node = Node(parent, key);
        if (node is null)
        {
            if (required)
            {
                Error(parent is null ? pointer : p, $"{Field(p)} is required");
            }

            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var s = v.GetValue<string>();
            if (required && s.Length == 0)
            {
                Error(p, $"{Field(p)} must not be empty");
            }

            return s;
        }

        Error(p, $"{Field(p)} must be a string, not {Describe(node)}");
        return null;
    }

    public bool? Bool(JsonObject? parent, string pointer, string key)
    {
        var node = Node(parent, key);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValue<bool>();
        }

        Error(JsonPointer.Combine(pointer, key), $"{Field(JsonPointer.Combine(pointer, key))} must be true or false, not {Describe(node)}");
        return null;
    }

    public long? Integer(JsonObject? parent, string pointer, string key)
    {
        var node = Node(parent, key);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (node is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue<double>(out var dbl) && dbl == Math.Floor(dbl))
        {
            return (long)dbl;
        }

        Error(JsonPointer.Combine(pointer, key), $"{Field(JsonPointer.Combine(pointer, key))} must be an integer, not {Describe(node)}");
        return null;
    }

    public JsonObject? Object(JsonObject? parent, string pointer, string key, bool required = false)
    {
        var p = JsonPointer.Combine(pointer, key);
        var node = Node(parent, key);
        switch (node)
        {
            case JsonObject o:
                return o;
            case null:
                if (required)
                {
                    Error(parent is null ? pointer : p, $"{Field(p)} is required");
                }

                return null;
            default:
                Error(p, $"{Field(p)} must be a mapping, not {Describe(node)}");
                return null;
        }
    }

    public JsonArray? Array(JsonObject? parent, string pointer, string key)
    {
        var node = Node(parent, key);
        switch (node)
        {
            case JsonArray a:
                return a;
            case null:
                return null;
            default:
                Error(JsonPointer.Combine(pointer, key), $"{Field(JsonPointer.Combine(pointer, key))} must be a list, not {Describe(node)}");
                return null;
        }
    }

    /// <summary>The objects of a list field, reporting non-object items.</summary>
    public IReadOnlyList<(JsonObject Item, string Pointer)> ObjectList(JsonObject? parent, string pointer, string key)
    {
        var list = new List<(JsonObject, string)>();
        var array = Array(parent, pointer, key);
        if (array is null)
        {
            return list;
        }

        var basePointer = JsonPointer.Combine(pointer, key);
        for (var i = 0; i < array.Count; i++)
        {
            var p = JsonPointer.Combine(basePointer, i);
            if (array[i] is JsonObject o)
            {
                list.Add((o, p));
            }
            else
            {
                Error(p, $"{Field(p)} must be a mapping, not {Describe(array[i])}");
            }
        }

        return list;
    }

    public IReadOnlyList<string> StringList(JsonObject? parent, string pointer, string key)
    {
        var list = new List<string>();
        var array = Array(parent, pointer, key);
        if (array is null)
        {
            return list;
        }

        var basePointer = JsonPointer.Combine(pointer, key);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                list.Add(v.GetValue<string>());
            }
            else
            {
                var p = JsonPointer.Combine(basePointer, i);
                Error(p, $"{Field(p)} must be a string, not {Describe(array[i])}");
            }
        }

        return list;
    }

    public IReadOnlyDictionary<string, string> StringMap(JsonObject? parent, string pointer, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var obj = Object(parent, pointer, key);
        if (obj is null)
        {
            return map;
        }

        var basePointer = JsonPointer.Combine(pointer, key);
        foreach (var (k, v) in obj)
        {
            if (v is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                map[k] = value.GetValue<string>();
            }
            else
            {
                var p = JsonPointer.Combine(basePointer, k);
                Error(p, $"{Field(p)} must be a string, not {Describe(v)} (quote it)");
            }
        }

        return map;
    }

    public ObjectMeta Metadata(JsonObject body) =>
        new(
            StringMap(Object(body, string.Empty, "metadata"), "/metadata", "labels"),
            StringMap(Object(body, string.Empty, "metadata"), "/metadata", "annotations"),
            StringList(Object(body, string.Empty, "metadata"), "/metadata", "finalizers"));

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"the string \"{v.GetValue<string>()}\"",
            JsonValueKind.Number => $"the number {v.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {v.ToJsonString()}",
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
