using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.Cluster.Json;

/// <summary>
/// Reads JSON text as Go's encoding/json (which kube-apiserver decodes bodies with) reads it where System.Text.Json
/// differs: a repeated object key keeps its last value (decode.go assigns each key in turn; kube-apiserver only refuses
/// duplicates under <c>fieldValidation=Strict</c>), and a <c>\uXXXX</c> escape that is half of a surrogate pair with no
/// other half becomes U+FFFD (decode.go unquoteBytes: an invalid surrogate falls back to the replacement rune).
/// </summary>
internal static class GoJsonText
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="JsonException"/> on bad or too deep input.</summary>
    public static JsonNode? Parse(string text, int maxDepth)
    {
        using var document = JsonDocument.Parse(ReplaceLoneSurrogateEscapes(text), new JsonDocumentOptions { MaxDepth = maxDepth, AllowTrailingCommas = false });
        return ToNode(document.RootElement);
    }

    /// <summary>
    /// Copies the element; the depth is bounded by the parse above (at most <c>maxDepth</c> levels of recursion). Later
    /// keys overwrite earlier ones.
    /// </summary>
    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    /// <summary>Rewrites each <c>\uD800</c>–<c>\uDFFF</c> escape that is not part of a high+low pair as <c>\uFFFD</c>.</summary>
    internal static string ReplaceLoneSurrogateEscapes(string text)
    {
        if (!text.Contains("\\u", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        StringBuilder? sb = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                i++;
                continue;
            }

            if (!TryEscape(text, i, out var unit))
            {
                i += 2; // another escape (\\, \", \n, …): skip both characters so an escaped backslash is not read as a start
                continue;
            }

            if (char.IsHighSurrogate(unit) && TryEscape(text, i + 6, out var low) && char.IsLowSurrogate(low))
            {
                i += 12;
                continue;
            }

            if (char.IsSurrogate(unit))
            {
                sb ??= new StringBuilder(text.Length);
                sb.Append(text, copied, i - copied).Append("\\uFFFD");
                copied = i + 6;
            }

            i += 6;
        }

        return sb is null ? text : sb.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool TryEscape(string text, int at, out char unit)
    {
        unit = '\0';
        if (at + 6 > text.Length || text[at] != '\\' || text[at + 1] != 'u' ||
            !ushort.TryParse(text.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
    }
}
