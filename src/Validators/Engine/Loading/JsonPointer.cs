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

    /// <summary>
    /// The reference tokens of <paramref name="pointer"/> read strictly as RFC 6901 does ("" → none; every other
    /// pointer starts with <c>/</c>, and each <c>/</c> starts a token, empty ones included); throws
    /// <see cref="FormatException"/> otherwise. For pointers users write (ignoreDifferences jsonPointers).
    /// </summary>
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

    /// <summary>Removes the member or array element at <paramref name="pointer"/> (read with <see cref="Parse"/>); returns whether something was removed.</summary>
    public static bool Remove(JsonNode root, string pointer)
    {
        ArgumentNullException.ThrowIfNull(root);
        var tokens = Parse(pointer);
        if (tokens.Count == 0)
        {
            return false;
        }

        JsonNode? parent = root;
        for (var i = 0; i < tokens.Count - 1 && parent is not null; i++)
        {
            parent = Child(parent, tokens[i]);
        }

        switch (parent)
        {
            case JsonObject o:
                return o.Remove(tokens[^1]);
            case JsonArray a when int.TryParse(tokens[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < a.Count:
                a.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The node at <paramref name="pointer"/> read strictly (<see cref="Parse"/>), or null when any step is missing.</summary>
    public static JsonNode? Get(JsonNode? root, string pointer)
    {
        var node = root;
        foreach (var token in Parse(pointer))
        {
            node = Child(node, token);
            if (node is null)
            {
                return null;
            }
        }

        return node;
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

    /// <summary>The direct children of an object or array, each with its pointer below <paramref name="pointer"/>; null values are skipped.</summary>
    public static IEnumerable<(JsonNode Node, string Pointer)> Children(JsonNode node, string pointer)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    if (v is not null)
                    {
                        yield return (v, Combine(pointer, k));
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } v)
                    {
                        yield return (v, Combine(pointer, i));
                    }
                }

                break;
        }
    }

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
