using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Graph;

/// <summary>Small null-tolerant readers over manifest JSON.</summary>
internal static class Json
{
    public static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    };

    public static bool True(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static JsonObject? Obj(JsonNode? node) => node as JsonObject;

    public static IEnumerable<(JsonNode Node, int Index)> Items(JsonNode? node)
    {
        if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                if (a[i] is { } item)
                {
                    yield return (item, i);
                }
            }
        }
    }

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
        {
            foreach (var (k, v) in o)
            {
                if (Text(v) is { } s)
                {
                    map[k] = s;
                }
            }
        }

        return map;
    }

    public static int? Int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) ? (int)d :
        node is JsonValue s && s.TryGetValue<string>(out var str) && int.TryParse(str, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    public static string Ptr(params object[] tokens) =>
        string.Concat(tokens.Select(t => "/" + (t is int n ? n.ToString(CultureInfo.InvariantCulture) : Loading.JsonPointer.Escape(t.ToString()!))));
}
