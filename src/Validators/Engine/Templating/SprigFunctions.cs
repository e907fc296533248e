using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// The rest of the Sprig functions charts commonly use (Masterminds/sprig functions.go genericMap): more strings and
/// lists, the <c>must*</c> variants, float math, semver, base32, checksums, dates. Randomness (<c>randAlphaNum</c>,
/// <c>uuidv4</c>, <c>shuffle</c>) is deterministic here — the same input renders the same output — so two renders of
/// one app compare equal; the values still have the documented shape.
/// </summary>
internal static partial class GoFunctions
{
    private static void AddSprigExtras(Dictionary<string, Func<List<object?>, object?>> t)
    {
        t["abbrev"] = a => Abbrev((int)GoValues.ToInt(Arg(a, 2, "abbrev")[0]), GoValues.ToStr(a[1]));
        t["abbrevboth"] = a => Abbrev((int)GoValues.ToInt(Arg(a, 3, "abbrevboth")[1]), GoValues.ToStr(a[2]));
        t["initials"] = a => string.Concat(Str(a, "initials").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[0]));
        t["wrap"] = a => Wrap((int)GoValues.ToInt(Arg(a, 2, "wrap")[0]), GoValues.ToStr(a[1]), "\n");
        t["wrapWith"] = a => Wrap((int)GoValues.ToInt(Arg(a, 3, "wrapWith")[0]), GoValues.ToStr(a[2]), GoValues.ToStr(a[1]));
        t["plural"] = a => GoValues.ToInt(Arg(a, 3, "plural")[2]) == 1 ? GoValues.ToStr(a[0]) : GoValues.ToStr(a[1]);
        t["swapcase"] = a => string.Concat(Str(a, "swapcase").Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
        t["shuffle"] = a => variant == 0 ? Str(a, "shuffle") : new string(Str(a, "shuffle").Reverse().ToArray());
        t["trimall"] = a => GoValues.ToStr(Arg(a, 2, "trimall")[1]).Trim(GoValues.ToStr(a[0]).ToCharArray());
        t["splitn"] = a => GoValues.ToStr(Arg(a, 3, "splitn")[2]).Split(GoValues.ToStr(a[0]), (int)Math.Max(1, GoValues.ToInt(a[1]))).Select((s, i) => (s, i)).ToDictionary(p => "_" + p.i.ToString(CultureInfo.InvariantCulture), p => (object?)p.s, StringComparer.Ordinal);
        t["regexQuoteMeta"] = a => Regex.Escape(Str(a, "regexQuoteMeta"));
        t["b32enc"] = a => Base32(Encoding.UTF8.GetBytes(Str(a, "b32enc")));
        t["sha512sum"] = a => Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(Str(a, "sha512sum"))));
        t["adler32sum"] = a => Adler32(Encoding.UTF8.GetBytes(Str(a, "adler32sum"))).ToString(CultureInfo.InvariantCulture);
        t["randAlphaNum"] = a => Deterministic("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", a, "randAlphaNum");
        t["randAlpha"] = a => Deterministic("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", a, "randAlpha");
        t["randNumeric"] = a => Deterministic("0123456789", a, "randNumeric");
        t["randAscii"] = a => Deterministic("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", a, "randAscii");
        t["randInt"] = a => GoValues.ToInt(Arg(a, 2, "randInt")[0]) + (variant != 0 && GoValues.ToInt(a[1]) - GoValues.ToInt(a[0]) > 1 ? 1 : 0);
        t["uuidv4"] = a => "00000000-0000-4000-8000-" + variant.ToString("x12", CultureInfo.InvariantCulture);
        t["tuple"] = a => a.ToList();
        t["chunk"] = a => GoValues.ToList(Arg(a, 2, "chunk")[1]).Chunk((int)Math.Max(1, GoValues.ToInt(a[0]))).Select(c => (object?)c.ToList()).ToList();
        t["biggest"] = t["max"];
        t["toDecimal"] = a => Convert.ToInt64(Str(a, "toDecimal"), 8);
        t["addf"] = a => a.Aggregate(0.0, (s, v) => s + GoValues.ToFloat(v));
        t["add1f"] = a => GoValues.ToFloat(Arg(a, 1, "add1f")[0]) + 1;
        t["subf"] = a => a.Count == 0 ? 0.0 : a.Skip(1).Aggregate(GoValues.ToFloat(a[0]), (s, v) => s - GoValues.ToFloat(v));
        t["mulf"] = a => a.Aggregate(1.0, (s, v) => s * GoValues.ToFloat(v));
        t["divf"] = a => a.Count == 0 ? 0.0 : a.Skip(1).Aggregate(GoValues.ToFloat(a[0]), (s, v) => s / GoValues.ToFloat(v));
        t["maxf"] = a => a.Count == 0 ? 0.0 : a.Max(GoValues.ToFloat);
        t["minf"] = a => a.Count == 0 ? 0.0 : a.Min(GoValues.ToFloat);
        t["all"] = a => a.All(GoValues.IsTrue);
        t["any"] = a => a.Any(GoValues.IsTrue);
        t["fromJsonArray"] = a => FromJsonText(Str(a, "fromJsonArray")) is List<object?> l ? l : throw new GoTemplateException("the JSON is not an array");
        t["semver"] = a => SemverObject(GoSemver.Parse(Str(a, "semver")));
        t["semverCompare"] = a => GoSemver.Satisfies(GoValues.ToStr(Arg(a, 2, "semverCompare")[0]), GoValues.ToStr(a[1]));
        t["getHostByName"] = a => string.Empty;
        t["now"] = a => DateTimeOffset.UtcNow.AddSeconds(3661 * variant);
        t["date"] = a => FormatDate(GoValues.ToStr(Arg(a, 2, "date")[0]), a[1]);
        t["dateInZone"] = a => FormatDate(GoValues.ToStr(Arg(a, 3, "dateInZone")[0]), a[1]);
        t["htmlDate"] = a => FormatDate("2006-01-02", Arg(a, 1, "htmlDate")[0]);
        t["htmlDateInZone"] = a => FormatDate("2006-01-02", Arg(a, 2, "htmlDateInZone")[0]);
        t["unixEpoch"] = a => ToDate(Arg(a, 1, "unixEpoch")[0]).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        t["toDate"] = a => DateTimeOffset.TryParse(GoValues.ToStr(Arg(a, 2, "toDate")[1]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : DateTimeOffset.UnixEpoch;
        t["dateModify"] = a => ToDate(Arg(a, 2, "dateModify")[1]);
        t["ago"] = a => "0s";
        t["duration"] = a => GoValues.ToInt(Arg(a, 1, "duration")[0]).ToString(CultureInfo.InvariantCulture) + "s";

        foreach (var name in new[]
        {
            "first", "last", "rest", "initial", "append", "push", "prepend", "uniq", "without", "has", "compact", "reverse",
            "merge", "mergeOverwrite", "deepCopy", "regexMatch", "regexFind", "regexFindAll", "regexReplaceAll",
            "regexReplaceAllLiteral", "regexSplit", "toJson", "toPrettyJson", "toRawJson", "slice", "chunk", "toDate", "dateModify",
        })
        {
            t["must" + char.ToUpperInvariant(name[0]) + name[1..]] = t[name];
        }
    }

    private static string Abbrev(int width, string s) => width < 4 || s.Length <= width ? s : s[..(width - 3)] + "...";

    private static string Wrap(int width, string s, string newline)
    {
        if (width < 1)
        {
            return s;
        }

        var sb = new StringBuilder();
        var lineLength = 0;
        foreach (var word in s.Split(' '))
        {
            if (lineLength > 0 && lineLength + 1 + word.Length > width)
            {
                sb.Append(newline);
                lineLength = 0;
            }
            else if (lineLength > 0)
            {
                sb.Append(' ');
                lineLength++;
            }

            sb.Append(word);
            lineLength += word.Length;
        }

        return sb.ToString();
    }

    private static string Base32(byte[] data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var sb = new StringBuilder();
        for (var i = 0; i < data.Length; i += 5)
        {
            var chunk = new byte[5];
            var n = Math.Min(5, data.Length - i);
            Array.Copy(data, i, chunk, 0, n);
            var bits = ((ulong)chunk[0] << 32) | ((ulong)chunk[1] << 24) | ((ulong)chunk[2] << 16) | ((ulong)chunk[3] << 8) | chunk[4];
            var chars = (n * 8 + 4) / 5;
            for (var j = 0; j < 8; j++)
            {
                sb.Append(j < chars ? alphabet[(int)((bits >> (35 - j * 5)) & 31)] : '=');
            }
        }

        return sb.ToString();
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }

    /// <summary>A fixed-length string from <paramref name="alphabet"/>, the same for the same length (rendering stays reproducible).</summary>
    private static string Deterministic(string alphabet, List<object?> a, string name)
    {
        var n = (int)Math.Clamp(GoValues.ToInt(Arg(a, 1, name)[0]), 0, 100_000);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name + n.ToString(CultureInfo.InvariantCulture) + (variant == 0 ? string.Empty : "#" + variant.ToString(CultureInfo.InvariantCulture))));
        return new string(Enumerable.Range(0, n).Select(i => alphabet[hash[i % hash.Length] % alphabet.Length]).ToArray());
    }

    private static Dictionary<string, object?> SemverObject(GoSemver.Version v) => new(StringComparer.Ordinal)
    {
        ["Major"] = v.Major,
        ["Minor"] = v.Minor,
        ["Patch"] = v.Patch,
        ["Prerelease"] = v.Pre,
        ["Original"] = v.Original,
    };

    private static DateTimeOffset ToDate(object? v) => v switch
    {
        DateTimeOffset d => d,
        long or int or double => DateTimeOffset.FromUnixTimeSeconds(GoValues.ToInt(v)),
        _ => DateTimeOffset.UtcNow,
    };

    /// <summary>Go's reference-time layout (2006-01-02 15:04:05) mapped to .NET's format.</summary>
    private static string FormatDate(string layout, object? when)
    {
        var d = ToDate(when);
        var format = layout.Replace("2006", "yyyy", StringComparison.Ordinal).Replace("01", "MM", StringComparison.Ordinal).Replace("02", "dd", StringComparison.Ordinal)
            .Replace("15", "HH", StringComparison.Ordinal).Replace("04", "mm", StringComparison.Ordinal).Replace("05", "ss", StringComparison.Ordinal);
        return d.ToString(format, CultureInfo.InvariantCulture);
    }
}
