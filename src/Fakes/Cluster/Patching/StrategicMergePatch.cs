using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Patching;

/// <summary>
/// Strategic merge patch as the API server applies it: maps merge, lists with a patch merge key merge element by
/// element, primitive lists with the merge strategy form a union, other lists replace; directives
/// <c>$patch</c> (replace/delete/merge), <c>$retainKeys</c>, <c>$setElementOrder/&lt;list&gt;</c> and
/// <c>$deleteFromPrimitiveList/&lt;list&gt;</c> are honoured.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitivePrefix = "$deleteFromPrimitiveList/";

    public static JsonNode? Apply(JsonObject original, JsonNode? patch, SchemaNode schema)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (patch is not JsonObject p)
        {
            throw new PatchException("json: cannot unmarshal " + (patch is JsonArray ? "array" : "value") + " into Go value of type map[string]interface {}", 400);
        }

        return MergeMap((JsonObject)original.DeepClone(), p, schema) ?? new JsonObject();
    }

    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, SchemaNode schema)
    {
        if (patch[PatchDirective] is JsonValue directive)
        {
            switch (directive.GetValue<string>())
            {
                case "replace":
                    return StripDirectives((JsonObject)patch.DeepClone());
                case "delete":
                    return null;
                case "merge":
                    break;
                default:
                    throw new PatchException($"Unrecognized patch directive: {directive.GetValue<string>()}", 400);
            }
        }

        List<string>? retainKeys = null;
        if (patch[RetainKeysDirective] is JsonArray rk)
        {
            retainKeys = rk.Select(k => k?.GetValue<string>() ?? string.Empty).ToList();
        }

        foreach (var (key, value) in patch.ToList())
        {
            if (key is PatchDirective or RetainKeysDirective || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitivePrefix, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitivePrefix.Length..];
                if (original[field] is JsonArray list && value is JsonArray remove)
                {
                    foreach (var item in list.ToList())
                    {
                        if (remove.Any(r => JsonNode.DeepEquals(r, item)))
                        {
                            list.Remove(item);
                        }
                    }
                }

                continue;
            }

            if (value is null)
            {
                original.Remove(key);
                continue;
            }

            var fieldSchema = FieldSchema(schema, key);
            var existing = original[key];
            switch (value)
            {
                case JsonObject vo when fieldSchema.MapAtomic:
                    original[key] = StripDirectives((JsonObject)vo.DeepClone());
                    break;
                case JsonObject vo when fieldSchema.Kind is SchemaKind.Object or SchemaKind.Map or SchemaKind.Any:
                    {
                        var baseObj = existing as JsonObject ?? new JsonObject();
                        if (existing is JsonObject)
                        {
                            original.Remove(key);
                        }

                        var merged = MergeMap(baseObj, vo, fieldSchema.Kind == SchemaKind.Map ? MapAsObject(fieldSchema) : fieldSchema);
                        if (merged is null)
                        {
                            original.Remove(key);
                        }
                        else
                        {
                            original[key] = merged;
                        }

                        break;
                    }

                case JsonArray va when fieldSchema.Kind == SchemaKind.Array:
                    {
                        var baseList = existing as JsonArray;
                        original.Remove(key);
                        var order = patch[SetElementOrderPrefix + key] as JsonArray;
                        original[key] = MergeList(baseList, va, fieldSchema, order);
                        break;
                    }

                default:
                    original[key] = value is JsonObject or JsonArray ? StripDirectivesNode(value.DeepClone()) : value.DeepClone();
                    break;
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) && value is JsonArray order)
            {
                var field = key[SetElementOrderPrefix.Length..];
                if (original[field] is JsonArray list && !patch.ContainsKey(field))
                {
                    original.Remove(field);
                    original[field] = Reorder(list, order, FieldSchema(schema, field).PatchMergeKey);
                }
            }
        }

        if (retainKeys is not null)
        {
            foreach (var key in original.Select(p => p.Key).ToList())
            {
                if (!retainKeys.Contains(key))
                {
                    original.Remove(key);
                }
            }
        }

        return original;
    }

    private static JsonArray MergeList(JsonArray? original, JsonArray patch, SchemaNode schema, JsonArray? order)
    {
        if (!schema.MergesByKey)
        {
            if (patch.OfType<JsonObject>().Any(e => e[PatchDirective] is not null))
            {
                return new JsonArray(patch.OfType<JsonObject>().Where(e => e[PatchDirective] is null).Select(e => (JsonNode)StripDirectives((JsonObject)e.DeepClone())).ToArray());
            }

            return (JsonArray)StripDirectivesNode(patch.DeepClone())!;
        }

        var result = original is null ? new JsonArray() : (JsonArray)original.DeepClone();
        var mergeKey = schema.PatchMergeKey;
        var items = schema.Items ?? SchemaNode.AnyValue;
        if (patch.OfType<JsonObject>().Any(e => e[PatchDirective]?.GetValue<string>() == "replace"))
        {
            return new JsonArray(patch.OfType<JsonObject>().Where(e => e[PatchDirective] is null).Select(e => (JsonNode)StripDirectives((JsonObject)e.DeepClone())).ToArray());
        }

        foreach (var element in patch)
        {
            if (element is JsonObject eo && mergeKey is not null)
            {
                if (!eo.TryGetPropertyValue(mergeKey, out var keyValue))
                {
                    throw new PatchException($"map: {eo.ToJsonString()} does not contain declared merge key: {mergeKey}", 422);
                }

                var index = IndexOf(result, mergeKey, keyValue);
                if (eo[PatchDirective]?.GetValue<string>() == "delete")
                {
                    if (index >= 0)
                    {
                        result.RemoveAt(index);
                    }

                    continue;
                }

                if (index >= 0)
                {
                    var merged = MergeMap((JsonObject)result[index]!.DeepClone(), eo, items);
                    result[index] = merged;
                }
                else
                {
                    result.Add(MergeMap(new JsonObject(), eo, items));
                }
            }
            else if (element is not JsonObject)
            {
                if (!result.Any(r => JsonNode.DeepEquals(r, element)))
                {
                    result.Add(element?.DeepClone());
                }
            }
            else
            {
                result.Add(StripDirectives((JsonObject)element.DeepClone()));
            }
        }

        if (order is not null)
        {
            result = Reorder(result, order, mergeKey);
        }

        return result;
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        var items = list.Select(i => i?.DeepClone()).ToList();
        int Position(JsonNode? item)
        {
            for (var i = 0; i < order.Count; i++)
            {
                var o = order[i];
                if (mergeKey is not null && item is JsonObject io && o is JsonObject oo)
                {
                    if (JsonNode.DeepEquals(io[mergeKey], oo[mergeKey]))
                    {
                        return i;
                    }
                }
                else if (JsonNode.DeepEquals(item, o))
                {
                    return i;
                }
            }

            return int.MaxValue;
        }

        var sorted = items.Select((item, idx) => (item, idx, pos: Position(item))).OrderBy(x => x.pos).ThenBy(x => x.idx).Select(x => x.item).ToArray();
        return new JsonArray(sorted);
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && JsonNode.DeepEquals(o[mergeKey], keyValue))
            {
                return i;
            }
        }

        return -1;
    }

    private static SchemaNode FieldSchema(SchemaNode schema, string key) => schema.Kind switch
    {
        SchemaKind.Object => schema.Properties.TryGetValue(key, out var f) ? f : SchemaNode.AnyValue,
        SchemaKind.Map => schema.Values ?? SchemaNode.AnyValue,
        _ => SchemaNode.AnyValue,
    };

    private static SchemaNode MapAsObject(SchemaNode map) => map;

    private static JsonObject StripDirectives(JsonObject obj)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            if (key.StartsWith('$'))
            {
                obj.Remove(key);
            }
            else if (obj[key] is { } child)
            {
                StripDirectivesNode(child);
            }
        }

        return obj;
    }

    private static JsonNode? StripDirectivesNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                StripDirectives(o);
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    StripDirectivesNode(item);
                }

                break;
        }

        return node;
    }

    /// <summary>True when a value is a JSON string (used by callers checking merge keys).</summary>
    internal static bool IsString(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String;
}
