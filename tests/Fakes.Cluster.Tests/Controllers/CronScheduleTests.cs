using System.Globalization;
using PlatformValidation.Fakes.Cluster.Controllers;

namespace PlatformValidation.Fakes.Cluster.Tests.Controllers;

/// <summary>
/// A CronJob schedule is read as Kubernetes reads it (robfig/cron v3 <c>ParseStandard</c>). Cases from robfig/cron's
/// spec_test.go (TestActivation, TestNext with the seconds field dropped) and parser errors as kube-apiserver reports
/// them. The day-of-month/day-of-week OR cases are where the Cronos package (AND) would differ.
/// </summary>
public sealed class CronScheduleTests
{
    [TestCase("Mon Jul 9 15:00 2012", "0/15 * * * *", true)]
    [TestCase("Mon Jul 9 15:45 2012", "0/15 * * * *", true)]
    [TestCase("Mon Jul 9 15:40 2012", "0/15 * * * *", false)]
    [TestCase("Mon Jul 9 15:05 2012", "5/15 * * * *", true)]
    [TestCase("Mon Jul 9 15:20 2012", "5/15 * * * *", true)]
    [TestCase("Mon Jul 9 15:50 2012", "5/15 * * * *", true)]
    [TestCase("Sun Jul 15 15:00 2012", "0/15 * * Jul *", true)]
    [TestCase("Sun Jul 15 15:00 2012", "0/15 * * Jun *", false)]
    [TestCase("Sun Jul 15 08:30 2012", "30 08 ? Jul Sun", true)]
    [TestCase("Sun Jul 15 08:30 2012", "30 08 15 Jul ?", true)]
    [TestCase("Mon Jul 16 08:30 2012", "30 08 ? Jul Sun", false)]
    [TestCase("Mon Jul 16 08:30 2012", "30 08 15 Jul ?", false)]
    [TestCase("Mon Jul 9 15:00 2012", "@hourly", true)]
    [TestCase("Mon Jul 9 15:04 2012", "@hourly", false)]
    [TestCase("Mon Jul 9 15:00 2012", "@daily", false)]
    [TestCase("Mon Jul 9 00:00 2012", "@daily", true)]
    [TestCase("Mon Jul 9 00:00 2012", "@weekly", false)]
    [TestCase("Sun Jul 8 00:00 2012", "@weekly", true)]
    [TestCase("Sun Jul 8 01:00 2012", "@weekly", false)]
    [TestCase("Sun Jul 8 00:00 2012", "@monthly", false)]
    [TestCase("Sun Jul 1 00:00 2012", "@monthly", true)]
    // Both day fields restricted: either one matching is enough (Cronos would need both).
    [TestCase("Sun Jul 15 00:00 2012", "* * 1,15 * Sun", true)]
    [TestCase("Fri Jun 15 00:00 2012", "* * 1,15 * Sun", true)]
    [TestCase("Wed Aug 1 00:00 2012", "* * 1,15 * Sun", true)]
    [TestCase("Sun Jul 15 00:00 2012", "* * */10 * Sun", true)]
    // One of them starred: both must match.
    [TestCase("Sun Jul 15 00:00 2012", "* * * * Mon", false)]
    [TestCase("Mon Jul 9 00:00 2012", "* * 1,15 * *", false)]
    [TestCase("Sun Jul 15 00:00 2012", "* * 1,15 * *", true)]
    [TestCase("Sun Jul 15 00:00 2012", "* * */2 * Sun", true)]
    // "*/1" keeps the star mark (step not above 1), so day of week alone decides; "*/2" drops it.
    [TestCase("Mon Jul 9 00:00 2012", "* * */1 * Sun", false)]
    [TestCase("Mon Jul 9 00:00 2012", "* * */2 * Sun", true)]
    public void FiresExactlyWhereKubernetesFires(string at, string spec, bool fires)
    {
        var time = Parse(at);
        Assert.That(CronSchedule.TryParse(spec, out var schedule, out var error), Is.True, error);
        Assert.That(schedule.Next(time.AddSeconds(-1)) == time, Is.EqualTo(fires));
    }

    [TestCase("Mon Jul 9 14:45 2012", "0/15 * * * *", "Mon Jul 9 15:00 2012")]
    [TestCase("Mon Jul 9 15:45 2012", "20-35/15 * * * *", "Mon Jul 9 16:20 2012")]
    [TestCase("Mon Jul 9 23:46 2012", "*/15 * * * *", "Tue Jul 10 00:00 2012")]
    [TestCase("Mon Jul 9 23:45 2012", "20-35/15 * * * *", "Tue Jul 10 00:20 2012")]
    [TestCase("Mon Jul 9 23:35 2012", "20-35/15 1/2 * * *", "Tue Jul 10 01:20 2012")]
    [TestCase("Mon Jul 9 23:35 2012", "20-35/15 10-12 * * *", "Tue Jul 10 10:20 2012")]
    [TestCase("Mon Jul 9 23:35 2012", "20-35/15 1/2 */2 * *", "Thu Jul 11 01:20 2012")]
    [TestCase("Mon Jul 9 23:35 2012", "20-35/15 * 9-20 * *", "Wed Jul 10 00:20 2012")]
    [TestCase("Mon Jul 9 23:35 2012", "20-35/15 * 9-20 Jul *", "Wed Jul 10 00:20 2012")]
    [TestCase("Mon Jul 9 23:35 2012", "0 0 9 Apr-Oct ?", "Thu Aug 9 00:00 2012")]
    [TestCase("Mon Jul 9 23:35 2012", "0 0 */5 Apr,Aug,Oct Mon", "Tue Aug 1 00:00 2012")]
    [TestCase("Mon Jul 9 23:35 2012", "0 0 */5 Oct Mon", "Mon Oct 1 00:00 2012")]
    [TestCase("Mon Jul 9 23:35 2012", "0 0 * Feb Mon", "Mon Feb 4 00:00 2013")]
    [TestCase("Mon Jul 9 23:35 2012", "0 0 * Feb Mon/2", "Fri Feb 1 00:00 2013")]
    [TestCase("Mon Dec 31 23:59 2012", "* * * * *", "Tue Jan 1 00:00 2013")]
    [TestCase("Mon Jul 9 23:35 2012", "0 0 29 Feb ?", "Mon Feb 29 00:00 2016")]
    public void NextActivationMatchesRobfigCron(string after, string spec, string expected)
    {
        Assert.That(CronSchedule.TryParse(spec, out var schedule, out var error), Is.True, error);
        Assert.That(schedule.Next(Parse(after)), Is.EqualTo(Parse(expected)));
    }

    [TestCase("0 0 * * 7", "end of range (7) above maximum (6): 7")]
    [TestCase("61 * * * *", "end of range (61) above maximum (59): 61")]
    [TestCase("0 0 0 * *", "beginning of range (0) below minimum (1): 0")]
    [TestCase("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1")]
    [TestCase("*/0 * * * *", "step of range should be a positive number: */0")]
    [TestCase("1-2-3 * * * *", "too many hyphens: 1-2-3")]
    [TestCase("1/2/3 * * * *", "too many slashes: 1/2/3")]
    [TestCase("0 0 L * *", "failed to parse int from L")]
    [TestCase("0 0 * * 5#2", "failed to parse int from 5#2")]
    [TestCase("@fortnightly", "unrecognized descriptor: @fortnightly")]
    [TestCase("not a cron", "expected exactly 5 fields, found 3: [not a cron]")]
    [TestCase("@every x", "failed to parse duration @every x: time: invalid duration \"x\"")]
    [TestCase("@every 5", "failed to parse duration @every 5: time: missing unit in duration \"5\"")]
    [TestCase("@every 5d", "failed to parse duration @every 5d: time: unknown unit \"d\" in duration \"5d\"")]
    public void RejectsWhatKubernetesRejectsWithItsMessage(string spec, string message)
    {
        Assert.That(CronSchedule.TryParse(spec, out _, out var error), Is.False);
        Assert.That(error, Does.StartWith(message));
    }

    [TestCase("2012-07-09T15:00:00Z", "@every 5m", "2012-07-09T15:05:00Z")]
    [TestCase("2012-07-09T15:00:00.7Z", "@every 90s", "2012-07-09T15:01:30Z")]
    [TestCase("2012-07-09T15:00:00Z", "@every 1h30m", "2012-07-09T16:30:00Z")]
    [TestCase("2012-07-09T15:00:00Z", "@every 500ms", "2012-07-09T15:00:01Z")]
    [TestCase("2012-07-09T15:00:00Z", "@every 1.5s", "2012-07-09T15:00:01Z")]
    public void EveryIsAConstantDelayInWholeSecondsAsRobfigSchedulesIt(string after, string spec, string expected)
    {
        // robfig/cron constantdelay.go: at least one second, sub-second parts dropped, next = after + delay rounded down.
        Assert.That(CronSchedule.TryParse(spec, out var schedule, out var error), Is.True, error);
        Assert.That(schedule.Next(DateTimeOffset.Parse(after, CultureInfo.InvariantCulture)), Is.EqualTo(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture)));
    }

    /// <summary>Reads robfig's "Mon Jul 9 15:00 2012" in UTC; like Go's time.Parse, the weekday word is not checked (some of its cases name the wrong one).</summary>
    private static DateTimeOffset Parse(string text) =>
        new(DateTime.ParseExact(text[(text.IndexOf(' ', StringComparison.Ordinal) + 1)..], "MMM d HH:mm yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);
}
