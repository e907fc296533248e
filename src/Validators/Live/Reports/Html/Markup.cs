using System.Globalization;
using System.Net;
using System.Text;

namespace PlatformValidation.Validators.Live.Reports.Html;

/// <summary>Encoding and formatting helpers: every text from the cluster or the repo goes through <see cref="E"/>.</summary>
internal static class Markup
{
    /// <summary>HTML-encodes text for element content and quoted attribute values.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A fragment-safe id: lower-case letters, digits and dashes.</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            sb.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "x" : slug;
    }

    /// <summary>A duration as people read it: <c>850 ms</c>, <c>12.4 s</c>, <c>3 min 05 s</c>.</summary>
    public static string Duration(TimeSpan t) =>
        t.TotalSeconds < 1 ? $"{t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
        : t.TotalMinutes < 1 ? $"{t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : $"{(int)t.TotalMinutes} min {t.Seconds.ToString("00", CultureInfo.InvariantCulture)} s";

    public static string Number(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A status badge: an icon (hidden from screen readers) and the word, so colour is never the only signal.</summary>
    public static string Badge(Status status) =>
        $"<span class=\"st st-{status.Tone}\"><span class=\"ic\" aria-hidden=\"true\">{status.Icon}</span> {E(status.Word)}</span>";

    /// <summary>Appends <c>&lt;pre&gt;</c> text where diff lines (<c>-</c>/<c>+</c>) keep their sign and get a class.</summary>
    public static void DiffBlock(StringBuilder sb, string text)
    {
        sb.Append("<pre class=\"diff\"><code>");
        foreach (var line in text.Split('\n'))
        {
            var cls = line.StartsWith("- ", StringComparison.Ordinal) ? "del" : line.StartsWith("+ ", StringComparison.Ordinal) ? "add" : null;
            sb.Append(cls is null ? E(line) : $"<span class=\"{cls}\">{E(line)}</span>").Append('\n');
        }

        sb.Append("</code></pre>");
    }
}
