using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Templating;

/// <summary>Argo CD's name helpers: <c>normalize</c> (utils.SanitizeName) and <c>slugify</c> (gosimple/slug).</summary>
public static partial class ArgoNames
{
    /// <summary>Lower-case, every character outside <c>[-a-z0-9.]</c> → '-', at most 253 characters, '-'/'.' trimmed from both ends.</summary>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var s = InvalidDnsChars().Replace(name.ToLowerInvariant(), "-");
        if (s.Length > 253)
        {
            s = s[..253];
        }

        return s.Trim('-', '.');
    }

    /// <summary><c>slugify [maxSize] [smartTruncate] name</c>: sanitized, transliterated, dashes collapsed, truncated (default 50, smart).</summary>
    internal static string Slugify(List<object?> args)
    {
        var maxSize = 50;
        var smart = true;
        var name = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            if (i == args.Count - 1)
            {
                name = GoValues.ToStr(args[i]);
            }
            else if (i == 0)
            {
                maxSize = (int)GoValues.ToInt(args[i]);
            }
            else if (i == 1)
            {
                smart = GoValues.IsTrue(args[i]);
            }
        }

        var s = Sanitize(name);
        var ascii = new StringBuilder();
        foreach (var c in s.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                ascii.Append(c);
            }
        }

        var slug = NonSlugChars().Replace(ascii.ToString().ToLowerInvariant(), "-");
        slug = Dashes().Replace(slug, "-").Trim('-', '_');
        if (maxSize > 0 && slug.Length > maxSize)
        {
            if (smart)
            {
                var cut = slug.LastIndexOf('-', Math.Min(maxSize, slug.Length - 1));
                slug = cut > 0 ? slug[..cut] : slug[..maxSize];
            }
            else
            {
                slug = slug[..maxSize];
            }
        }

        return slug;
    }

    [GeneratedRegex("[^-a-z0-9.]", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidDnsChars();

    [GeneratedRegex("[^a-z0-9\\-_]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonSlugChars();

    [GeneratedRegex("-+", RegexOptions.CultureInvariant)]
    private static partial Regex Dashes();
}
