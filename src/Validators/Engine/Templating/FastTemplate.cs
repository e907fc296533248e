using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// Argo CD's default ApplicationSet templating (valyala/fasttemplate with <c>{{</c> <c>}}</c>): each
/// <c>{{ key }}</c> whose trimmed key is a string parameter is replaced; anything else is left verbatim
/// [ARGOCD-SEMANTICS §7.2; applicationset/utils/utils.go Replace].
/// </summary>
public static partial class FastTemplate
{
    /// <summary>Replaces known <c>{{key}}</c> tags in <paramref name="template"/>; throws <see cref="FormatException"/> for an unterminated tag.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        // Argo CD only templates strings matching ".*{{.*}}.*" (one line holding both delimiters).
        if (!Templated().IsMatch(template))
        {
            return template;
        }

        int open;

        var sb = new StringBuilder(template.Length);
        var pos = 0;
        while (true)
        {
            open = template.IndexOf("{{", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"invalid template: cannot find end tag=\"}}}}\" in the template \"{template}\" starting from \"{template[open..]}\"");
            }

            sb.Append(template, pos, open - pos);
            var tag = template[(open + 2)..close];
            var key = tag.Trim();
            if (key.Length > 0 && parameters.TryGetValue(key, out var value))
            {
                sb.Append(value);
            }
            else
            {
                sb.Append("{{").Append(tag).Append("}}");
            }

            pos = close + 2;
        }

        sb.Append(template, pos, template.Length - pos);
        return sb.ToString();
    }

    [GeneratedRegex(@"\{\{.*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Templated();
}
