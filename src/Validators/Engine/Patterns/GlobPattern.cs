using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Patterns;

/// <summary>
/// gobwas/glob patterns as Argo CD's <c>util/glob</c> compiles them without separators: <c>*</c> and <c>**</c>
/// match any run of characters including <c>/</c>, <c>?</c> one character, <c>[abc]</c>/<c>[!a-z]</c> classes,
/// <c>{a,b}</c> alternation, <c>\</c> escapes [ARGOCD-SEMANTICS §1.2]. Used for directory include/exclude.
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex regex;

    private GlobPattern(string pattern, Regex regex)
    {
        Pattern = pattern;
        this.regex = regex;
    }

    public string Pattern { get; }

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static GlobPattern Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var sb = new StringBuilder("^");
        var i = 0;
        Translate(pattern, ref i, sb, inAlternation: false);
        if (i < pattern.Length)
        {
            throw new FormatException($"unexpected '{pattern[i]}' at position {i} in glob pattern \"{pattern}\"");
        }

        sb.Append('$');
        return new GlobPattern(pattern, new Regex(sb.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    /// <summary>True when the whole of <paramref name="text"/> matches.</summary>
    public bool IsMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return regex.IsMatch(text);
    }

    public override string ToString() => Pattern;

    private static void Translate(string p, ref int i, StringBuilder sb, bool inAlternation)
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
                    while (i < p.Length && p[i] == '*')
                    {
                        i++;
                    }

                    sb.Append(".*");
                    continue;
                case '?':
                    sb.Append('.');
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
                        Translate(p, ref i, sb, inAlternation: true);
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
