using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// <c>--show-only</c> as <c>helm template</c> applies it [pkg/cmd/template.go]: Go's <c>filepath.Match</c> (<c>*</c> and
/// <c>?</c> stop at <c>/</c>) against the template path without the top chart's name; and releaseutil.SplitManifests.
/// </summary>
internal static partial class HelmShowOnly
{
    public static bool Matches(string pattern, string source)
    {
        var slash = source.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 && PathMatch(pattern, source[(slash + 1)..]);
    }

    public static bool DocumentMatches(string pattern, string document)
    {
        var m = SourceLine().Match(document);
        return m.Success && PathMatch(pattern, m.Groups[1].Value);
    }

    /// <summary>releaseutil.SplitManifests: split on lines starting with <c>---</c>, blank documents dropped, leading space trimmed.</summary>
    public static List<string> SplitManifests(string content) =>
        Separator().Split(content.TrimStart()).Where(d => d.Trim().Length > 0).Select(d => d.TrimStart()).ToList();

    private static bool PathMatch(string pattern, string path)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        return false; // filepath.ErrBadPattern: no match.
                    }

                    var body = pattern[(i + 1)..close];
                    sb.Append('[').Append(body.StartsWith('^') ? "^" + Regex.Escape(body[1..]).Replace("\\-", "-", StringComparison.Ordinal) : Regex.Escape(body).Replace("\\-", "-", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return Regex.IsMatch(path, sb.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex("# Source: [^/]+/(.+)", RegexOptions.CultureInvariant)]
    private static partial Regex SourceLine();

    [GeneratedRegex("(?m)^---[ \t]*", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();
}
