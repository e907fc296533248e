using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Health;

/// <summary>ARGOCD-SEMANTICS §3.3 [controller/health.go setApplicationHealth, ≥3.4].</summary>
public class HealthAggregationTests
{
    private static HealthInput R(string name, HealthStatusCode? code, bool live = true, string group = "apps", string kind = "Deployment") =>
        new(new ResourceKey(group, kind, "ns", name), live, code is { } c ? new HealthStatus(c) : null);

    [Test]
    public void WorstStatusWinsWithUnknownWorstOfAll()
    {
        Assert.That(HealthAggregator.Aggregate([R("a", HealthStatusCode.Healthy), R("b", HealthStatusCode.Suspended), R("c", HealthStatusCode.Progressing)]).Status, Is.EqualTo(HealthStatusCode.Progressing));
        Assert.That(HealthAggregator.Aggregate([R("a", HealthStatusCode.Degraded), R("b", HealthStatusCode.Unknown)]).Status, Is.EqualTo(HealthStatusCode.Unknown));
    }

    [Test]
    public void AMissingResourceDoesNotLowerHealthWhenOthersExist() =>
        Assert.That(HealthAggregator.Aggregate([R("a", HealthStatusCode.Healthy), R("b", null, live: false)]).Status, Is.EqualTo(HealthStatusCode.Healthy));

    [Test]
    public void AppIsMissingWhenNoneOfItsResourcesExist() =>
        Assert.That(HealthAggregator.Aggregate([R("a", null, live: false), R("b", null, live: false)]).Status, Is.EqualTo(HealthStatusCode.Missing));

    [Test]
    public void NoResourcesMeansHealthy() =>
        Assert.That(HealthAggregator.Aggregate([]).Status, Is.EqualTo(HealthStatusCode.Healthy));

    [Test]
    public void ChildApplicationWithUnknownOrMissingHealthDoesNotCount() =>
        Assert.That(HealthAggregator.Aggregate([R("a", HealthStatusCode.Healthy), R("child", HealthStatusCode.Unknown, group: "argoproj.io", kind: "Application")]).Status, Is.EqualTo(HealthStatusCode.Healthy));

    [Test]
    public void HooksAndIgnoredResourcesDoNotCount()
    {
        var hook = R("hook", HealthStatusCode.Degraded) with { IsHookOrSkipped = true };
        var ignored = R("ignored", HealthStatusCode.Degraded) with { IgnoreHealthcheck = true };
        Assert.That(HealthAggregator.Aggregate([R("a", HealthStatusCode.Healthy), hook, ignored]).Status, Is.EqualTo(HealthStatusCode.Healthy));
    }

    [Test]
    public void MessageNamesTheCauses() =>
        Assert.That(HealthAggregator.Aggregate([R("a", HealthStatusCode.Degraded)]).Message, Is.EqualTo("Caused by apps/Deployment:ns/a"));
}
