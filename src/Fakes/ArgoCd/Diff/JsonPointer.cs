using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.ArgoCd.Diff;

/// <summary>RFC 6901 JSON Pointers (<c>/metadata/annotations/a~1b</c>): removal of the addressed member.</summary>
public static class JsonPointer
{
    public static IReadOnlyList<string> Parse(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new FormatException($"JSON pointer '{pointer}' must start with '/'");
        }

        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Removes the member at <paramref name="pointer"/>; returns whether something was removed.</summary>
    public static bool Remove(JsonNode root, string pointer)
    {
        var tokens = Parse(pointer);
        if (tokens.Count == 0)
        {
            return false;
        }

        var parent = root;
        for (var i = 0; i < tokens.Count - 1 && parent is not null; i++)
        {
            parent = Child(parent, tokens[i]);
        }

        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                return o.Remove(last);
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var idx) && idx < a.Count:
                a.RemoveAt(idx);
                return true;
            default:
                return false;
        }
    }

    public static JsonNode? Get(JsonNode root, string pointer)
    {
        JsonNode? current = root;
        foreach (var t in Parse(pointer))
        {
            current = current is null ? null : Child(current, t);
        }

        return current;
    }

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject o => o[token],
        JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var idx) && idx < a.Count => a[idx],
        _ => null,
    };
}
