using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Patterns;

/// <summary>
/// Go's <c>path.Match</c>: <c>*</c> matches any run of non-<c>/</c> characters, <c>?</c> one non-<c>/</c>
/// character, <c>[...]</c> classes (<c>^</c> negates), <c>\</c> escapes. Used by the git directories generator [§7.1]
/// and AppProject kinds. The git files generator matches with <see cref="GitPathspec"/> instead (a different rule:
/// <c>*</c> crosses <c>/</c>, a plain path also matches what is under it).
/// </summary>
public static class GoPathMatch
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="name"/> matches <paramref name="pattern"/>; throws <see cref="FormatException"/> for a malformed pattern (Go's ErrBadPattern).</summary>
    public static bool IsMatch(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        return Cache.GetOrAdd(pattern, Compile).IsMatch(name);
    }

    private static Regex Compile(string p)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < p.Length;)
        {
            switch (p[i])
            {
                case '*':
                    sb.Append("[^/]*");
                    i++;
                    break;
                case '?':
                    sb.Append("[^/]");
                    i++;
                    break;
                case '\\':
                    if (i + 1 >= p.Length)
                    {
                        throw new FormatException($"syntax error in pattern \"{p}\"");
                    }

                    sb.Append(Regex.Escape(p[i + 1].ToString()));
                    i += 2;
                    break;
                case '[':
                    var cls = GlobPattern.CharClass(p, ref i, negation: '^');
                    // A negated class never matches '/' in path.Match.
                    sb.Append(cls.StartsWith("[^", StringComparison.Ordinal) ? "[^/" + cls[2..] : cls);
                    break;
                default:
                    sb.Append(Regex.Escape(p[i].ToString()));
                    i++;
                    break;
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
