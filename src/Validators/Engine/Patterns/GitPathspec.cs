using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Patterns;

/// <summary>
/// The pathspec matching of <c>git ls-files -- PATTERN</c>, which the git files generator uses by default: a
/// pattern without wildcards matches that file or everything under that directory; with wildcards it is an
/// fnmatch where <c>*</c> also crosses <c>/</c> [§7.1 "greedy" globbing]. Not the rule of <see cref="GoPathMatch"/>
/// (the git directories generator), whose <c>*</c> stops at <c>/</c> and whose plain pattern matches only itself:
/// Argo CD lists files with git and directories with Go's <c>path.Match</c>, so both rules are kept.
/// </summary>
public static class GitPathspec
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>True when repo-relative <paramref name="path"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string path)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(path);
        var p = pattern.StartsWith("./", StringComparison.Ordinal) ? pattern[2..] : pattern;
        if (p.IndexOfAny(['*', '?', '[']) < 0)
        {
            var dir = p.TrimEnd('/');
            return dir.Length == 0 || path == dir || path.StartsWith(dir + "/", StringComparison.Ordinal);
        }

        return Cache.GetOrAdd(p, Compile).IsMatch(path);
    }

    private static Regex Compile(string p)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < p.Length;)
        {
            switch (p[i])
            {
                case '*':
                    sb.Append(".*");
                    i++;
                    break;
                case '?':
                    sb.Append('.');
                    i++;
                    break;
                case '\\' when i + 1 < p.Length:
                    sb.Append(Regex.Escape(p[i + 1].ToString()));
                    i += 2;
                    break;
                case '[':
                    try
                    {
                        // git accepts both [!…] and [^…] for negation; the rewrite keeps every index in place.
                        sb.Append(GlobPattern.CharClass(p.Replace("[^", "[!", StringComparison.Ordinal), ref i, negation: '!'));
                    }
                    catch (FormatException)
                    {
                        sb.Append("\\[");
                        i++;
                    }

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
