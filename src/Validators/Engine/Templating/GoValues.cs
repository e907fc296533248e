using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// The value model templates run on, mirroring what Go sees after <c>json.Unmarshal</c> into <c>map[string]any</c>:
/// null, string, bool, long (template literals and integer results), double (every JSON number), lists and maps.
/// </summary>
internal static class GoValues
{
    /// <summary>Marks a missing map entry (Go's invalid reflect.Value), printed as <c>&lt;no value&gt;</c>.</summary>
    public static readonly object Missing = new MissingValue();

    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => FromJson(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(FromJson).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };

    public static JsonNode? ToJson(object? value) => value switch
    {
        null or MissingValue => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(FormatFloat(d)),
        IDictionary<string, object?> m => new JsonObject(m.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        IEnumerable<object?> l => new JsonArray(l.Select(ToJson).ToArray()),
        _ => JsonValue.Create(Print(value)),
    };

    /// <summary>Go's truth: false, 0, nil, empty string/list/map are false.</summary>
    public static bool IsTrue(object? v) => v switch
    {
        null or MissingValue => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        ICollection c => c.Count > 0,
        IDictionary<string, object?> m => m.Count > 0,
        IList<object?> l => l.Count > 0,
        _ => true,
    };

    /// <summary>fmt's %v.</summary>
    public static string Print(object? v) => v switch
    {
        null or MissingValue => "<no value>",
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        IDictionary<string, object?> m => "map[" + string.Join(" ", m.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + PrintNested(p.Value))) + "]",
        IEnumerable<object?> l => "[" + string.Join(" ", l.Select(PrintNested)) + "]",
        _ => v.ToString() ?? string.Empty,
    };

    private static string PrintNested(object? v) => v is null or MissingValue ? "<nil>" : Print(v);

    /// <summary>Go's strconv.FormatFloat(f, 'g', -1, 64), which %v uses for float64 (exponent form below 1e-4 and from 1e+06).</summary>
    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "+Inf" : "-Inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0" : "0";
        }

        var (digits, dp) = ShortestDigits(Math.Abs(d));
        var sign = d < 0 ? "-" : string.Empty;
        var exp = dp - 1;
        if (exp < -4 || exp >= 6)
        {
            var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }

        if (dp <= 0)
        {
            return sign + "0." + new string('0', -dp) + digits;
        }

        return sign + (dp >= digits.Length ? digits + new string('0', dp - digits.Length) : digits[..dp] + "." + digits[dp..]);
    }

    /// <summary>The shortest round-trip digits of a positive double and the decimal point position (value = 0.DIGITS × 10^dp).</summary>
    private static (string Digits, int DecimalPoint) ShortestDigits(double value)
    {
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        var exp10 = 0;
        if (e >= 0)
        {
            exp10 = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? r : r[..dot];
        var frac = dot < 0 ? string.Empty : r[(dot + 1)..];
        var all = intPart + frac;
        var dp = intPart.Length + exp10;
        var leading = all.Length - all.TrimStart('0').Length;
        all = all.TrimStart('0');
        dp -= leading;
        all = all.TrimEnd('0');
        return (all.Length == 0 ? "0" : all, dp);
    }

    public static string KindOf(object? v) => v switch
    {
        null or MissingValue => "invalid",
        string => "string",
        bool => "bool",
        long or int => "int",
        double => "float64",
        IDictionary<string, object?> => "map",
        IEnumerable<object?> => "slice",
        _ => "struct",
    };

    public static string TypeOf(object? v) => v switch
    {
        null or MissingValue => "<nil>",
        string => "string",
        bool => "bool",
        long or int => "int",
        double => "float64",
        IDictionary<string, object?> => "map[string]interface {}",
        IEnumerable<object?> => "[]interface {}",
        _ => v.GetType().Name,
    };

    /// <summary>Sprig's empty().</summary>
    public static bool IsEmpty(object? v) => !IsTrue(v);

    public static bool TryToLong(object? v, out long result)
    {
        switch (v)
        {
            case long l:
                result = l;
                return true;
            case int i:
                result = i;
                return true;
            case double d when d == Math.Floor(d) && Math.Abs(d) < 9.2e18:
                result = (long)d;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>Sprig's cast.ToInt64-like conversion (strings parsed, floats truncated, bools 0/1).</summary>
    public static long ToInt(object? v) => v switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        bool b => b ? 1 : 0,
        string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => (long)d,
        _ => 0,
    };

    public static double ToFloat(object? v) => v switch
    {
        long l => l,
        int i => i,
        double d => d,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0,
    };

    /// <summary>Sprig's toString / strval.</summary>
    public static string ToStr(object? v) => v switch
    {
        null or MissingValue => string.Empty,
        string s => s,
        _ => Print(v),
    };

    public static List<object?> ToList(object? v) => v switch
    {
        null or MissingValue => [],
        List<object?> l => l,
        IEnumerable<object?> e when v is not string && v is not IDictionary<string, object?> => e.ToList(),
        _ => throw new GoTemplateException($"cannot use {TypeOf(v)} as a list"),
    };

    /// <summary>JSON text as Go's json.Marshal writes it (map keys sorted).</summary>
    public static string ToJsonText(object? v, bool pretty = false)
    {
        var node = ToJson(v);
        if (node is null)
        {
            return "null";
        }

        var options = new JsonSerializerOptions { WriteIndented = pretty, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, IndentSize = 2 };
        return node.ToJsonString(options);
    }

    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when c < 0x20 => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    private sealed class MissingValue
    {
        public override string ToString() => "<no value>";
    }
}
