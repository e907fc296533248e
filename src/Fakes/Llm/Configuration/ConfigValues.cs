using System.Globalization;
using System.Text.RegularExpressions;

namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>Parsing of option values shared by the command line and config files.</summary>
public static partial class ConfigValues
{
    /// <summary>A duration: <c>250ms</c>, <c>1.5s</c>, <c>2m</c>, or a bare number of milliseconds.</summary>
    public static bool TryDuration(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = DurationPattern().Match(text.Trim());
        value = TimeSpan.Zero;
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
        {
            return false;
        }

        value = match.Groups[2].Value switch
        {
            "" or "ms" => TimeSpan.FromMilliseconds(number),
            "us" => TimeSpan.FromMicroseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            _ => TimeSpan.Zero,
        };
        return true;
    }

    /// <summary>An integer, also in vLLM's human form (<c>8k</c> = 8000, <c>8K</c> = 8192, <c>1m</c>/<c>1M</c>).</summary>
    public static bool TryInt(string text, out int value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        var t = text.Trim();
        long multiplier = 1;
        if (t.Length > 1 && char.IsLetter(t[^1]))
        {
            multiplier = t[^1] switch
            {
                'k' => 1000,
                'K' => 1024,
                'm' => 1_000_000,
                'M' => 1024 * 1024,
                _ => 0,
            };
            t = t[..^1];
        }

        if (multiplier == 0 || !long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n * multiplier > int.MaxValue || n * multiplier < int.MinValue)
        {
            return false;
        }

        value = (int)(n * multiplier);
        return true;
    }

    public static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on":
                value = true;
                return true;
            case "false" or "0" or "no" or "off" or "":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static string FormatDuration(TimeSpan value) =>
        value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ms|us|s|m|h)?$")]
    private static partial Regex DurationPattern();
}
