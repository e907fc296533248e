using System.Globalization;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>A standard five-field cron schedule (with @hourly-style macros and names), as CronJob uses it.</summary>
public sealed class CronSchedule
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private readonly bool[] minutes = new bool[60];
    private readonly bool[] hours = new bool[24];
    private readonly bool[] daysOfMonth = new bool[32];
    private readonly bool[] months = new bool[13];
    private readonly bool[] daysOfWeek = new bool[7];
    private bool domStar;
    private bool dowStar;

    private CronSchedule()
    {
    }

    public static bool TryParse(string text, out CronSchedule schedule, out string error)
    {
        schedule = new CronSchedule();
        error = string.Empty;
        var spec = text.Trim();
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            spec = space > 0 ? spec[(space + 1)..].Trim() : string.Empty;
        }

        spec = spec switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            _ => spec,
        };
        var fields = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            error = $"expected exactly 5 fields, found {fields.Length}: {text}";
            return false;
        }

        try
        {
            Fill(schedule.minutes, fields[0], 0, 59, null);
            Fill(schedule.hours, fields[1], 0, 23, null);
            Fill(schedule.daysOfMonth, fields[2], 1, 31, null);
            Fill(schedule.months, fields[3], 1, 12, Months);
            Fill(schedule.daysOfWeek, fields[4], 0, 7, Days);
            schedule.domStar = fields[2] is "*" or "?";
            schedule.dowStar = fields[4] is "*" or "?";
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>The first activation strictly after <paramref name="after"/> (UTC), within five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var t = new DateTimeOffset(after.UtcDateTime.Year, after.UtcDateTime.Month, after.UtcDateTime.Day, after.UtcDateTime.Hour, after.UtcDateTime.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!months[t.Month])
            {
                t = new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
                continue;
            }

            if (!DayMatches(t))
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
                continue;
            }

            if (!hours[t.Hour])
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
                continue;
            }

            if (!minutes[t.Minute])
            {
                t = t.AddMinutes(1);
                continue;
            }

            return t;
        }

        return null;
    }

    private bool DayMatches(DateTimeOffset t)
    {
        var dom = daysOfMonth[t.Day];
        var dow = daysOfWeek[(int)t.DayOfWeek];
        if (domStar || dowStar)
        {
            return dom && dow;
        }

        return dom || dow;
    }

    private static void Fill(bool[] target, string field, int min, int max, string[]? names)
    {
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                step = int.Parse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
                range = part[..slash];
                if (step <= 0)
                {
                    throw new FormatException($"step of range should be a positive number: {part}");
                }
            }

            int lo, hi;
            if (range is "*" or "?")
            {
                (lo, hi) = (min, max);
            }
            else if (range.Contains('-', StringComparison.Ordinal))
            {
                var bits = range.Split('-');
                lo = Value(bits[0], names, min);
                hi = Value(bits[1], names, min);
            }
            else
            {
                lo = Value(range, names, min);
                hi = slash >= 0 ? max : lo;
            }

            if (lo < min || hi > max || lo > hi)
            {
                throw new FormatException($"end of range ({hi}) above maximum ({max}): {part}");
            }

            for (var v = lo; v <= hi; v += step)
            {
                target[v == 7 && names == Days ? 0 : v] = true;
            }
        }
    }

    private static int Value(string s, string[]? names, int min)
    {
        if (names is not null)
        {
            var idx = Array.IndexOf(names, s.ToUpperInvariant());
            if (idx >= 0)
            {
                return idx + min;
            }
        }

        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"failed to parse int from {s}: strconv.Atoi: parsing \"{s}\": invalid syntax");
    }
}
