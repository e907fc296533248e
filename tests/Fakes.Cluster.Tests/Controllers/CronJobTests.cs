using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using PlatformValidation.Fakes.Cluster.Controllers;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Controllers;

/// <summary>CronJob scheduling on the cluster's TimeProvider (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/).</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class CronJobTests : ClusterFixture
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 30, TimeSpan.Zero));

    protected override SimulatedClusterOptions Options => base.Options with { TimeProvider = time, PodStartDelay = TimeSpan.Zero, JobRunDuration = TimeSpan.Zero };

    [Test]
    public async Task CronJobCreatesAJobAtTheScheduledMinute()
    {
        var ns = await CreateNamespaceAsync();
        await Client.BatchV1.CreateNamespacedCronJobAsync(new V1CronJob
        {
            Metadata = new V1ObjectMeta { Name = "tick" },
            Spec = new V1CronJobSpec
            {
                Schedule = "*/5 * * * *",
                JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = "job:1" }] } } } },
            },
        }, ns);
        await Task.Delay(300);
        Assert.That((await Client.BatchV1.ListNamespacedJobAsync(ns)).Items, Is.Empty, "nothing runs before 12:05");
        time.Advance(TimeSpan.FromMinutes(5));
        var job = await EventuallyAsync(async () => (await Client.BatchV1.ListNamespacedJobAsync(ns)).Items.FirstOrDefault(), "the scheduled Job");
        var expected = new DateTimeOffset(2026, 1, 1, 12, 5, 0, TimeSpan.Zero).ToUnixTimeSeconds() / 60;
        Assert.That(job.Metadata.Name, Is.EqualTo($"tick-{expected}"));
        Assert.That(job.Metadata.OwnerReferences.Single().Kind, Is.EqualTo("CronJob"));
    }

    [Test]
    public void CronScheduleComputesNextActivations()
    {
        Assert.That(CronSchedule.TryParse("30 2 * * 1-5", out var s, out _), Is.True);
        var next = s.Next(new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero));
        Assert.That(next, Is.EqualTo(new DateTimeOffset(2026, 1, 5, 2, 30, 0, TimeSpan.Zero)));
        Assert.That(CronSchedule.TryParse("@hourly", out var hourly, out _), Is.True);
        Assert.That(hourly.Next(new DateTimeOffset(2026, 1, 1, 10, 15, 0, TimeSpan.Zero)), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero)));
        Assert.That(CronSchedule.TryParse("61 * * * *", out _, out var error), Is.False);
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void TheScheduleRunsOnTheWallClockOfSpecTimeZone()
    {
        var newYork = CronTimeZone.Find("America/New_York");
        if (newYork is null)
        {
            Assert.Ignore("this machine has no IANA time-zone database (/usr/share/zoneinfo); install tzdata");
        }

        Assert.That(CronSchedule.TryParse("0 9 * * *", out var nine, out _), Is.True);
        Assert.That(nine.Next(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), newYork), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 14, 0, 0, TimeSpan.Zero)), "09:00 EST");
        Assert.That(nine.Next(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero), newYork), Is.EqualTo(new DateTimeOffset(2026, 7, 1, 13, 0, 0, TimeSpan.Zero)), "09:00 EDT");
        Assert.That(nine.Next(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).AddDays(1)), "no zone: UTC");

        // 02:30 does not exist in New York on 8 March 2026 (clocks jump from 02:00 to 03:00): that day is skipped.
        Assert.That(CronSchedule.TryParse("30 2 * * *", out var twoThirty, out _), Is.True);
        Assert.That(twoThirty.Next(new DateTimeOffset(2026, 3, 8, 6, 0, 0, TimeSpan.Zero), newYork), Is.EqualTo(new DateTimeOffset(2026, 3, 9, 6, 30, 0, TimeSpan.Zero)));
    }

    [TestCase("TZ=UTC 0 * * * *", null, "spec.schedule", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")]
    [TestCase("0 * * * *", "Mars/Olympus_Mons", "spec.timeZone", "unknown time zone Mars/Olympus_Mons")]
    [TestCase("0 * * * *", "../etc/passwd", "spec.timeZone", "unknown time zone ../etc/passwd")]
    [TestCase("0 * * * *", "local", "spec.timeZone", "timeZone must be an explicit time zone")]
    [TestCase("0 * * * *", "", "spec.timeZone", "timeZone must be nil or non-empty string")]
    public async Task TimeZonesAreValidatedAsKubeApiserverDoes(string schedule, string? timeZone, string field, string message)
    {
        var ns = await CreateNamespaceAsync();
        var zone = timeZone is null ? string.Empty : $",\"timeZone\":\"{timeZone}\"";
        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/apis/batch/v1/namespaces/{ns}/cronjobs", "{\"apiVersion\":\"batch/v1\",\"kind\":\"CronJob\",\"metadata\":{\"name\":\"tz\"},\"spec\":{\"schedule\":\"" + schedule + "\"" + zone
            + ",\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":{\"restartPolicy\":\"Never\",\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}}}}}");

        Assert.That(status, Is.EqualTo(422), body?.ToJsonString());
        var cause = body!["details"]!["causes"]!.AsArray().First(c => c!["field"]!.GetValue<string>() == field)!;
        Assert.That(cause["message"]!.GetValue<string>(), Does.Contain(message));
    }

    [Test]
    public async Task AKnownTimeZoneIsAccepted()
    {
        if (CronTimeZone.Find("Europe/Berlin") is null)
        {
            Assert.Ignore("this machine has no IANA time-zone database (/usr/share/zoneinfo); install tzdata");
        }

        var ns = await CreateNamespaceAsync();
        var created = await Client.BatchV1.CreateNamespacedCronJobAsync(new V1CronJob
        {
            Metadata = new V1ObjectMeta { Name = "berlin" },
            Spec = new V1CronJobSpec
            {
                Schedule = "0 6 * * *",
                TimeZone = "Europe/Berlin",
                JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = "job:1" }] } } } },
            },
        }, ns);
        Assert.That(created.Spec.TimeZone, Is.EqualTo("Europe/Berlin"));
    }

    [Test]
    public async Task InvalidScheduleIsRejected()
    {
        var ns = await CreateNamespaceAsync();
        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/apis/batch/v1/namespaces/{ns}/cronjobs", """{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"bad"},"spec":{"schedule":"not a cron","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"i"}]}}}}}}""");
        Assert.That(status, Is.EqualTo(422));
        Assert.That(body!["details"]!["causes"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("spec.schedule"));
    }
}
