using System.Globalization;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// Semantic versions and constraints as Sprig's <c>semver</c>/<c>semverCompare</c> use them (Masterminds/semver v3):
/// a leading <c>v</c>, missing minor/patch as 0, <c>||</c> alternatives of comma- or space-joined conditions, operators
/// = != &gt; &lt; &gt;= &lt;= ~ ^, x/X/* wildcards and hyphen ranges; a pre-release version only satisfies a condition
/// that names a pre-release itself (so charts write <c>&gt;=1.19-0</c>).
/// </summary>
internal static partial class GoSemver
{
    internal sealed record Version(long Major, long Minor, long Patch, string Pre, string Original, int Specified) : IComparable<Version>
    {
        public int CompareTo(Version? other)
        {
            if (other is null)
            {
                return 1;
            }

            var c = Major.CompareTo(other.Major);
            c = c != 0 ? c : Minor.CompareTo(other.Minor);
            c = c != 0 ? c : Patch.CompareTo(other.Patch);
            return c != 0 ? c : ComparePre(Pre, other.Pre);
        }

        private static int ComparePre(string a, string b)
        {
            if (a == b)
            {
                return 0;
            }

            if (a.Length == 0)
            {
                return 1;
            }

            if (b.Length == 0)
            {
                return -1;
            }

            var pa = a.Split('.');
            var pb = b.Split('.');
            for (var i = 0; i < Math.Min(pa.Length, pb.Length); i++)
            {
                var na = long.TryParse(pa[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ia);
                var nb = long.TryParse(pb[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ib);
                var c = (na, nb) switch
                {
                    (true, true) => ia.CompareTo(ib),
                    (true, false) => -1,
                    (false, true) => 1,
                    _ => string.CompareOrdinal(pa[i], pb[i]),
                };
                if (c != 0)
                {
                    return c;
                }
            }

            return pa.Length.CompareTo(pb.Length);
        }
    }

    public static Version Parse(string text)
    {
        var m = VersionPattern().Match(text.Trim());
        if (!m.Success)
        {
            throw new GoTemplateException("Invalid Semantic Version");
        }

        long Part(int g) => m.Groups[g].Success ? long.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        var specified = m.Groups[3].Success ? 3 : m.Groups[2].Success ? 2 : 1;
        return new Version(Part(1), Part(2), Part(3), m.Groups[4].Success ? m.Groups[4].Value : string.Empty, text, specified);
    }

    /// <summary>semverCompare: does <paramref name="version"/> satisfy <paramref name="constraint"/>?</summary>
    public static bool Satisfies(string constraint, string version)
    {
        var v = Parse(version);
        foreach (var alternative in constraint.Split("||"))
        {
            var conditions = SplitConditions(alternative);
            if (conditions.Count == 0)
            {
                throw new GoTemplateException($"improper constraint: {constraint}");
            }

            if (conditions.All(c => Check(c, v)))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> SplitConditions(string text)
    {
        // A hyphen range "1.2 - 1.4" becomes ">=1.2,<=1.4".
        text = HyphenRange().Replace(text, m => $">={m.Groups[1].Value},<={m.Groups[2].Value}");
        var result = new List<string>();
        foreach (var token in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            // "> 1.2" written with a space: glue a bare operator onto the next token.
            if (result.Count > 0 && OperatorOnly().IsMatch(result[^1]))
            {
                result[^1] += token;
            }
            else
            {
                result.Add(token);
            }
        }

        return result;
    }

    private static bool Check(string condition, Version v)
    {
        var m = ConditionPattern().Match(condition);
        if (!m.Success)
        {
            throw new GoTemplateException($"improper constraint: {condition}");
        }

        var op = m.Groups[1].Value;
        var raw = m.Groups[2].Value;
        var parts = raw.TrimStart('v', 'V').Split('-', 2)[0].Split('+')[0].Split('.');
        var wildcardAt = Array.FindIndex(parts, p => p is "x" or "X" or "*");
        var concrete = Parse(string.Join('.', parts.Select(p => p is "x" or "X" or "*" ? "0" : p)) + (raw.Contains('-', StringComparison.Ordinal) ? "-" + raw.Split('-', 2)[1] : string.Empty));
        var specified = wildcardAt >= 0 ? wildcardAt : concrete.Specified;
        if (v.Pre.Length > 0 && concrete.Pre.Length == 0)
        {
            return false;
        }

        var upper = specified switch
        {
            0 => null,
            1 => concrete with { Major = concrete.Major + 1, Minor = 0, Patch = 0, Pre = string.Empty },
            2 => concrete with { Minor = concrete.Minor + 1, Patch = 0, Pre = string.Empty },
            _ => null,
        };
        var cmp = v.CompareTo(concrete);
        bool InRange() => upper is null ? (specified == 0 || cmp == 0) : cmp >= 0 && v.CompareTo(upper) < 0;
        return op switch
        {
            "" or "=" => InRange(),
            "!=" => !InRange(),
            ">" => upper is null ? specified != 0 && cmp > 0 : v.CompareTo(upper) >= 0,
            "<" => cmp < 0,
            ">=" or "=>" => cmp >= 0,
            "<=" or "=<" => upper is null ? specified == 0 || cmp <= 0 : v.CompareTo(upper) < 0,
            "~" or "~>" => cmp >= 0 && v.CompareTo(concrete.Specified == 1 && wildcardAt < 0
                ? concrete with { Major = concrete.Major + 1, Minor = 0, Patch = 0, Pre = string.Empty }
                : concrete with { Minor = concrete.Minor + 1, Patch = 0, Pre = string.Empty }) < 0,
            "^" => cmp >= 0 && v.CompareTo(concrete.Major > 0 || specified == 1
                ? concrete with { Major = concrete.Major + 1, Minor = 0, Patch = 0, Pre = string.Empty }
                : concrete.Minor > 0 || specified == 2
                    ? concrete with { Minor = concrete.Minor + 1, Patch = 0, Pre = string.Empty }
                    : concrete with { Patch = concrete.Patch + 1, Pre = string.Empty }) < 0,
            _ => throw new GoTemplateException($"improper constraint: {condition}"),
        };
    }

    [GeneratedRegex(@"^[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z\-\.]+))?(?:\+[0-9A-Za-z\-\.]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*([vV]?[0-9xX*][0-9A-Za-z\-\.+*]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionPattern();

    [GeneratedRegex(@"^(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)$", RegexOptions.CultureInvariant)]
    private static partial Regex OperatorOnly();

    [GeneratedRegex(@"([vV]?[0-9xX*][0-9A-Za-z\-\.+*]*)\s+-\s+([vV]?[0-9xX*][0-9A-Za-z\-\.+*]*)", RegexOptions.CultureInvariant)]
    private static partial Regex HyphenRange();
}
