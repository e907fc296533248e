using PlatformValidation.Fakes.ArgoCd.Automation;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Sync;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Automation;

/// <summary>ARGOCD-SEMANTICS §5.1 and §4.9 [controller/appcontroller.go autoSync; types.go RetryStrategy].</summary>
public class AutoSyncPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ResourceSyncState Modified = new(new ResourceKey("apps", "Deployment", "ns", "web"), "OutOfSync", false);
    private static readonly ResourceSyncState Extra = new(new ResourceKey("", "ConfigMap", "ns", "old"), "OutOfSync", true);

    private static AutoSyncInput Input(LastOperation? last = null, params ResourceSyncState[] resources) => new()
    {
        Automated = true,
        SyncStatus = "OutOfSync",
        Resources = resources.Length == 0 ? [Modified] : resources,
        DesiredRevisions = ["abc"],
        CurrentSourcesJson = "{\"path\":\"a\"}",
        Last = last,
        Now = Now,
    };

    private static LastOperation Last(bool succeeded, string revision = "abc", int attempts = 0, DateTimeOffset? finished = null) =>
        new(true, succeeded, true, [revision], "{\"path\":\"a\"}", "one or more objects failed to apply", finished ?? Now, attempts);

    [Test]
    public void SyncsWhenOutOfSyncAndNothingWasAttempted() =>
        Assert.That(AutoSyncPolicy.Decide(Input(), SelfHealBackoff.Default).Start, Is.True);

    [Test]
    public void DoesNothingWhenSyncedOrAnOperationIsRunning()
    {
        Assert.That(AutoSyncPolicy.Decide(Input() with { SyncStatus = "Synced" }, SelfHealBackoff.Default).Start, Is.False);
        Assert.That(AutoSyncPolicy.Decide(Input() with { OperationInProgress = true }, SelfHealBackoff.Default).Start, Is.False);
    }

    [Test]
    public void SameRevisionThatFailedIsNotRetriedAndReportsSyncError()
    {
        var d = AutoSyncPolicy.Decide(Input(Last(succeeded: false)), SelfHealBackoff.Default);
        Assert.Multiple(() =>
        {
            Assert.That(d.Start, Is.False);
            Assert.That(d.SyncError, Is.EqualTo("Failed last sync attempt to [abc]: one or more objects failed to apply"));
        });
    }

    [Test]
    public void NewRevisionReArmsAutoSyncAfterAFailure() =>
        Assert.That(AutoSyncPolicy.Decide(Input(Last(succeeded: false, revision: "old")), SelfHealBackoff.Default).Start, Is.True);

    [Test]
    public void DriftAfterSuccessfulSyncStaysWithoutSelfHeal() =>
        Assert.That(AutoSyncPolicy.Decide(Input(Last(succeeded: true)), SelfHealBackoff.Default).Start, Is.False);

    [Test]
    public void SelfHealIsASelectiveSyncOfNonSyncedResourcesAfterBackoff()
    {
        var input = Input(Last(succeeded: true, attempts: 1, finished: Now.AddSeconds(-1))) with { SelfHeal = true };
        var waiting = AutoSyncPolicy.Decide(input, SelfHealBackoff.Default);
        Assert.That(waiting.Start, Is.False);
        Assert.That(waiting.RecheckAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));

        var later = AutoSyncPolicy.Decide(input with { Now = Now.AddSeconds(2) }, SelfHealBackoff.Default);
        Assert.Multiple(() =>
        {
            Assert.That(later.Start, Is.True);
            Assert.That(later.SelectiveResources, Is.EqualTo(new[] { Modified.Key }));
            Assert.That(later.SelfHealAttempts, Is.EqualTo(2));
        });
    }

    [Test]
    public void OnlyPrunableDifferencesWithoutPruneDoNotSync() =>
        Assert.That(AutoSyncPolicy.Decide(Input(null, Extra), SelfHealBackoff.Default).Start, Is.False);

    [Test]
    public void PruneWithoutAllowEmptyRefusesToWipeOutAllResources()
    {
        var d = AutoSyncPolicy.Decide(Input(null, Extra) with { Prune = true }, SelfHealBackoff.Default);
        Assert.That(d.SyncError, Is.EqualTo("Skipping sync attempt to [abc]: auto-sync will wipe out all resources"));
        Assert.That(AutoSyncPolicy.Decide(Input(null, Extra) with { Prune = true, AllowEmpty = true }, SelfHealBackoff.Default).Start, Is.True);
    }

    [Test]
    public void SelfHealBackoffIsTwoSecondsTimesThree() =>
        Assert.That(Enumerable.Range(0, 5).Select(SelfHealBackoff.Default.DelayFor).Select(t => t.TotalSeconds), Is.EqualTo(new double[] { 0, 2, 6, 18, 54 }));

    [Test]
    public void AutomatedRetryDefaultsToFiveAttemptsDoublingFromFiveSeconds()
    {
        var r = RetryStrategy.AutomatedDefault;
        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, 5).Select(i => r.Delay(i).TotalSeconds), Is.EqualTo(new double[] { 5, 10, 20, 40, 80 }));
            Assert.That(r.ShouldRetry(4), Is.True);
            Assert.That(r.ShouldRetry(5), Is.False);
            Assert.That(r.Delay(10), Is.EqualTo(TimeSpan.FromMinutes(3)));
        });
    }

    [TestCase("5", 5)]
    [TestCase("1m30s", 90)]
    [TestCase("500ms", 0.5)]
    public void RetryDurationsAcceptSecondsOrGoDurations(string text, double seconds) =>
        Assert.That(RetryStrategy.ParseDuration(text)!.Value.TotalSeconds, Is.EqualTo(seconds));
}
