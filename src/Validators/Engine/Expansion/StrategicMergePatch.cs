using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Expansion;

/// <summary>
/// A strategic merge patch for types whose lists carry no merge strategy (the Application type): mappings merge
/// recursively, lists and scalars are replaced, <c>null</c> deletes a key, <c>$patch: replace</c> replaces a mapping
/// and <c>$patch: delete</c> removes it.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>.</summary>
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patch);
        var result = (JsonObject)target.DeepClone();
        Merge(result, patch);
        return result;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (key == "$patch")
            {
                continue;
            }

            switch (value)
            {
                case null:
                    target.Remove(key);
                    break;
                case JsonObject p when Directive(p) == "delete":
                    target.Remove(key);
                    break;
                case JsonObject p when Directive(p) == "replace":
                    var replaced = (JsonObject)p.DeepClone();
                    replaced.Remove("$patch");
                    target[key] = replaced;
                    break;
                case JsonObject p when target[key] is JsonObject existing:
                    Merge(existing, p);
                    break;
                case JsonObject p:
                    var fresh = new JsonObject();
                    Merge(fresh, p);
                    target[key] = fresh;
                    break;
                default:
                    target[key] = value.DeepClone();
                    break;
            }
        }
    }

    private static string? Directive(JsonObject o) => o["$patch"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
