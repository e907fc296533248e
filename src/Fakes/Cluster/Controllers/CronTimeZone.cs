using System.Text.RegularExpressions;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// A CronJob's <c>spec.timeZone</c>, as kube-apiserver validates it (pkg/apis/batch/validation, validateTimeZone): not
/// empty; each '/'-separated part 1–14 of <c>[A-Za-z.\-_0-9+]</c>, not "." or "..", not starting with '-'; not
/// "Local" (any case); and a zone the time-zone database knows (Go's time.LoadLocation; here the system's IANA
/// database through <see cref="TimeZoneInfo"/>). The controller computes the schedule on that zone's wall clock.
/// </summary>
public static partial class CronTimeZone
{
    /// <summary>Why <paramref name="timeZone"/> is not accepted (kube-apiserver's message), or null when it is.</summary>
    public static string? Problem(string timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (timeZone.Length == 0)
        {
            return "timeZone must be nil or non-empty string";
        }

        if (timeZone.Split('/').Any(part => part is "." or ".." || part.StartsWith('-') || !Part().IsMatch(part)))
        {
            return $"unknown time zone {timeZone}";
        }

        if (string.Equals(timeZone, "Local", StringComparison.OrdinalIgnoreCase))
        {
            return "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones";
        }

        return Find(timeZone) is null ? $"unknown time zone {timeZone}" : null;
    }

    /// <summary>The zone named <paramref name="timeZone"/>, or null when the database does not know it.</summary>
    public static TimeZoneInfo? Find(string timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (timeZone == "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : null;
    }

    [GeneratedRegex(@"^[A-Za-z.\-_0-9+]{1,14}$", RegexOptions.None, 1000)]
    private static partial Regex Part();
}
