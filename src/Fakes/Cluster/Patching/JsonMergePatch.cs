using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.Cluster.Patching;

/// <summary>RFC 7386 JSON merge patch: objects merge, null deletes, everything else (arrays included) replaces.</summary>
public static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is JsonObject patchObj)
        {
            return ApplyObject(target as JsonObject, patchObj);
        }

        throw new PatchException("json: cannot unmarshal " + (patch is JsonArray ? "array" : "value") + " into Go value of type map[string]interface {}", 400);
    }

    private static JsonObject ApplyObject(JsonObject? target, JsonObject patch)
    {
        var result = target is null ? new JsonObject() : (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject o)
            {
                result[key] = ApplyObject(result[key] as JsonObject, o);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }
}
