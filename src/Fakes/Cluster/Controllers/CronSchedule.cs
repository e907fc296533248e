using System.Globalization;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// A standard five-field cron schedule (with @hourly-style descriptors and names), as a CronJob's
/// <c>spec.schedule</c> is read: kube-apiserver validates it and the CronJob controller schedules it with
/// robfig/cron v3's <c>ParseStandard</c> (parser.go, spec.go). Its rules, which this class follows:
/// day of week is 0–6 (7 is out of range); a field holds the "star" mark when one of its comma-separated parts is
/// <c>*</c> or <c>?</c> with no step above 1; when neither day field has that mark the day matches if EITHER the day
/// of month OR the day of week matches (Vixie cron), else both must; <c>N/step</c> means <c>N-max/step</c>.
/// </summary>
/// <remarks>
/// Why not the Cronos package: Cronos 0.13 matches day of month AND day of week when both are restricted
/// (its README, "Compatibility": "When both day-of-month and day-of-week are specified, Cronos uses AND operator"),
/// so <c>* * 1,15 * Sun</c> would not fire on Friday 15 June 2012, where Kubernetes' parser does (robfig/cron
/// spec_test.go, "Test interaction of DOW and DOM"). Run against Cronos 0.13.0: that schedule's next time after
/// 14 June 2012 is Sunday 1 July, and <c>0 0 */5 Apr,Aug,Oct Mon</c> after 9 July 2012 gives Monday 6 August where
/// Kubernetes gives Wednesday 1 August; it also accepts <c>0 0 * * 7</c> and <c>0 0 L * *</c>, which Kubernetes
/// rejects. CronScheduleTests pins these cases.
/// </remarks>
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
    private TimeSpan? every;

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

        if (spec.StartsWith("@every ", StringComparison.Ordinal))
        {
            // robfig/cron parser.go: "@every <duration>" is a constant delay (time.ParseDuration), at least one second,
            // whole seconds (spec.go ConstantDelaySchedule).
            if (!GoDuration.TryParse(spec["@every ".Length..], out var delay, out var why))
            {
                error = $"failed to parse duration {spec}: {why}";
                return false;
            }

            schedule.every = delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Floor(delay.TotalSeconds));
            return true;
        }

        if (spec.StartsWith('@'))
        {
            var expanded = spec switch
            {
                "@yearly" or "@annually" => "0 0 1 1 *",
                "@monthly" => "0 0 1 * *",
                "@weekly" => "0 0 * * 0",
                "@daily" or "@midnight" => "0 0 * * *",
                "@hourly" => "0 * * * *",
                _ => null,
            };
            if (expanded is null)
            {
                error = $"unrecognized descriptor: {spec}";
                return false;
            }

            spec = expanded;
        }

        var fields = spec.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            error = $"expected exactly 5 fields, found {fields.Length}: [{string.Join(' ', fields)}]";
            return false;
        }

        try
        {
            Fill(schedule.minutes, fields[0], 0, 59, null);
            Fill(schedule.hours, fields[1], 0, 23, null);
            Fill(schedule.daysOfMonth, fields[2], 1, 31, null);
            Fill(schedule.months, fields[3], 1, 12, Months);
            Fill(schedule.daysOfWeek, fields[4], 0, 6, Days);
            schedule.domStar = HasStar(fields[2]);
            schedule.dowStar = HasStar(fields[4]);
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>The first activation strictly after <paramref name="after"/> (UTC), within five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => Next(after, null);

    /// <summary>
    /// The first activation strictly after <paramref name="after"/> on the wall clock of <paramref name="zone"/>
    /// (a CronJob's <c>spec.timeZone</c>; null: UTC, the simulated controller-manager's own zone), within five years.
    /// A wall-clock time that does not exist in the zone (skipped by a daylight-saving change) is passed over.
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo? zone)
    {
        if (every is { } delay)
        {
            // The next activation is the delay later, rounded down to the second; no wall clock is involved.
            var next = after + delay;
            return next.AddTicks(-(next.UtcTicks % TimeSpan.TicksPerSecond));
        }

        if (zone is null)
        {
            return NextWallClock(after);
        }

        var local = TimeZoneInfo.ConvertTime(after, zone);
        var wall = new DateTimeOffset(local.DateTime, TimeSpan.Zero);
        var limit = wall.AddYears(5);
        while (wall < limit && NextWallClock(wall) is { } next)
        {
            var clock = DateTime.SpecifyKind(next.DateTime, DateTimeKind.Unspecified);
            if (!zone.IsInvalidTime(clock))
            {
                var at = new DateTimeOffset(clock, zone.GetUtcOffset(clock));
                if (at > after)
                {
                    return at;
                }
            }

            wall = next;
        }

        return null;
    }

    private DateTimeOffset? NextWallClock(DateTimeOffset after)
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

    /// <summary>robfig's star mark: a part that is <c>*</c> or <c>?</c>, with no step or a step of 1.</summary>
    private static bool HasStar(string field) =>
        field.Split(',').Any(part =>
        {
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            var range = slash < 0 ? part : part[..slash];
            return range is "*" or "?" && (slash < 0 || (int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step <= 1));
        });

    private static void Fill(bool[] target, string field, int min, int max, string[]? names)
    {
        foreach (var part in field.Split(','))
        {
            var rangeAndStep = part.Split('/');
            if (rangeAndStep.Length > 2)
            {
                throw new FormatException($"too many slashes: {part}");
            }

            var range = rangeAndStep[0];
            var bounds = range.Split('-');
            int lo, hi;
            if (bounds[0] is "*" or "?")
            {
                (lo, hi) = (min, max);
            }
            else if (bounds.Length > 2)
            {
                throw new FormatException($"too many hyphens: {part}");
            }
            else
            {
                lo = Value(bounds[0], names, min);
                hi = bounds.Length == 2 ? Value(bounds[1], names, min) : lo;
            }

            var step = 1;
            if (rangeAndStep.Length == 2)
            {
                step = int.TryParse(rangeAndStep[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw NotAnInt(rangeAndStep[1]);
                if (bounds.Length == 1)
                {
                    hi = max; // "N/step" means "N-max/step"
                }
            }

            if (lo < min)
            {
                throw new FormatException($"beginning of range ({lo}) below minimum ({min}): {part}");
            }

            if (hi > max)
            {
                throw new FormatException($"end of range ({hi}) above maximum ({max}): {part}");
            }

            if (lo > hi)
            {
                throw new FormatException($"beginning of range ({lo}) beyond end of range ({hi}): {part}");
            }

            if (step <= 0)
            {
                throw new FormatException($"step of range should be a positive number: {part}");
            }

            for (var v = lo; v <= hi; v += step)
            {
                target[v] = true;
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

        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw NotAnInt(s);
    }

    private static FormatException NotAnInt(string s) => new($"failed to parse int from {s}: strconv.Atoi: parsing \"{s}\": invalid syntax");
}
