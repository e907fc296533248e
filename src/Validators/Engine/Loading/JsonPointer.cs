using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Loading;

/// <summary>RFC 6901 JSON pointers over <see cref="JsonNode"/> trees (<c>/spec/sources/0/repoURL</c>).</summary>
public static class JsonPointer
{
    /// <summary>The unescaped reference tokens of <paramref name="pointer"/> ("" → none).</summary>
    public static IReadOnlyList<string> Split(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (pointer.Length == 0 || pointer == "/")
        {
            return pointer.Length == 0 ? [] : [string.Empty];
        }

        var parts = pointer.TrimStart('/').Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return parts;
    }

    /// <summary>Escapes one reference token (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
    public static string Escape(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>Joins tokens into a pointer, escaping each.</summary>
    public static string Combine(string pointer, string token) => pointer + "/" + Escape(token);

    /// <summary>Joins an array index onto a pointer.</summary>
    public static string Combine(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The node at <paramref name="pointer"/>, or null when any step is missing.</summary>
    public static JsonNode? Resolve(JsonNode? root, string pointer)
    {
        var node = root;
        foreach (var token in Split(pointer))
        {
            node = Child(node, token);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    internal static JsonNode? Child(JsonNode? node, string token) => node switch
    {
        JsonObject o => o.TryGetPropertyValue(token, out var v) ? v : null,
        JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
        _ => null,
    };
}
