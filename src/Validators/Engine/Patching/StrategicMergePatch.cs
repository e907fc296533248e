using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Patching;

/// <summary>
/// Strategic merge patch as kube-apiserver applies it (k8s.io/apimachinery/pkg/util/strategicpatch patch.go,
/// <c>StrategicMergeMapPatchUsingLookupPatchMeta</c>): maps merge, lists with a patch merge key merge element by
/// element, primitive lists with the merge strategy form a union, other lists replace, <c>null</c> deletes a key; the
/// directives <c>$patch</c> (replace/delete in maps; replace/delete in merging lists), <c>$retainKeys</c>,
/// <c>$setElementOrder/&lt;list&gt;</c> and <c>$deleteFromPrimitiveList/&lt;list&gt;</c> are honoured. The one
/// implementation for the simulated API server (type schemas) and Argo CD's ApplicationSet <c>templatePatch</c>
/// (<see cref="StrategicMergeSchema.NoStrategy"/>).
/// <para>
/// A directive or list of the wrong JSON type is the client's error with upstream's message
/// (<see cref="StrategicMergePatchException"/>), never a .NET type error.
/// </para>
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitivePrefix = "$deleteFromPrimitiveList/";

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="original"/>.</summary>
    /// <exception cref="StrategicMergePatchException">The patch is not a map, or a directive or list in it is malformed.</exception>
    public static JsonObject Apply(JsonObject original, JsonNode? patch, IStrategicMergeSchema schema)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(schema);
        if (patch is not JsonObject p)
        {
            throw new StrategicMergePatchException("json: cannot unmarshal " + (patch is JsonArray ? "array" : "value") + " into Go value of type map[string]interface {}");
        }

        return MergeMap((JsonObject)original.DeepClone(), p, schema) ?? new JsonObject();
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/> (modified); null when the map is deleted.</summary>
    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, IStrategicMergeSchema schema)
    {
        if (patch.TryGetPropertyValue(PatchDirective, out var directive))
        {
            // handleDirectiveInMergeMap: only replace and delete are directives of a map.
            return JsonRead.Str(directive) switch
            {
                "replace" => StripDirectives((JsonObject)patch.DeepClone()),
                "delete" => null,
                _ => throw BadPatchType(directive, patch),
            };
        }

        ApplyRetainKeys(original, patch);
        foreach (var (key, value) in patch.ToList())
        {
            if (key is RetainKeysDirective || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                CheckSetElementOrder(key, value, schema);
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitivePrefix, StringComparison.Ordinal))
            {
                // A deletion list whose value or target is not a list is skipped, as upstream's mergeMap skips a delete
                // list whose type differs from the original's.
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

            var fieldSchema = schema.Field(key);
            var existing = original[key];
            switch (value)
            {
                case JsonObject vo when fieldSchema.AtomicMap:
                    original[key] = StripDirectives((JsonObject)vo.DeepClone());
                    break;
                case JsonObject vo when fieldSchema.MergesAsMap:
                    {
                        var baseObj = existing as JsonObject ?? new JsonObject();
                        if (existing is JsonObject)
                        {
                            original.Remove(key);
                        }

                        var merged = MergeMap(baseObj, vo, fieldSchema);
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

                case JsonArray va when fieldSchema.IsList:
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
                    original[field] = Reorder(list, order, schema.Field(field).PatchMergeKey);
                }
            }
        }

        return original;
    }

    /// <summary>
    /// upstream applyRetainKeysDirective: the directive must be a list naming every key the patch sets; keys of the
    /// original that it does not name are cleared.
    /// </summary>
    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeysDirective, out var retain))
        {
            return;
        }

        if (retain is not JsonArray list)
        {
            throw new StrategicMergePatchException("invalid patch format of retainKeys");
        }

        var keep = list.Select(n => JsonRead.Str(n)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null || key is RetainKeysDirective || key.StartsWith(DeleteFromPrimitivePrefix, StringComparison.Ordinal) || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!keep.Contains(key))
            {
                throw new StrategicMergePatchException("invalid patch format of retainKeys");
            }
        }

        foreach (var key in original.Select(p => p.Key).ToList())
        {
            if (!keep.Contains(key))
            {
                original.Remove(key);
            }
        }
    }

    /// <summary>upstream mergePatchIntoOriginal / validatePatchWithSetOrderList: the order is a list, of maps for a keyed list.</summary>
    private static void CheckSetElementOrder(string key, JsonNode? value, IStrategicMergeSchema schema)
    {
        if (!key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
        {
            return;
        }

        if (value is not JsonArray order)
        {
            throw new StrategicMergePatchException("invalid patch format of setElementOrder list");
        }

        if (schema.Field(key[SetElementOrderPrefix.Length..]).PatchMergeKey is not null)
        {
            for (var i = 0; i < order.Count; i++)
            {
                if (order[i] is not JsonObject)
                {
                    throw new StrategicMergePatchException($"value for key {i} is not a map");
                }
            }
        }
    }

    private static JsonArray MergeList(JsonArray? original, JsonArray patch, IStrategicMergeSchema schema, JsonArray? order)
    {
        if (!schema.MergesByKey)
        {
            if (patch.OfType<JsonObject>().Any(e => e.ContainsKey(PatchDirective)))
            {
                return new JsonArray(patch.OfType<JsonObject>().Where(e => !e.ContainsKey(PatchDirective)).Select(e => (JsonNode)StripDirectives((JsonObject)e.DeepClone())).ToArray());
            }

            return (JsonArray)StripDirectivesNode(patch.DeepClone())!;
        }

        var mergeKey = schema.PatchMergeKey;
        var items = schema.ListItems;

        // upstream mergeSliceWithSpecialElements: every directive is checked before anything is merged.
        var replace = false;
        foreach (var element in patch.OfType<JsonObject>())
        {
            if (element.TryGetPropertyValue(PatchDirective, out var directive))
            {
                switch (JsonRead.Str(directive))
                {
                    case "delete" when mergeKey is not null && !element.ContainsKey(mergeKey):
                        throw NoMergeKey(element, mergeKey);
                    case "delete":
                        break;
                    case "replace":
                        replace = true;
                        break;
                    case "merge":
                        throw new StrategicMergePatchException("merging lists cannot yet be specified in the patch");
                    default:
                        throw BadPatchType(directive, element);
                }
            }
        }

        if (replace)
        {
            return new JsonArray(patch.OfType<JsonObject>().Where(e => !e.ContainsKey(PatchDirective)).Select(e => (JsonNode)StripDirectives((JsonObject)e.DeepClone())).ToArray());
        }

        var result = original is null ? new JsonArray() : (JsonArray)original.DeepClone();
        foreach (var element in patch)
        {
            if (element is JsonObject eo && mergeKey is not null)
            {
                if (!eo.TryGetPropertyValue(mergeKey, out var keyValue))
                {
                    throw NoMergeKey(eo, mergeKey);
                }

                var index = IndexOf(result, mergeKey, keyValue);
                if (eo.ContainsKey(PatchDirective))
                {
                    // Only "delete" is left here: remove every element with this key.
                    while (index >= 0)
                    {
                        result.RemoveAt(index);
                        index = IndexOf(result, mergeKey, keyValue);
                    }

                    continue;
                }

                if (index >= 0)
                {
                    result[index] = MergeMap((JsonObject)result[index]!.DeepClone(), eo, items);
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

    /// <summary>mergepatch.ErrBadPatchType, the values printed as Go's %v prints them.</summary>
    private static StrategicMergePatchException BadPatchType(JsonNode? directive, JsonObject map) =>
        new($"unknown patch type: {GoPrint(directive)} in map: {GoPrint(map)}");

    /// <summary>mergepatch.ErrNoMergeKey (422 in the simulated API server).</summary>
    private static StrategicMergePatchException NoMergeKey(JsonObject map, string mergeKey) =>
        new($"map: {GoPrint(map)} does not contain declared merge key: {mergeKey}", unprocessable: true);

    private static string GoPrint(JsonNode? node) => node is null ? "<nil>" : GoValues.Print(GoValues.FromJson(node));
}
