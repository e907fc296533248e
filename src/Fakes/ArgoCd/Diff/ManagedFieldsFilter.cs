using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Diff;

/// <summary>
/// <c>managedFieldsManagers</c> [ug/diffing]: the fields that the named managers own in the live object's
/// <c>metadata.managedFields</c> (<c>fieldsV1</c>: <c>f:</c> fields, <c>k:</c> list keys, <c>v:</c> set values,
/// <c>i:</c> indexes) are removed from both desired and live before comparing.
/// </summary>
public static class ManagedFieldsFilter
{
    /// <summary>The fieldsV1 trees owned by <paramref name="managers"/> in <paramref name="live"/>.</summary>
    public static IReadOnlyList<JsonObject> OwnedFields(JsonObject live, IReadOnlyCollection<string> managers)
    {
        ArgumentNullException.ThrowIfNull(live);
        return Json.Objects(live, "metadata.managedFields")
            .Where(m => managers.Contains(Json.Str(m, "manager") ?? string.Empty))
            .Select(m => Json.Obj(m, "fieldsV1"))
            .OfType<JsonObject>()
            .ToList();
    }

    public static void Remove(JsonNode target, JsonObject fieldsV1)
    {
        ArgumentNullException.ThrowIfNull(fieldsV1);
        foreach (var (key, child) in fieldsV1)
        {
            if (key == ".")
            {
                continue;
            }

            var isLeaf = child is not JsonObject c || c.Count == 0 || (c.Count == 1 && c.ContainsKey("."));
            if (key.StartsWith("f:", StringComparison.Ordinal) && target is JsonObject obj)
            {
                var name = key[2..];
                if (isLeaf)
                {
                    obj.Remove(name);
                }
                else if (obj[name] is { } next)
                {
                    Remove(next, (JsonObject)child!);
                }
            }
            else if (target is JsonArray arr)
            {
                var index = FindElement(arr, key);
                if (index < 0)
                {
                    continue;
                }

                if (isLeaf)
                {
                    arr.RemoveAt(index);
                }
                else if (arr[index] is { } element)
                {
                    Remove(element, (JsonObject)child!);
                }
            }
        }
    }

    private static int FindElement(JsonArray arr, string key)
    {
        if (key.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(key[2..]) is JsonObject match)
        {
            for (var i = 0; i < arr.Count; i++)
            {
                if (arr[i] is JsonObject e && match.All(kv => Json.DeepEquals(e[kv.Key], kv.Value)))
                {
                    return i;
                }
            }
        }
        else if (key.StartsWith("v:", StringComparison.Ordinal))
        {
            var value = JsonNode.Parse(key[2..]);
            for (var i = 0; i < arr.Count; i++)
            {
                if (Json.DeepEquals(arr[i], value))
                {
                    return i;
                }
            }
        }
        else if (key.StartsWith("i:", StringComparison.Ordinal) && int.TryParse(key[2..], System.Globalization.CultureInfo.InvariantCulture, out var idx) && idx < arr.Count)
        {
            return idx;
        }

        return -1;
    }
}
