using System.Globalization;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Live.Suites;

/// <summary>Durations as scenario files write them, Go-style: <c>500ms</c>, <c>90s</c>, <c>2m</c>, <c>1h30m</c>.</summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var matches = Part().Matches(text.Trim());
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text.Trim())
        {
            return false;
        }

        foreach (Match m in matches)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            value += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        }

        return value > TimeSpan.Zero;
    }

    /// <summary>A short human form (<c>1.5 s</c>, <c>2 min</c>).</summary>
    public static string Format(TimeSpan t) =>
        t.TotalSeconds < 1 ? $"{t.TotalMilliseconds:0} ms"
        : t.TotalMinutes < 2 ? $"{t.TotalSeconds:0.#} s"
        : $"{t.TotalMinutes:0.#} min";

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
