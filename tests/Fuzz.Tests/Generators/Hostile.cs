using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace PlatformValidation.Fuzz.Tests.Generators;

/// <summary>
/// Generators of hostile text shared by the targets: odd Unicode, huge and extreme scalars, wrong types, deep nesting,
/// YAML anchor/alias bombs, random JSON/YAML trees over a target's own field names, and mutations of corpus seeds.
/// </summary>
public static class Hostile
{
    /// <summary>Characters and short strings that break naive text handling.</summary>
    public static readonly string[] OddPieces =
    [
        "\u0000", "\uFEFF", "\u202E", "\u200D", "\u200B", "\uD800", "\uDFFF", "\uD83D\uDE00", "e\u0301\u0301\u0301", "\u0085", "\u2028", "\u2029",
        "\uFFFF", "\uFFFE", "İ", "ß", "ǅ", "\t", "\r", "\r\n", "\u001B[31m", "%s%n%x", "{{", "}}", "${x}", "\\", "\"", "'", "#", "&a", "*a",
        "!!binary", "!!python/object", "<<", "---", "...", "? ", ": ", "- ", "|", ">", "@", "`", "%YAML 1.1", "\\u0000", "\\ud800", "𝔘𝔫𝔦",
    ];

    /// <summary>Scalars at and beyond the edges of every numeric type, and YAML 1.1 surprises.</summary>
    public static readonly string[] ExtremeScalars =
    [
        "0", "-0", "1e309", "-1e309", "NaN", ".nan", ".inf", "-.inf", "9999999999999999999999999999", "-9223372036854775809", "18446744073709551616",
        "4.9e-325", "0x1F", "0o17", "0b101", "1_000", "+1", "1.", ".5", "1e", "--1", "true", "True", "yes", "no", "on", "off", "y", "n", "~", "null",
        "Null", "NULL", "2001-12-14t21:59:43.10-05:00", "\"\"", "''", "[]", "{}", "[[]]", "{\"\":{}}", "0.0000000000000000000000000001",
    ];

    /// <summary>One odd piece.</summary>
    public static Gen<string> OddPiece => Gen.Elements(OddPieces);

    /// <summary>Text mixing letters with odd pieces.</summary>
    public static Gen<string> OddText =>
        Gen.ListOf(Gen.Frequency((3, Gen.Elements("a", "b", "z", " ", "key", "name", "0", "-")), (2, OddPiece)))
            .Select(parts => string.Concat(parts));

    /// <summary>A scalar that is very long (up to 512 KiB): repeated characters, digits or odd pieces.</summary>
    public static Gen<string> HugeScalar =>
        from length in Gen.Elements(1_000, 65_536, 524_288)
        from kind in Gen.Choose(0, 3)
        select kind switch
        {
            0 => new string('a', length),
            1 => new string('9', length),
            2 => string.Concat(Enumerable.Repeat("\uD83D\uDE00", length / 2)),
            _ => string.Concat(Enumerable.Repeat("\\u0000", length / 6)),
        };

    /// <summary>An extreme or surprising scalar.</summary>
    public static Gen<string> ExtremeScalar => Gen.Elements(ExtremeScalars);

    /// <summary>A JSON string literal of <paramref name="text"/> (lone surrogates escaped so the literal stays valid).</summary>
    public static string JsonString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// A random JSON value whose object keys come from <paramref name="keys"/> (so it reaches the target's fields) and
    /// whose leaves are of every type: the wrong type for a field is the common case.
    /// </summary>
    public static Gen<string> JsonValue(IReadOnlyList<string> keys) => Gen.Sized(size => JsonValue(keys, Math.Min(size, 60)));

    private static Gen<string> JsonValue(IReadOnlyList<string> keys, int size)
    {
        var leaf = Gen.Frequency(
            (4, Gen.Elements(keys.ToArray()).Select(JsonString)),
            (3, OddText.Select(JsonString)),
            (3, Gen.Elements("0", "1", "-1", "2.5", "1e309", "-9223372036854775809", "9223372036854775807", "1e-400", "123456789012345678901234567890")),
            (2, Gen.Elements("true", "false", "null")),
            (1, Gen.Elements(300, 5_000).Select(n => JsonString(new string('x', n)))));
        if (size <= 1)
        {
            return leaf;
        }

        var child = Gen.Sized(_ => JsonValue(keys, size / 3));
        var array = Gen.ListOf(child).Select(items => "[" + string.Join(",", items.Take(8)) + "]");
        var obj = Gen.ListOf(from key in Gen.Frequency((5, Gen.Elements(keys.ToArray())), (1, OddText)) from value in child select JsonString(key) + ":" + value)
            .Select(members => "{" + string.Join(",", members.Take(10)) + "}");
        return Gen.Frequency((3, leaf), (2, array), (4, obj));
    }

    /// <summary>The same JSON, re-indented as YAML flow style (valid YAML) half the time, else kept as JSON.</summary>
    public static Gen<string> AsJsonOrYaml(Gen<string> json) =>
        from text in json
        from yaml in Gen.Elements(false, true)
        select yaml ? "# yaml\n" + text : text;

    /// <summary>Nesting <paramref name="depth"/> levels deep in one of several syntaxes.</summary>
    public static string Deep(DeepShape shape, int depth) => shape switch
    {
        DeepShape.JsonArrays => new string('[', depth) + new string(']', depth),
        DeepShape.JsonObjects => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
        DeepShape.YamlFlow => "a: " + new string('[', depth) + new string(']', depth) + "\n",
        DeepShape.YamlBlock => DeepBlock(depth),
        DeepShape.YamlBlockSequence => string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i) + "-\n")) + new string(' ', depth) + "x\n",
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static string DeepBlock(int depth)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            sb.Append(' ', i).Append("a:\n");
        }

        return sb.Append(' ', depth).Append("b: 1\n").ToString();
    }

    /// <summary>
    /// Every deep shape at <paramref name="depths"/> (block styles at most 3,000 deep: their indentation grows with the
    /// square of the depth, 4.5 M characters at 3,000).
    /// </summary>
    public static IEnumerable<(string Name, string Text)> DeepInputs(params int[] depths) =>
        (from depth in depths
         from shape in Enum.GetValues<DeepShape>()
         let d = shape is DeepShape.YamlBlock or DeepShape.YamlBlockSequence ? Math.Min(depth, 3_000) : depth
         select ($"{shape} ×{d:N0}", Deep(shape, d))).DistinctBy(i => i.Item1);

    /// <summary>A YAML "billion laughs": <paramref name="levels"/> anchors, each a list of <paramref name="fanout"/> aliases of the previous one.</summary>
    public static string BillionLaughs(int levels, int fanout, string prefix = "")
    {
        var sb = new StringBuilder(prefix);
        sb.Append("l0: &l0 [\"lol\"]\n");
        for (var i = 1; i <= levels; i++)
        {
            sb.Append('l').Append(i).Append(": &l").Append(i).Append(" [");
            sb.AppendJoin(", ", Enumerable.Repeat($"*l{i - 1}", fanout));
            sb.Append("]\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// Alias bombs and alias oddities (self-reference, undefined alias, merge of an alias list). The generated bombs stay
    /// small (at most 6 levels × 5 aliases, 15,625 nodes): one that reaches the loader's 2,000,000-node cap costs
    /// seconds, so those are in each target's fixed list of heavy inputs instead, measured once per run.
    /// </summary>
    public static Gen<string> AliasAbuse =>
        Gen.OneOf(
            from levels in Gen.Choose(2, 6) from fanout in Gen.Choose(2, 5) select BillionLaughs(levels, fanout),
            Gen.Elements(
                "a: &a [*a]\n",
                "a: *undefined\n",
                "a: &a {x: 1}\nb: {<<: [*a, *a, *a], y: 2}\n",
                "a: &a\n  b: &b\n    c: *a\n",
                "&a a: *a\n",
                "? &k [1]\n: *k\n",
                "a: &a 1\na: &a 2\nb: *a\n"));

    /// <summary>Small, structure-breaking edits of a valid seed (the classic mutation fuzzer).</summary>
    public static Gen<string> Mutate(IReadOnlyList<string> seeds) =>
        from seed in Gen.Elements(seeds.ToArray())
        from edits in Gen.ListOf(Gen.Choose(0, int.MaxValue)).Select(l => l.Take(4).ToList())
        from pieces in Gen.ListOf(Gen.Frequency((3, OddPiece), (3, ExtremeScalar), (1, Gen.Constant("\n  "))))
        select ApplyEdits(seed, edits, pieces);

    private static string ApplyEdits(string seed, List<int> edits, IReadOnlyList<string> pieces)
    {
        var text = seed;
        var p = 0;
        foreach (var edit in edits)
        {
            if (text.Length == 0)
            {
                break;
            }

            var at = edit % text.Length;
            var piece = pieces.Count > 0 ? pieces[p++ % pieces.Count] : "\u0000";
            text = (edit / 7 % 6) switch
            {
                0 => text.Remove(at, Math.Min(1 + edit % 9, text.Length - at)),
                1 => text.Insert(at, piece),
                2 => text[..at] + piece + text[Math.Min(text.Length, at + piece.Length)..],
                3 => text[..at],
                4 => text.Insert(at, text.Substring(at, Math.Min(text.Length - at, 1 + edit % 40))),
                _ => text.Replace(": ", ": " + piece, StringComparison.Ordinal),
            };
        }

        return text;
    }
}

/// <summary>The syntaxes deep nesting is tried in.</summary>
public enum DeepShape
{
    JsonArrays,
    JsonObjects,
    YamlFlow,
    YamlBlock,
    YamlBlockSequence,
}
