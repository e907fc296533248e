using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Patterns;

/// <summary>
/// The one glob matcher: gobwas/glob patterns as Argo CD's <c>util/glob</c> compiles them. Without separators
/// <c>*</c> and <c>**</c> match any run of characters, <c>?</c> one character; with separators (AppProject
/// <c>sourceRepos</c> use <c>/</c>) <c>*</c> and <c>?</c> stop at a separator and only <c>**</c> crosses it.
/// <c>[abc]</c>/<c>[!a-z]</c> classes, <c>{a,b}</c> alternation, <c>\</c> escapes [ARGOCD-SEMANTICS §1.2].
/// Used for directory include/exclude, AppProjects, ignoreDifferences, health-check wildcards, stand-in images.
/// </summary>
public sealed class GlobPattern
{
    /// <summary>Compiled patterns kept by <see cref="Match"/> (bounded, as util/glob's LRU cache is).</summary>
    private const int CacheLimit = 10_000;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, bool), GlobPattern?> Cache = new();

    private readonly Regex regex;

    private GlobPattern(string pattern, Regex regex)
    {
        Pattern = pattern;
        this.regex = regex;
    }

    public string Pattern { get; }

    /// <summary>
    /// Compiles <paramref name="pattern"/> with the given separator characters (none by default);
    /// <paramref name="ignoreCase"/> for matching that ignores case (image references). Throws
    /// <see cref="FormatException"/> when the pattern is malformed.
    /// </summary>
    public static GlobPattern Compile(string pattern, string separators = "", bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(separators);
        var sb = new StringBuilder("^");
        var i = 0;
        Translate(pattern, ref i, sb, inAlternation: false, separators);
        if (i < pattern.Length)
        {
            throw new FormatException($"unexpected '{pattern[i]}' at position {i} in glob pattern \"{pattern}\"");
        }

        sb.Append('$');
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new GlobPattern(pattern, new Regex(sb.ToString(), options, TimeSpan.FromSeconds(1)));
    }

    /// <summary>
    /// util/glob <c>Match</c>: true when the whole of <paramref name="text"/> matches <paramref name="pattern"/>; a
    /// malformed pattern matches nothing (Argo CD logs it and returns false). Compiled patterns are cached.
    /// </summary>
    public static bool Match(string pattern, string text, string separators = "", bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        if (Cache.Count > CacheLimit)
        {
            Cache.Clear();
        }

        var compiled = Cache.GetOrAdd((pattern, separators, ignoreCase), static key =>
        {
            try
            {
                return Compile(key.Item1, key.Item2, key.Item3);
            }
            catch (FormatException)
            {
                return null;
            }
        });
        return compiled is not null && compiled.IsMatch(text);
    }

    /// <summary>True when the whole of <paramref name="text"/> matches.</summary>
    public bool IsMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return regex.IsMatch(text);
    }

    public override string ToString() => Pattern;

    private static void Translate(string p, ref int i, StringBuilder sb, bool inAlternation, string separators)
    {
        while (i < p.Length)
        {
            var c = p[i];
            if (inAlternation && (c == ',' || c == '}'))
            {
                return;
            }

            switch (c)
            {
                case '*':
                    var stars = 0;
                    while (i < p.Length && p[i] == '*')
                    {
                        i++;
                        stars++;
                    }

                    // gobwas: '**' is "super" (crosses separators); a single '*' stops at one.
                    sb.Append(stars > 1 || separators.Length == 0 ? ".*" : NotSeparator(separators) + "*");
                    continue;
                case '?':
                    sb.Append(separators.Length == 0 ? "." : NotSeparator(separators));
                    break;
                case '\\':
                    if (++i >= p.Length)
                    {
                        throw new FormatException($"dangling escape at the end of glob pattern \"{p}\"");
                    }

                    sb.Append(Regex.Escape(p[i].ToString()));
                    break;
                case '[':
                    sb.Append(CharClass(p, ref i, negation: '!'));
                    continue;
                case '{':
                    i++;
                    sb.Append("(?:");
                    while (true)
                    {
                        Translate(p, ref i, sb, inAlternation: true, separators);
                        if (i >= p.Length)
                        {
                            throw new FormatException($"unclosed '{{' in glob pattern \"{p}\"");
                        }

                        if (p[i] == '}')
                        {
                            i++;
                            break;
                        }

                        sb.Append('|');
                        i++;
                    }

                    sb.Append(')');
                    continue;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }

            i++;
        }
    }

    private static string NotSeparator(string separators) => "[^" + string.Concat(separators.Select(c => Regex.Escape(c.ToString()).Replace("]", "\\]", StringComparison.Ordinal))) + "]";

    /// <summary>Translates a <c>[...]</c> class starting at <paramref name="i"/>; <paramref name="negation"/> is the negating character.</summary>
    internal static string CharClass(string p, ref int i, char negation)
    {
        var start = i;
        i++;
        var sb = new StringBuilder("[");
        if (i < p.Length && p[i] == negation)
        {
            sb.Append('^');
            i++;
        }

        var first = true;
        while (i < p.Length && (p[i] != ']' || first))
        {
            var c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                i++;
                c = p[i];
            }

            sb.Append(c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c : c.ToString());
            if (i + 2 < p.Length && p[i + 1] == '-' && p[i + 2] != ']')
            {
                var hi = p[i + 2];
                if (hi < c)
                {
                    throw new FormatException($"invalid range {c}-{hi} in pattern \"{p}\"");
                }

                sb.Append('-').Append(hi is '\\' or ']' or '[' or '^' or '-' ? "\\" + hi : hi.ToString());
                i += 2;
            }

            first = false;
            i++;
        }

        if (i >= p.Length)
        {
            throw new FormatException($"unclosed '[' at position {start} in pattern \"{p}\"");
        }

        i++;
        return sb.Append(']').ToString();
    }
}
