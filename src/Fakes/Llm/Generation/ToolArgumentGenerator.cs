using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.Llm.Generation;

/// <summary>
/// Makes up tool-call arguments that satisfy a tool's JSON Schema: objects with every required property (optional ones
/// half the time), arrays within minItems/maxItems, numbers within minimum/maximum (exclusive bounds too), strings from
/// <c>enum</c>/<c>const</c>/<c>format</c> (date, date-time, email, uuid, uri) within min/maxLength, <c>anyOf</c>/<c>oneOf</c>
/// (one branch), <c>allOf</c> (merged), local <c>$ref</c> into <c>$defs</c>/<c>definitions</c>, and type unions.
/// </summary>
public static class ToolArgumentGenerator
{
    private const int MaxDepth = 8;

    public static JsonNode? Generate(JsonElement schema, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Generate(schema, schema, random, 0);
    }

    private static JsonNode? Generate(JsonElement schema, JsonElement root, Random random, int depth)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            return JsonValue.Create("value");
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            var resolved = Resolve(root, reference.GetString()!);
            return resolved is { } target ? Generate(target, root, random, depth + 1) : JsonValue.Create("value");
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
        {
            return JsonNode.Parse(options[random.Next(options.GetArrayLength())].GetRawText());
        }

        foreach (var union in (string[])["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(union, out var branches) && branches.ValueKind == JsonValueKind.Array && branches.GetArrayLength() > 0)
            {
                var nonNull = branches.EnumerateArray().Where(b => !IsNullType(b)).ToList();
                var pick = nonNull.Count > 0 ? nonNull[random.Next(nonNull.Count)] : branches[0];
                return Generate(pick, root, random, depth + 1);
            }
        }

        if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array)
        {
            var merged = new JsonObject();
            foreach (var part in all.EnumerateArray())
            {
                if (Generate(part, root, random, depth + 1) is JsonObject obj)
                {
                    foreach (var (key, value) in obj.ToList())
                    {
                        obj.Remove(key);
                        merged[key] = value;
                    }
                }
            }

            return merged;
        }

        var type = TypeOf(schema, random);
        return type switch
        {
            "object" => Object(schema, root, random, depth),
            "array" => Array(schema, root, random, depth),
            "integer" => JsonValue.Create(Integer(schema, random)),
            "number" => JsonValue.Create(Number(schema, random)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "null" => null,
            _ => JsonValue.Create(Text(schema, random)),
        };
    }

    private static string TypeOf(JsonElement schema, Random random)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString()!;
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String && t.GetString() != "null").Select(t => t.GetString()!).ToList();
                return types.Count > 0 ? types[random.Next(types.Count)] : "null";
            }
        }

        if (schema.TryGetProperty("properties", out _))
        {
            return "object";
        }

        return schema.TryGetProperty("items", out _) ? "array" : "string";
    }

    private static bool IsNullType(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";

    private static JsonObject Object(JsonElement schema, JsonElement root, Random random, int depth)
    {
        var result = new JsonObject();
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in req.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String))
            {
                required.Add(name.GetString()!);
            }
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (required.Contains(property.Name) || random.Next(2) == 0)
                {
                    result[property.Name] = Generate(property.Value, root, random, depth + 1);
                }
            }
        }

        foreach (var name in required.Where(n => !result.ContainsKey(n)))
        {
            result[name] = JsonValue.Create("value");
        }

        return result;
    }

    private static JsonArray Array(JsonElement schema, JsonElement root, Random random, int depth)
    {
        var min = Math.Clamp((int)(Num(schema, "minItems") ?? 1), 0, 64);
        var max = Math.Max(min, (int)Math.Clamp(Num(schema, "maxItems") ?? Math.Max(min, 3), 0, 64));
        var count = random.Next(min, Math.Min(max, min + 5) + 1);
        var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
        var result = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            result.Add(items.ValueKind == JsonValueKind.Undefined ? JsonValue.Create("value") : Generate(items, root, random, depth + 1));
        }

        return result;
    }

    private static long Integer(JsonElement schema, Random random)
    {
        var (low, high) = Bounds(schema, 0, 100, 1);
        var lo = (long)Math.Ceiling(low);
        var hi = (long)Math.Floor(high);
        if (hi < lo)
        {
            return lo;
        }

        var value = lo + (long)(random.NextDouble() * (hi - lo + 1));
        if (Num(schema, "multipleOf") is { } multiple && multiple >= 1 && multiple == Math.Floor(multiple) && (long)multiple is var m)
        {
            value = Math.Max(lo, value / m * m);
            if (value > hi || value < lo)
            {
                value = (lo + m - 1) / m * m;
            }
        }

        return Math.Min(value, hi);
    }

    private static double Number(JsonElement schema, Random random)
    {
        var (low, high) = Bounds(schema, 0, 100, 0.01);
        var value = low + random.NextDouble() * (high - low);
        return Math.Round(Math.Clamp(value, low, high), 2) is var rounded && rounded >= low && rounded <= high ? rounded : value;
    }

    private static (double Low, double High) Bounds(JsonElement schema, double defaultLow, double defaultHigh, double step)
    {
        double? low = null, high = null;
        if (Num(schema, "minimum") is { } mn)
        {
            low = mn;
        }

        if (Num(schema, "exclusiveMinimum") is { } xmn)
        {
            low = xmn + step;
        }

        if (Num(schema, "maximum") is { } mx)
        {
            high = mx;
        }

        if (Num(schema, "exclusiveMaximum") is { } xmx)
        {
            high = xmx - step;
        }

        var lo = low ?? (high is { } h ? Math.Min(defaultLow, h - (defaultHigh - defaultLow)) : defaultLow);
        var hi = high ?? Math.Max(defaultHigh, lo + (defaultHigh - defaultLow));
        return (lo, Math.Max(lo, hi));
    }

    private static string Text(JsonElement schema, Random random)
    {
        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var text = format switch
        {
            "date" => new DateOnly(2024, 1, 1).AddDays(random.Next(700)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "date-time" => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(1_000_000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "time" => TimeSpan.FromMinutes(random.Next(1440)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
            "email" => Lexicon.Words[random.Next(Lexicon.Words.Length)] + "@example.com",
            "uuid" => new Guid(Bytes(random, 16)).ToString(),
            "uri" or "url" => "https://example.com/" + Lexicon.Words[random.Next(Lexicon.Words.Length)],
            "ipv4" => string.Join('.', Enumerable.Range(0, 4).Select(_ => random.Next(1, 255).ToString(CultureInfo.InvariantCulture))),
            _ => string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Lexicon.Words[random.Next(Lexicon.Words.Length)])),
        };
        var minLength = (int)Math.Clamp(Num(schema, "minLength") ?? 0, 0, 4096);
        var maxLength = (int)Math.Clamp(Num(schema, "maxLength") ?? int.MaxValue, 0, int.MaxValue);
        while (text.Length < minLength)
        {
            text += "x";
        }

        return text.Length > maxLength ? text[..Math.Max(0, maxLength)] : text;
    }

    /// <summary>A numeric schema keyword, ignored unless it is a finite number of sane size.</summary>
    private static double? Num(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d) && Math.Abs(d) < 1e15 ? d : null;

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static JsonElement? Resolve(JsonElement root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var current = root;
        foreach (var part in reference[2..].Split('/'))
        {
            var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }
}
