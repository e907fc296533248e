using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// The function table of ApplicationSet goTemplates: Go's builtins plus the Sprig functions (minus env/expandenv/
/// getHostByName) and Argo CD's normalize, slugify, toYaml, fromYaml, fromYamlArray
/// [applicationset/utils/utils.go init()]. Functions not listed here fail at parse time, as in Go.
/// </summary>
internal static partial class GoFunctions
{
    private const int MaxListLength = 100_000;

    private static readonly Dictionary<string, Func<List<object?>, object?>> Table = Build();

    public static bool Exists(string name) => name is "and" or "or" || Table.ContainsKey(name);

    public static object? Call(string name, List<object?> args, bool missingKeyIsError)
    {
        _ = missingKeyIsError;
        return Table.TryGetValue(name, out var f) ? f(args) : throw new GoTemplateException($"function \"{name}\" not defined");
    }

    private static Dictionary<string, Func<List<object?>, object?>> Build()
    {
        var t = new Dictionary<string, Func<List<object?>, object?>>(StringComparer.Ordinal)
        {
            // Go builtins
            ["not"] = a => !GoValues.IsTrue(Arg(a, 1, "not")[0]),
            ["len"] = a => Length(Arg(a, 1, "len")[0]),
            ["index"] = a => Index(a),
            ["slice"] = a => Slice(a),
            ["print"] = a => Sprint(a),
            ["println"] = a => string.Join(" ", a.Select(GoValues.Print)) + "\n",
            ["printf"] = a => a.Count == 0 ? throw new GoTemplateException("wrong number of args for printf: want at least 1 got 0") : GoPrintf.Format(GoValues.ToStr(a[0]), a.Skip(1).ToList()),
            ["eq"] = a => Eq(a),
            ["ne"] = a => !Eq(Arg(a, 2, "ne")),
            ["lt"] = a => Compare(Arg(a, 2, "lt")) < 0,
            ["le"] = a => Compare(Arg(a, 2, "le")) <= 0,
            ["gt"] = a => Compare(Arg(a, 2, "gt")) > 0,
            ["ge"] = a => Compare(Arg(a, 2, "ge")) >= 0,
            ["html"] = a => System.Net.WebUtility.HtmlEncode(Sprint(a)),
            ["js"] = a => System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(Sprint(a)),
            ["urlquery"] = a => Uri.EscapeDataString(Sprint(a)).Replace("%20", "+", StringComparison.Ordinal),

            // Sprig: defaults and flow
            ["default"] = a => a.Count < 2 || GoValues.IsEmpty(a[1]) ? (a.Count > 0 ? a[0] : null) : a[1],
            ["empty"] = a => GoValues.IsEmpty(Arg(a, 1, "empty")[0]),
            ["coalesce"] = a => a.FirstOrDefault(v => !GoValues.IsEmpty(v)),
            ["ternary"] = a => GoValues.IsTrue(Arg(a, 3, "ternary")[2]) ? a[0] : a[1],
            ["required"] = a => Arg(a, 2, "required")[1] is null || ReferenceEquals(a[1], GoValues.Missing) || (a[1] is string s && s.Length == 0)
                ? throw new GoTemplateException(GoValues.ToStr(a[0]))
                : a[1],
            ["fail"] = a => throw new GoTemplateException(GoValues.ToStr(Arg(a, 1, "fail")[0])),

            // Sprig: strings
            ["lower"] = a => Str(a, "lower").ToLowerInvariant(),
            ["upper"] = a => Str(a, "upper").ToUpperInvariant(),
            ["title"] = a => Title(Str(a, "title")),
            ["untitle"] = a => Regex.Replace(Str(a, "untitle"), @"\b\w", m => m.Value.ToLowerInvariant()),
            ["trim"] = a => Str(a, "trim").Trim(),
            ["trimAll"] = a => GoValues.ToStr(Arg(a, 2, "trimAll")[1]).Trim(GoValues.ToStr(a[0]).ToCharArray()),
            ["trimPrefix"] = a => GoValues.ToStr(Arg(a, 2, "trimPrefix")[1]) is var s && GoValues.ToStr(a[0]) is var p && p.Length > 0 && s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : GoValues.ToStr(a[1]),
            ["trimSuffix"] = a => GoValues.ToStr(Arg(a, 2, "trimSuffix")[1]) is var s && GoValues.ToStr(a[0]) is var p && p.Length > 0 && s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : GoValues.ToStr(a[1]),
            ["trunc"] = a => Trunc(GoValues.ToInt(Arg(a, 2, "trunc")[0]), GoValues.ToStr(a[1])),
            ["replace"] = a => GoValues.ToStr(Arg(a, 3, "replace")[2]).Replace(GoValues.ToStr(a[0]), GoValues.ToStr(a[1]), StringComparison.Ordinal),
            ["repeat"] = a => Repeat(GoValues.ToStr(Arg(a, 2, "repeat")[1]), (int)Math.Clamp(GoValues.ToInt(a[0]), 0, 100_000)),
            ["substr"] = a => Substr(GoValues.ToInt(Arg(a, 3, "substr")[0]), GoValues.ToInt(a[1]), GoValues.ToStr(a[2])),
            ["contains"] = a => GoValues.ToStr(Arg(a, 2, "contains")[1]).Contains(GoValues.ToStr(a[0]), StringComparison.Ordinal),
            ["hasPrefix"] = a => GoValues.ToStr(Arg(a, 2, "hasPrefix")[1]).StartsWith(GoValues.ToStr(a[0]), StringComparison.Ordinal),
            ["hasSuffix"] = a => GoValues.ToStr(Arg(a, 2, "hasSuffix")[1]).EndsWith(GoValues.ToStr(a[0]), StringComparison.Ordinal),
            ["quote"] = a => string.Join(" ", a.Where(v => v is not null).Select(v => GoValues.Quote(GoValues.ToStr(v)))),
            ["squote"] = a => string.Join(" ", a.Where(v => v is not null).Select(v => "'" + GoValues.ToStr(v) + "'")),
            ["cat"] = a => string.Join(" ", a.Where(v => v is not null && !ReferenceEquals(v, GoValues.Missing)).Select(GoValues.ToStr)),
            ["indent"] = a => Indent((int)GoValues.ToInt(Arg(a, 2, "indent")[0]), GoValues.ToStr(a[1])),
            ["nindent"] = a => "\n" + Indent((int)GoValues.ToInt(Arg(a, 2, "nindent")[0]), GoValues.ToStr(a[1])),
            ["nospace"] = a => string.Concat(Str(a, "nospace").Where(c => !char.IsWhiteSpace(c))),
            ["snakecase"] = a => CaseWords(Str(a, "snakecase"), "_"),
            ["kebabcase"] = a => CaseWords(Str(a, "kebabcase"), "-"),
            ["camelcase"] = a => string.Concat(Regex.Split(Str(a, "camelcase"), "[_\\-\\s]+").Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
            ["toString"] = a => GoValues.ToStr(Arg(a, 1, "toString")[0]),
            ["toStrings"] = a => GoValues.ToList(Arg(a, 1, "toStrings")[0]).Select(v => (object?)GoValues.ToStr(v)).ToList(),
            ["split"] = a => GoValues.ToStr(Arg(a, 2, "split")[1]).Split(GoValues.ToStr(a[0])).Select((s, i) => (s, i)).ToDictionary(p => "_" + p.i.ToString(CultureInfo.InvariantCulture), p => (object?)p.s, StringComparer.Ordinal),
            ["splitList"] = a => GoValues.ToStr(Arg(a, 2, "splitList")[1]).Split(GoValues.ToStr(a[0])).Select(s => (object?)s).ToList(),
            ["join"] = a => string.Join(GoValues.ToStr(Arg(a, 2, "join")[0]), JoinItems(a[1])),
            ["sortAlpha"] = a => GoValues.ToList(Arg(a, 1, "sortAlpha")[0]).Select(GoValues.ToStr).Order(StringComparer.Ordinal).Select(s => (object?)s).ToList(),
            ["regexMatch"] = a => Rx(a, 2, "regexMatch").IsMatch(GoValues.ToStr(a[1])),
            ["regexFind"] = a => Rx(a, 2, "regexFind").Match(GoValues.ToStr(a[1])) is { Success: true } m ? m.Value : string.Empty,
            ["regexFindAll"] = a => Rx(a, 3, "regexFindAll").Matches(GoValues.ToStr(a[1])).Take(GoValues.ToInt(a[2]) < 0 ? int.MaxValue : (int)GoValues.ToInt(a[2])).Select(m => (object?)m.Value).ToList(),
            ["regexReplaceAll"] = a => Rx(a, 3, "regexReplaceAll").Replace(GoValues.ToStr(a[1]), GoReplacement(GoValues.ToStr(a[2]))),
            ["regexReplaceAllLiteral"] = a => Rx(a, 3, "regexReplaceAllLiteral").Replace(GoValues.ToStr(a[1]), GoValues.ToStr(a[2]).Replace("$", "$$", StringComparison.Ordinal)),
            ["regexSplit"] = a => Rx(a, 3, "regexSplit").Split(GoValues.ToStr(a[1])).Select(s => (object?)s).ToList(),
            ["b64enc"] = a => Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(a, "b64enc"))),
            ["b64dec"] = a => B64Dec(Str(a, "b64dec")),
            ["sha256sum"] = a => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Str(a, "sha256sum")))),
            ["sha1sum"] = a => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(Str(a, "sha1sum")))),

            // Sprig: lists
            ["list"] = a => a.ToList(),
            ["first"] = a => GoValues.ToList(Arg(a, 1, "first")[0]) is { Count: > 0 } l ? l[0] : null,
            ["last"] = a => GoValues.ToList(Arg(a, 1, "last")[0]) is { Count: > 0 } l ? l[^1] : null,
            ["rest"] = a => GoValues.ToList(Arg(a, 1, "rest")[0]).Skip(1).ToList(),
            ["initial"] = a => GoValues.ToList(Arg(a, 1, "initial")[0]) is var l && l.Count > 0 ? l.Take(l.Count - 1).ToList() : [],
            ["append"] = a => GoValues.ToList(Arg(a, 2, "append")[0]).Append(a[1]).ToList(),
            ["push"] = a => GoValues.ToList(Arg(a, 2, "push")[0]).Append(a[1]).ToList(),
            ["prepend"] = a => GoValues.ToList(Arg(a, 2, "prepend")[0]).Prepend(a[1]).ToList(),
            ["concat"] = a => a.SelectMany(GoValues.ToList).ToList(),
            ["uniq"] = a => GoValues.ToList(Arg(a, 1, "uniq")[0]).DistinctBy(v => GoValues.ToJsonText(v)).ToList(),
            ["has"] = a => GoValues.ToList(Arg(a, 2, "has")[1]).Any(v => DeepEquals(v, a[0])),
            ["without"] = a => a.Count == 0 ? [] : GoValues.ToList(a[0]).Where(v => !a.Skip(1).Any(x => DeepEquals(v, x))).ToList(),
            ["compact"] = a => GoValues.ToList(Arg(a, 1, "compact")[0]).Where(v => !GoValues.IsEmpty(v)).ToList(),
            ["reverse"] = a => GoValues.ToList(Arg(a, 1, "reverse")[0]).AsEnumerable().Reverse().ToList(),
            ["until"] = a => Range(0, GoValues.ToInt(Arg(a, 1, "until")[0]), 1),
            ["untilStep"] = a => Range(GoValues.ToInt(Arg(a, 3, "untilStep")[0]), GoValues.ToInt(a[1]), GoValues.ToInt(a[2])),

            // Sprig: dictionaries
            ["dict"] = a => Dict(a),
            ["get"] = a => Map(Arg(a, 2, "get")[0]).TryGetValue(GoValues.ToStr(a[1]), out var v) ? v : string.Empty,
            ["set"] = a => SetKey(Map(Arg(a, 3, "set")[0]), GoValues.ToStr(a[1]), a[2]),
            ["unset"] = a => RemoveKey(Map(Arg(a, 2, "unset")[0]), GoValues.ToStr(a[1])),
            ["hasKey"] = a => Map(Arg(a, 2, "hasKey")[0]).ContainsKey(GoValues.ToStr(a[1])),
            ["keys"] = a => a.SelectMany(d => Map(d).Keys).Order(StringComparer.Ordinal).Select(k => (object?)k).ToList(),
            ["values"] = a => Map(Arg(a, 1, "values")[0]).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList(),
            ["pluck"] = a => a.Skip(1).Select(Map).Where(m => m.ContainsKey(GoValues.ToStr(a[0]))).Select(m => m[GoValues.ToStr(a[0])]).ToList(),
            ["pick"] = a => Map(a[0]).Where(p => a.Skip(1).Select(GoValues.ToStr).Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            ["omit"] = a => Map(a[0]).Where(p => !a.Skip(1).Select(GoValues.ToStr).Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            ["merge"] = a => MergeMaps(a, overwrite: false),
            ["mergeOverwrite"] = a => MergeMaps(a, overwrite: true),
            ["deepCopy"] = a => GoValues.FromJson(GoValues.ToJson(Arg(a, 1, "deepCopy")[0])),
            ["dig"] = a => Dig(a),

            // Sprig: numbers and conversions
            ["add"] = a => a.Aggregate(0L, (s, v) => s + GoValues.ToInt(v)),
            ["add1"] = a => GoValues.ToInt(Arg(a, 1, "add1")[0]) + 1,
            ["sub"] = a => GoValues.ToInt(Arg(a, 2, "sub")[0]) - GoValues.ToInt(a[1]),
            ["mul"] = a => a.Aggregate(1L, (s, v) => s * GoValues.ToInt(v)),
            ["div"] = a => GoValues.ToInt(Arg(a, 2, "div")[1]) == 0 ? throw new GoTemplateException("integer divide by zero") : GoValues.ToInt(a[0]) / GoValues.ToInt(a[1]),
            ["mod"] = a => GoValues.ToInt(Arg(a, 2, "mod")[1]) == 0 ? throw new GoTemplateException("integer divide by zero") : GoValues.ToInt(a[0]) % GoValues.ToInt(a[1]),
            ["max"] = a => a.Count == 0 ? 0L : a.Max(GoValues.ToInt),
            ["min"] = a => a.Count == 0 ? 0L : a.Min(GoValues.ToInt),
            ["floor"] = a => Math.Floor(GoValues.ToFloat(Arg(a, 1, "floor")[0])),
            ["ceil"] = a => Math.Ceiling(GoValues.ToFloat(Arg(a, 1, "ceil")[0])),
            ["round"] = a => Math.Round(GoValues.ToFloat(Arg(a, 2, "round")[0]), (int)GoValues.ToInt(a[1]), MidpointRounding.AwayFromZero),
            ["atoi"] = a => long.TryParse(Str(a, "atoi"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : 0L,
            ["int"] = a => GoValues.ToInt(Arg(a, 1, "int")[0]),
            ["int64"] = a => GoValues.ToInt(Arg(a, 1, "int64")[0]),
            ["float64"] = a => GoValues.ToFloat(Arg(a, 1, "float64")[0]),
            ["seq"] = a => Seq(a),

            // Sprig: types and encodings
            ["kindOf"] = a => GoValues.KindOf(Arg(a, 1, "kindOf")[0]),
            ["typeOf"] = a => GoValues.TypeOf(Arg(a, 1, "typeOf")[0]),
            ["kindIs"] = a => GoValues.KindOf(Arg(a, 2, "kindIs")[1]) == GoValues.ToStr(a[0]),
            ["typeIs"] = a => GoValues.TypeOf(Arg(a, 2, "typeIs")[1]) == GoValues.ToStr(a[0]),
            ["toJson"] = a => GoValues.ToJsonText(Arg(a, 1, "toJson")[0]),
            ["toRawJson"] = a => GoValues.ToJsonText(Arg(a, 1, "toRawJson")[0]),
            ["toPrettyJson"] = a => GoValues.ToJsonText(Arg(a, 1, "toPrettyJson")[0], pretty: true),
            ["fromJson"] = a => FromJsonText(Str(a, "fromJson")),
            ["toYaml"] = a => GoYaml.Marshal(Arg(a, 1, "toYaml")[0]).TrimEnd('\n'),
            ["fromYaml"] = a => GoYaml.Unmarshal(Str(a, "fromYaml"), expectList: false),
            ["fromYamlArray"] = a => GoYaml.Unmarshal(Str(a, "fromYamlArray"), expectList: true),

            // Argo CD
            ["normalize"] = a => ArgoNames.Sanitize(Str(a, "normalize")),
            ["slugify"] = a => ArgoNames.Slugify(a),
        };
        AddSprigExtras(t);
        AddSprigCrypto(t);
        TrackVolatile(t);
        return t;
    }

    /// <summary>
    /// Sprig's repeat (strings.Repeat, no cap of its own; Argo CD and Helm run it in a process with bounded memory). The
    /// result may not be longer than a whole template's output may be, so a repeat of a repeat fails at once instead of
    /// building billions of characters.
    /// </summary>
    private static string Repeat(string s, int count)
    {
        if ((long)s.Length * count > GoTemplateExecutor.MaxOutputChars)
        {
            throw new GoTemplateException($"repeat: the result would be {(long)s.Length * count:N0} characters, more than the {GoTemplateExecutor.MaxOutputChars:N0} a template may produce");
        }

        return string.Concat(Enumerable.Repeat(s, count));
    }

    private static List<object?> Arg(List<object?> a, int count, string name) =>
        a.Count == count ? a : throw new GoTemplateException($"wrong number of args for {name}: want {count} got {a.Count}");

    private static string Str(List<object?> a, string name) => GoValues.ToStr(Arg(a, 1, name)[0]);

    private static object Length(object? v) => v switch
    {
        string s => (long)Encoding.UTF8.GetByteCount(s),
        IDictionary<string, object?> m => (long)m.Count,
        List<object?> l => (long)l.Count,
        _ => throw new GoTemplateException($"len of type {GoValues.TypeOf(v)}"),
    };

    private static object? Index(List<object?> a)
    {
        if (a.Count == 0)
        {
            throw new GoTemplateException("wrong number of args for index: want at least 1 got 0");
        }

        var item = a[0];
        foreach (var key in a.Skip(1))
        {
            switch (item)
            {
                case IDictionary<string, object?> m:
                    item = m.TryGetValue(GoValues.ToStr(key), out var v) ? v : null;
                    break;
                case List<object?> l:
                    if (!GoValues.TryToLong(key, out var i) || i < 0 || i >= l.Count)
                    {
                        throw new GoTemplateException($"index out of range: {GoValues.Print(key)}");
                    }

                    item = l[(int)i];
                    break;
                case string s:
                    if (!GoValues.TryToLong(key, out var si) || si < 0 || si >= s.Length)
                    {
                        throw new GoTemplateException($"index out of range: {GoValues.Print(key)}");
                    }

                    item = (long)s[(int)si];
                    break;
                case null:
                    throw new GoTemplateException("index of untyped nil");
                default:
                    if (ReferenceEquals(item, GoValues.Missing))
                    {
                        throw new GoTemplateException("index of untyped nil");
                    }

                    throw new GoTemplateException($"can't index item of type {GoValues.TypeOf(item)}");
            }
        }

        return item;
    }

    private static object? Slice(List<object?> a)
    {
        if (a.Count == 0)
        {
            throw new GoTemplateException("wrong number of args for slice: want at least 1 got 0");
        }

        var idx = a.Skip(1).Select(GoValues.ToInt).ToList();
        switch (a[0])
        {
            case string s:
                var from = idx.Count > 0 ? (int)idx[0] : 0;
                var to = idx.Count > 1 ? (int)idx[1] : s.Length;
                return from < 0 || to > s.Length || from > to ? throw new GoTemplateException("slice index out of range") : s[from..to];
            case List<object?> l:
                var lf = idx.Count > 0 ? (int)idx[0] : 0;
                var lt = idx.Count > 1 ? (int)idx[1] : l.Count;
                return lf < 0 || lt > l.Count || lf > lt ? throw new GoTemplateException("slice index out of range") : l.GetRange(lf, lt - lf);
            default:
                throw new GoTemplateException($"can't slice item of type {GoValues.TypeOf(a[0])}");
        }
    }

    /// <summary>fmt.Sprint: a space between operands when neither is a string.</summary>
    private static string Sprint(List<object?> a)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < a.Count; i++)
        {
            if (i > 0 && a[i] is not string && a[i - 1] is not string)
            {
                sb.Append(' ');
            }

            sb.Append(GoValues.Print(a[i]));
        }

        return sb.ToString();
    }

    private enum Kind
    {
        Invalid,
        Bool,
        Int,
        Float,
        String,
        Other,
    }

    private static Kind KindOf(object? v) => v switch
    {
        null => Kind.Invalid,
        bool => Kind.Bool,
        long or int => Kind.Int,
        double => Kind.Float,
        string => Kind.String,
        _ => ReferenceEquals(v, GoValues.Missing) ? Kind.Invalid : Kind.Other,
    };

    /// <summary>Go's eq: arg1 equals any of the others; differing basic kinds of valid values are an error.</summary>
    private static bool Eq(List<object?> a)
    {
        if (a.Count < 2)
        {
            throw new GoTemplateException("missing argument for comparison");
        }

        var k1 = KindOf(a[0]);
        foreach (var other in a.Skip(1))
        {
            var k2 = KindOf(other);
            if (k1 != k2)
            {
                if (k1 != Kind.Invalid && k2 != Kind.Invalid)
                {
                    throw new GoTemplateException("incompatible types for comparison");
                }

                continue;
            }

            var equal = k1 switch
            {
                Kind.Invalid => true,
                Kind.Bool => (bool)a[0]! == (bool)other!,
                Kind.Int => GoValues.ToInt(a[0]) == GoValues.ToInt(other),
                Kind.Float => GoValues.ToFloat(a[0]) == GoValues.ToFloat(other),
                Kind.String => (string)a[0]! == (string)other!,
                _ => throw new GoTemplateException($"non-comparable type {GoValues.TypeOf(a[0])}"),
            };
            if (equal)
            {
                return true;
            }
        }

        return false;
    }

    private static int Compare(List<object?> a)
    {
        var (k1, k2) = (KindOf(a[0]), KindOf(a[1]));
        if (k1 != k2)
        {
            throw new GoTemplateException(k1 == Kind.Invalid || k2 == Kind.Invalid ? "invalid type for comparison" : "incompatible types for comparison");
        }

        return k1 switch
        {
            Kind.Int => GoValues.ToInt(a[0]).CompareTo(GoValues.ToInt(a[1])),
            Kind.Float => GoValues.ToFloat(a[0]).CompareTo(GoValues.ToFloat(a[1])),
            Kind.String => string.CompareOrdinal((string)a[0]!, (string)a[1]!),
            _ => throw new GoTemplateException("invalid type for comparison"),
        };
    }

    private static string Title(string s) => Regex.Replace(s, @"(^|[\s\-_.])(\p{L})", m => m.Groups[1].Value + m.Groups[2].Value.ToUpperInvariant());

    private static string Trunc(long n, string s) =>
        n < 0 ? (-n >= s.Length ? s : s[(s.Length + (int)n)..]) : (n >= s.Length ? s : s[..(int)n]);

    private static string Substr(long start, long end, string s)
    {
        if (start < 0)
        {
            return s[..(int)Math.Clamp(end, 0, s.Length)];
        }

        if (end < 0 || end > s.Length)
        {
            return start > s.Length ? string.Empty : s[(int)start..];
        }

        return start > end ? string.Empty : s[(int)start..(int)end];
    }

    private static string Indent(int n, string s)
    {
        var pad = new string(' ', Math.Max(n, 0));
        return pad + s.Replace("\n", "\n" + pad, StringComparison.Ordinal);
    }

    private static string CaseWords(string s, string sep)
    {
        var words = CaseSplit().Matches(s).Select(m => m.Value.ToLowerInvariant());
        return string.Join(sep, words);
    }

    private static IEnumerable<string> JoinItems(object? v) => v switch
    {
        null => [],
        string s => [s],
        List<object?> l => l.Where(x => x is not null).Select(GoValues.ToStr),
        _ => [GoValues.ToStr(v)],
    };

    private static Regex Rx(List<object?> a, int count, string name)
    {
        Arg(a, count, name);
        try
        {
            return new Regex(GoValues.ToStr(a[0]), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new GoTemplateException($"error parsing regexp: {ex.Message}");
        }
    }

    /// <summary>Go's regexp replacement syntax ($1, ${name}) maps onto .NET's except for "$$".</summary>
    private static string GoReplacement(string s) => s;

    private static string B64Dec(string s)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private static bool DeepEquals(object? a, object? b) => GoValues.ToJsonText(a) == GoValues.ToJsonText(b);

    private static List<object?> Range(long start, long stop, long step)
    {
        if (step == 0 || (stop - start) / step > MaxListLength)
        {
            throw new GoTemplateException($"a list of more than {MaxListLength:N0} items");
        }

        var list = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            list.Add(i);
        }

        return list;
    }

    private static List<object?> Seq(List<object?> a)
    {
        var n = a.Select(GoValues.ToInt).ToList();
        return n.Count switch
        {
            1 => Range(1, n[0] + 1, 1),
            2 => Range(n[0], n[1] + (n[1] >= n[0] ? 1 : -1), n[1] >= n[0] ? 1 : -1),
            3 => Range(n[0], n[2] + (n[1] > 0 ? 1 : -1), n[1]),
            _ => [],
        };
    }

    private static Dictionary<string, object?> Dict(List<object?> a)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < a.Count; i += 2)
        {
            d[GoValues.ToStr(a[i])] = i + 1 < a.Count ? a[i + 1] : string.Empty;
        }

        return d;
    }

    private static IDictionary<string, object?> Map(object? v) => v switch
    {
        IDictionary<string, object?> m => m,
        null => new Dictionary<string, object?>(),
        _ when ReferenceEquals(v, GoValues.Missing) => new Dictionary<string, object?>(),
        _ => throw new GoTemplateException($"expected a map, got {GoValues.TypeOf(v)}"),
    };

    private static object SetKey(IDictionary<string, object?> m, string k, object? v)
    {
        m[k] = v;
        return m;
    }

    private static object RemoveKey(IDictionary<string, object?> m, string k)
    {
        m.Remove(k);
        return m;
    }

    private static object? MergeMaps(List<object?> a, bool overwrite)
    {
        if (a.Count == 0)
        {
            return new Dictionary<string, object?>();
        }

        var dst = Map(a[0]);
        foreach (var src in a.Skip(1).Select(Map))
        {
            MergeInto(dst, src, overwrite);
        }

        return dst;
    }

    private static void MergeInto(IDictionary<string, object?> dst, IDictionary<string, object?> src, bool overwrite)
    {
        foreach (var (k, v) in src)
        {
            if (dst.TryGetValue(k, out var existing) && existing is IDictionary<string, object?> dm && v is IDictionary<string, object?> sm)
            {
                MergeInto(dm, sm, overwrite);
            }
            else if (!dst.ContainsKey(k) || overwrite || GoValues.IsEmpty(existing))
            {
                dst[k] = v;
            }
        }
    }

    private static object? Dig(List<object?> a)
    {
        if (a.Count < 3)
        {
            throw new GoTemplateException("wrong number of args for dig: want at least 3");
        }

        var current = a[^1];
        foreach (var key in a.Take(a.Count - 2).Select(GoValues.ToStr))
        {
            if (current is IDictionary<string, object?> m && m.TryGetValue(key, out var next))
            {
                current = next;
            }
            else
            {
                return a[^2];
            }
        }

        return current;
    }

    private static object? FromJsonText(string s)
    {
        try
        {
            return GoValues.FromJson(System.Text.Json.Nodes.JsonNode.Parse(s));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new GoTemplateException(ex.Message);
        }
    }

    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex CaseSplit();
}
