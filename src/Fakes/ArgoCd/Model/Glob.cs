using System.Text.RegularExpressions;

namespace PlatformValidation.Fakes.ArgoCd.Model;

/// <summary>
/// Glob matching as Argo CD uses it: <c>*</c> any run of characters (gobwas/glob without separators),
/// <c>?</c> one character, <c>{a,b}</c> alternation. <see cref="MatchPath"/> keeps <c>/</c> as a separator.
/// </summary>
public static class Glob
{
    private static readonly Dictionary<(string, bool), Regex> Cache = [];
    private static readonly Lock CacheGate = new();

    public static bool Match(string pattern, string text) => Compile(pattern, separator: false).IsMatch(text);

    /// <summary><c>*</c> matches within one path segment, <c>**</c> across segments (AppProject sourceRepos).</summary>
    public static bool MatchPath(string pattern, string text) => Compile(pattern, separator: true).IsMatch(text);

    private static Regex Compile(string pattern, bool separator)
    {
        lock (CacheGate)
        {
            if (Cache.TryGetValue((pattern, separator), out var cached))
            {
                return cached;
            }
        }

        var sb = new System.Text.StringBuilder("^");
        var inAlt = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    if (separator && i + 1 < pattern.Length && pattern[i + 1] == '*')
                    {
                        sb.Append(".*");
                        i++;
                    }
                    else
                    {
                        sb.Append(separator ? "[^/]*" : ".*");
                    }

                    break;
                case '?':
                    sb.Append(separator ? "[^/]" : ".");
                    break;
                case '{':
                    inAlt = true;
                    sb.Append("(?:");
                    break;
                case '}' when inAlt:
                    inAlt = false;
                    sb.Append(')');
                    break;
                case ',' when inAlt:
                    sb.Append('|');
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        sb.Append('$');
        var regex = new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        lock (CacheGate)
        {
            Cache[(pattern, separator)] = regex;
        }

        return regex;
    }
}
