using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Resolves a YAML scalar to a JSON value the way Kubernetes does: sigs.k8s.io/yaml decodes with go-yaml v2 into
/// <c>interface{}</c> and marshals the result to JSON. Plain scalars follow go-yaml v2's resolve table (YAML 1.1 bools
/// y/yes/on/…, null forms, ints with 0x/0o/0b/leading-0 octal and underscores, floats, timestamps kept as strings);
/// quoted, block and <c>!!str</c> scalars are strings; <c>.inf</c>/<c>.nan</c> are errors because JSON cannot hold them.
/// </summary>
internal static partial class YamlScalars
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    private static readonly Dictionary<string, JsonNode?> ResolveMap = BuildResolveMap();

    /// <summary>A JSON value, or null for YAML null; <paramref name="error"/> when it cannot be represented.</summary>
    public static JsonNode? Resolve(Scalar scalar, out string? error)
    {
        error = null;
        var tag = ShortTag(scalar);
        if (tag is null)
        {
            // Quoted, literal and folded scalars without a tag are strings; so are custom (unresolvable) tags.
            return JsonValue.Create(scalar.Value);
        }

        return ResolveTagged(tag, scalar.Value, out error);
    }

    /// <summary>The mapping key string sigs.k8s.io/yaml produces (ints, floats and bools become strings); null key → error.</summary>
    public static string? ResolveKey(Scalar scalar, out string? error)
    {
        // Fast path: most keys are plain words that can only be strings.
        if (scalar.Tag.IsEmpty && (scalar.Style != ScalarStyle.Plain || (scalar.Value.Length > 0 && Hint(scalar.Value[0]) == '\0')))
        {
            error = null;
            return scalar.Value;
        }

        var node = Resolve(scalar, out error);
        if (error is not null)
        {
            return null;
        }

        switch (node)
        {
            case null:
                error = "a null mapping key is not supported (JSON objects have string keys)";
                return null;
            case JsonValue v when v.TryGetValue<string>(out var s):
                return s;
            case JsonValue v when v.TryGetValue<bool>(out var b):
                return b ? "true" : "false";
            case JsonValue v when v.TryGetValue<long>(out var l):
                return l.ToString(CultureInfo.InvariantCulture);
            case JsonValue v when v.TryGetValue<ulong>(out var u):
                return u.ToString(CultureInfo.InvariantCulture);
            case JsonValue v when v.TryGetValue<double>(out var d):
                // go: strconv.FormatFloat(key, 'g', -1, 32)
                return ((float)d).ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
            default:
                return node.ToJsonString();
        }
    }

    /// <summary>The go-yaml resolvable short tag ("" for a plain untagged scalar), or null when the scalar is a plain string.</summary>
    private static string? ShortTag(Scalar scalar)
    {
        if (scalar.Tag.IsEmpty)
        {
            return scalar.Style == ScalarStyle.Plain ? string.Empty : null;
        }

        if (scalar.Tag.IsNonSpecific)
        {
            return null;
        }

        var t = scalar.Tag.Value;
        return t.StartsWith(TagPrefix, StringComparison.Ordinal) ? "!!" + t[TagPrefix.Length..] : null;
    }

    private static JsonNode? ResolveTagged(string tag, string value, out string? error)
    {
        error = null;
        if (tag is "!!str" or "!!binary")
        {
            return JsonValue.Create(value);
        }

        if (tag is not ("" or "!!bool" or "!!int" or "!!float" or "!!null" or "!!timestamp"))
        {
            // go-yaml leaves other tags (!!map on a scalar, !!set, custom) as the plain string.
            return JsonValue.Create(value);
        }

        var (resolvedTag, node, special) = ResolvePlain(value, tag);
        if (special is not null)
        {
            error = $"value {value} is {special}, which JSON (and so Kubernetes) cannot represent";
            return null;
        }

        if (tag.Length == 0 || tag == resolvedTag)
        {
            return resolvedTag == "!!timestamp" ? JsonValue.Create(value) : node;
        }

        if (tag == "!!float" && resolvedTag == "!!int" && node is JsonValue iv)
        {
            return Number(iv.TryGetValue<long>(out var l) ? l : (double)iv.GetValue<ulong>());
        }

        error = $"cannot decode {resolvedTag} `{value}` as a {tag}";
        return null;
    }

    /// <summary>go-yaml v2 resolve() for a plain scalar: (tag, value, special float name or null).</summary>
    private static (string Tag, JsonNode? Node, string? Special) ResolvePlain(string value, string requestedTag)
    {
        if (value.Length == 0)
        {
            return ("!!null", null, null);
        }

        var hint = Hint(value[0]);
        if (hint == 0)
        {
            return ("!!str", JsonValue.Create(value), null);
        }

        if (ResolveMap.TryGetValue(value, out var mapped))
        {
            return mapped switch
            {
                null => ("!!null", null, null),
                JsonValue v when v.TryGetValue<bool>(out _) => ("!!bool", mapped.DeepClone(), null),
                _ => ("!!float", null, mapped!.GetValue<string>()),
            };
        }

        switch (hint)
        {
            case '.':
                if (TryParseGoFloat(value, out var f))
                {
                    return ("!!float", Number(f), null);
                }

                break;
            case 'D' or 'S':
                if ((requestedTag.Length == 0 || requestedTag == "!!timestamp") && LooksLikeTimestamp(value))
                {
                    return ("!!timestamp", JsonValue.Create(value), null);
                }

                var plain = value.Replace("_", string.Empty, StringComparison.Ordinal);
                if (TryParseGoInt(plain, out var i))
                {
                    return ("!!int", Number(i), null);
                }

                if (TryParseGoUint(plain, out var u))
                {
                    return ("!!int", Number(u), null);
                }

                if (YamlStyleFloat().IsMatch(plain) && TryParseGoFloat(plain, out var pf))
                {
                    return ("!!float", Number(pf), null);
                }

                if (plain.StartsWith("0b", StringComparison.Ordinal) && TryParseBase(plain[2..], 2, negative: false, out var b))
                {
                    return ("!!int", Number(b), null);
                }

                if (plain.StartsWith("-0b", StringComparison.Ordinal) && TryParseBase(plain[3..], 2, negative: true, out var nb))
                {
                    return ("!!int", Number(nb), null);
                }

                break;
        }

        return ("!!str", JsonValue.Create(value), null);
    }

    /// <summary>
    /// A number backed by a JsonElement, so readers can ask for it as int, long or double (as with
    /// <c>JsonNode.Parse</c>), instead of only the CLR type it was created from.
    /// </summary>
    internal static JsonValue Number<T>(T value) => JsonValue.Create(JsonSerializer.SerializeToElement(value))!;

    private static char Hint(char c) => c switch
    {
        '+' or '-' => 'S',
        >= '0' and <= '9' => 'D',
        'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~' => 'M',
        '.' => '.',
        _ => '\0',
    };

    private static Dictionary<string, JsonNode?> BuildResolveMap()
    {
        var m = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var s in new[] { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" })
        {
            m[s] = JsonValue.Create(true);
        }

        foreach (var s in new[] { "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" })
        {
            m[s] = JsonValue.Create(false);
        }

        foreach (var s in new[] { "~", "null", "Null", "NULL" })
        {
            m[s] = null;
        }

        foreach (var s in new[] { ".nan", ".NaN", ".NAN" })
        {
            m[s] = JsonValue.Create("NaN");
        }

        foreach (var s in new[] { ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" })
        {
            m[s] = JsonValue.Create("+Inf");
        }

        foreach (var s in new[] { "-.inf", "-.Inf", "-.INF" })
        {
            m[s] = JsonValue.Create("-Inf");
        }

        return m;
    }

    /// <summary>go-yaml's quick timestamp check: YYYY- followed by one of its accepted layouts.</summary>
    private static bool LooksLikeTimestamp(string s)
    {
        var i = 0;
        while (i < s.Length && s[i] is >= '0' and <= '9')
        {
            i++;
        }

        return i == 4 && i < s.Length && s[i] == '-' && TimestampShape().IsMatch(s);
    }

    /// <summary>Go strconv.ParseInt(s, 0, 64): sign, then 0x/0o/0b prefixes or a leading 0 for octal.</summary>
    private static bool TryParseGoInt(string s, out long value)
    {
        value = 0;
        var negative = s.StartsWith('-');
        var body = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? s[1..] : s;
        if (!TryParseUnsignedBody(body, out var magnitude))
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > 9223372036854775808UL)
            {
                return false;
            }

            value = magnitude == 9223372036854775808UL ? long.MinValue : -(long)magnitude;
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    /// <summary>Go strconv.ParseUint(s, 0, 64) (no sign allowed).</summary>
    private static bool TryParseGoUint(string s, out ulong value) => TryParseUnsignedBody(s, out value);

    private static bool TryParseUnsignedBody(string body, out ulong value)
    {
        value = 0;
        if (body.Length == 0)
        {
            return false;
        }

        int radix;
        string digits;
        if (body.Length > 1 && body[0] == '0' && (body[1] is 'x' or 'X'))
        {
            radix = 16;
            digits = body[2..];
        }
        else if (body.Length > 1 && body[0] == '0' && (body[1] is 'o' or 'O'))
        {
            radix = 8;
            digits = body[2..];
        }
        else if (body.Length > 1 && body[0] == '0' && (body[1] is 'b' or 'B'))
        {
            radix = 2;
            digits = body[2..];
        }
        else if (body.Length > 1 && body[0] == '0')
        {
            radix = 8;
            digits = body[1..];
        }
        else
        {
            radix = 10;
            digits = body;
        }

        return TryParseDigits(digits, radix, out value);
    }

    private static bool TryParseBase(string digits, int radix, bool negative, out long value)
    {
        value = 0;
        if (!TryParseDigits(digits, radix, out var u) || u > (negative ? 9223372036854775808UL : long.MaxValue))
        {
            return false;
        }

        value = negative ? (u == 9223372036854775808UL ? long.MinValue : -(long)u) : (long)u;
        return true;
    }

    private static bool TryParseDigits(string digits, int radix, out ulong value)
    {
        value = 0;
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }

            var next = (value * (ulong)radix) + (ulong)d;
            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                return false;
            }

            value = next;
        }

        return true;
    }

    /// <summary>Go strconv.ParseFloat for the decimal forms YAML produces (no hex floats, no "inf"/"nan" words).</summary>
    private static bool TryParseGoFloat(string s, out double value)
    {
        value = 0;
        if (!GoDecimalFloat().IsMatch(s))
        {
            return false;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDecimalFloat();

    // go-yaml v2 accepts: 2006-1-2T15:4:5.999999999Z07:00 (T or t), "2006-1-2 15:4:5.999999999", "2006-1-2".
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2}))|( [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampShape();
}
