using System.Globalization;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// Go's <c>time.ParseDuration</c> (time/format.go): an optional sign and a sequence of decimal numbers, each with an
/// optional fraction and a unit (<c>ns</c>, <c>us</c>/<c>µs</c>/<c>μs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>),
/// e.g. <c>300ms</c>, <c>1.5h</c>, <c>2h45m</c>; "0" alone is allowed. Errors use Go's texts. Used wherever upstream calls
/// time.ParseDuration: CronJob <c>@every</c> (the simulated cluster) and Application retry backoff (the simulated Argo CD).
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, decimal Ticks)[] Units =
    [
        ("ns", 0.01m), ("us", 10m), ("µs", 10m), ("μs", 10m), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        error = string.Empty;
        var quoted = "\"" + text + "\"";
        var s = text;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return true;
        }

        if (s.Length == 0)
        {
            error = $"time: invalid duration {quoted}";
            return false;
        }

        decimal ticks = 0;
        while (s.Length > 0)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            var number = s[..i];
            if (number.Length == 0 || number == "." || number.Count(c => c == '.') > 1)
            {
                error = $"time: invalid duration {quoted}";
                return false;
            }

            s = s[i..];
            var j = 0;
            while (j < s.Length && !char.IsAsciiDigit(s[j]) && s[j] != '.')
            {
                j++;
            }

            var unit = s[..j];
            s = s[j..];
            if (unit.Length == 0)
            {
                error = $"time: missing unit in duration {quoted}";
                return false;
            }

            var factor = Units.FirstOrDefault(u => u.Unit == unit).Ticks;
            if (factor == 0)
            {
                error = $"time: unknown unit \"{unit}\" in duration {quoted}";
                return false;
            }

            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                error = $"time: invalid duration {quoted}";
                return false;
            }

            ticks += value * factor;
            if (ticks > TimeSpan.FromHours(2562047).Ticks)
            {
                error = $"time: invalid duration {quoted}";
                return false;
            }
        }

        duration = TimeSpan.FromTicks((long)decimal.Truncate(negative ? -ticks : ticks));
        return true;
    }
}
