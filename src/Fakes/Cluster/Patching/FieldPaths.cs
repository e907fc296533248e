using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Patching;

/// <summary>
/// Field paths in the structured-merge-diff notation that managedFields uses: <c>f:name</c> for struct/map fields,
/// <c>k:{"name":"x"}</c> for associative-list elements, <c>v:value</c> for set elements, and <c>.</c> for the
/// element itself. A path is the list of its elements.
/// </summary>
public static class FieldPaths
{
    private static readonly HashSet<string> UntrackedMetadata = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "managedFields", "selfLink", "generateName",
    };

    /// <summary>Every owned path of <paramref name="obj"/> with the value at leaves (null for container markers).</summary>
    public static Dictionary<string, JsonNode?> Collect(JsonObject obj, SchemaNode schema)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            var field = Field(schema, key);
            if (key == "metadata" && value is JsonObject md)
            {
                foreach (var (mk, mv) in md)
                {
                    if (!UntrackedMetadata.Contains(mk))
                    {
                        Walk(mv, Field(field, mk), ["f:metadata", "f:" + mk], result);
                    }
                }

                continue;
            }

            Walk(value, field, ["f:" + key], result);
        }

        return result;
    }

    private static void Walk(JsonNode? value, SchemaNode schema, List<string> path, Dictionary<string, JsonNode?> result)
    {
        switch (value)
        {
            case JsonObject o when !schema.MapAtomic && schema.Kind is SchemaKind.Object or SchemaKind.Map or SchemaKind.Any && o.Count > 0:
                if (schema.Kind == SchemaKind.Map || schema.Kind == SchemaKind.Any)
                {
                    result[Join([.. path, "."])] = null;
                }

                foreach (var (k, v) in o)
                {
                    Walk(v, Field(schema, k), [.. path, "f:" + k], result);
                }

                break;
            case JsonArray a when schema.Kind == SchemaKind.Array && schema.ListType == "map" && schema.ListMapKeys.Count > 0:
                foreach (var item in a.OfType<JsonObject>())
                {
                    var element = "k:" + KeyOf(item, schema.ListMapKeys);
                    result[Join([.. path, element, "."])] = null;
                    foreach (var (k, v) in item)
                    {
                        Walk(v, Field(schema.Items ?? SchemaNode.AnyValue, k), [.. path, element, "f:" + k], result);
                    }
                }

                break;
            case JsonArray a when schema.Kind == SchemaKind.Array && schema.ListType == "set":
                foreach (var item in a)
                {
                    result[Join([.. path, "v:" + (item?.ToJsonString() ?? "null")])] = item?.DeepClone();
                }

                break;
            default:
                result[Join(path)] = value?.DeepClone();
                break;
        }
    }

    /// <summary>The key object of an associative-list element, serialised as managedFields does.</summary>
    public static string KeyOf(JsonObject item, IReadOnlyList<string> keys)
    {
        var k = new JsonObject();
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            if (item[key] is { } v)
            {
                k[key] = v.DeepClone();
            }
        }

        return k.ToJsonString();
    }

    public static SchemaNode Field(SchemaNode schema, string key) => schema.Kind switch
    {
        SchemaKind.Object => schema.Properties.TryGetValue(key, out var f) ? f : SchemaNode.AnyValue,
        SchemaKind.Map => schema.Values ?? SchemaNode.AnyValue,
        _ => SchemaNode.AnyValue,
    };

    public static string Join(IEnumerable<string> elements) => string.Join('\u0001', elements);

    public static string[] Split(string path) => path.Split('\u0001');

    /// <summary>Renders paths as a fieldsV1 object.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var element in Split(path))
            {
                if (node[element] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[element] = child;
                }

                node = child;
            }
        }

        return Sort(root);
    }

    /// <summary>Reads a fieldsV1 object back into paths.</summary>
    public static HashSet<string> FromFieldsV1(JsonObject? fields)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        void Visit(JsonObject node, List<string> prefix)
        {
            foreach (var (k, v) in node)
            {
                var path = new List<string>(prefix) { k };
                if (v is JsonObject child && child.Count > 0)
                {
                    if (k == ".")
                    {
                        result.Add(Join(path));
                    }

                    Visit(child, path);
                }
                else
                {
                    result.Add(Join(path));
                }
            }
        }

        if (fields is not null)
        {
            Visit(fields, []);
        }

        return result;
    }

    /// <summary>".spec.containers[name=\"web\"].image": the way conflicts name a field.</summary>
    public static string Display(string path)
    {
        var sb = new StringBuilder();
        foreach (var element in Split(path))
        {
            if (element.StartsWith("f:", StringComparison.Ordinal))
            {
                sb.Append('.').Append(element[2..]);
            }
            else if (element.StartsWith("k:", StringComparison.Ordinal))
            {
                var key = JsonNode.Parse(element[2..]) as JsonObject;
                sb.Append('[').Append(string.Join(",", key?.Select(p => $"{p.Key}={p.Value?.ToJsonString()}") ?? [])).Append(']');
            }
            else if (element.StartsWith("v:", StringComparison.Ordinal))
            {
                sb.Append('[').Append(element[2..]).Append(']');
            }
        }

        return sb.ToString();
    }

    /// <summary>The value at a path in an object, or null when absent (found tells which).</summary>
    public static JsonNode? Read(JsonObject obj, string path, out bool found)
    {
        JsonNode? current = obj;
        found = false;
        foreach (var element in Split(path))
        {
            if (element == ".")
            {
                continue;
            }

            if (element.StartsWith("f:", StringComparison.Ordinal))
            {
                if (current is not JsonObject o || !o.TryGetPropertyValue(element[2..], out current))
                {
                    return null;
                }
            }
            else if (element.StartsWith("k:", StringComparison.Ordinal))
            {
                var key = JsonNode.Parse(element[2..]) as JsonObject ?? [];
                current = (current as JsonArray)?.OfType<JsonObject>().FirstOrDefault(i => key.All(p => JsonNode.DeepEquals(i[p.Key], p.Value)));
                if (current is null)
                {
                    return null;
                }
            }
            else if (element.StartsWith("v:", StringComparison.Ordinal))
            {
                var value = JsonNode.Parse(element[2..]);
                current = (current as JsonArray)?.FirstOrDefault(i => JsonNode.DeepEquals(i, value));
                if (current is null)
                {
                    return null;
                }
            }
        }

        found = true;
        return current;
    }

    /// <summary>Removes the field, list element or set value a path names.</summary>
    public static void Remove(JsonObject obj, string path)
    {
        var elements = Split(path).ToList();
        if (elements[^1] == ".")
        {
            elements.RemoveAt(elements.Count - 1);
        }

        if (elements.Count == 0)
        {
            return;
        }

        var parentPath = Join(elements[..^1]);
        var parent = elements.Count == 1 ? obj : Read(obj, parentPath, out var found) is { } p && found ? p : null;
        var last = elements[^1];
        switch (parent)
        {
            case JsonObject o when last.StartsWith("f:", StringComparison.Ordinal):
                o.Remove(last[2..]);
                break;
            case JsonArray a when last.StartsWith("k:", StringComparison.Ordinal):
                {
                    var key = JsonNode.Parse(last[2..]) as JsonObject ?? [];
                    var item = a.OfType<JsonObject>().FirstOrDefault(i => key.All(kv => JsonNode.DeepEquals(i[kv.Key], kv.Value)));
                    if (item is not null)
                    {
                        a.Remove(item);
                    }

                    break;
                }

            case JsonArray a when last.StartsWith("v:", StringComparison.Ordinal):
                {
                    var value = JsonNode.Parse(last[2..]);
                    var item = a.FirstOrDefault(i => JsonNode.DeepEquals(i, value));
                    if (item is not null || value is null)
                    {
                        a.Remove(item);
                    }

                    break;
                }
        }
    }

    private static JsonObject Sort(JsonObject node)
    {
        var sorted = new JsonObject();
        foreach (var (k, v) in node.OrderBy(p => p.Key == "." ? string.Empty : p.Key, StringComparer.Ordinal).ToList())
        {
            node.Remove(k);
            sorted[k] = v is JsonObject o ? Sort(o) : v;
        }

        return sorted;
    }

    internal static bool IsJsonString(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String;
}
