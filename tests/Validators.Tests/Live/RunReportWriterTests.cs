using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Tests.Live;

public sealed class RunReportWriterTests
{
    private static RunReport Sample(SecretRedactor r) => new(
        "sample",
        "sim",
        DateTimeOffset.UnixEpoch,
        TimeSpan.FromSeconds(3),
        RunOutcome.Failed,
        ["platform", "serving"],
        [
            new CheckResult(SuiteKinds.ProfileMatrix, LiveChecks.AppsHealthy, "platform", CheckOutcome.Passed, "app a Synced+Healthy", TimeSpan.FromSeconds(1)) { App = "a" },
            new CheckResult(SuiteKinds.ProfileMatrix, LiveChecks.AppsHealthy, "serving", CheckOutcome.Failed, "app b is OutOfSync: key sk-secret-9999", TimeSpan.FromSeconds(1)) { App = "b" },
            new CheckResult(SuiteKinds.GpuSmoke, LiveChecks.GpuSmoke, null, CheckOutcome.Skipped, "no credentials", TimeSpan.Zero),
            new CheckResult("custom", "not-catalogued", null, CheckOutcome.Failed, "a check outside the catalogue", TimeSpan.Zero),
        ],
        [new AppTiming("platform", "a", TimeSpan.FromSeconds(1))],
        [new StepRecord(SuiteKinds.ProfileMatrix, LiveChecks.WaitHealthy, "platform", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1.5), CheckOutcome.Passed)],
        []);

    [Test]
    public void MatrixHasOneRowPerProfileAndTheWorstOutcomePerCell()
    {
        var m = Sample(new SecretRedactor()).Matrix;
        Assert.That(m.Rows, Is.EqualTo(new[] { "platform", "serving", ProfileMatrix.AllProfiles }));
        Assert.That(m.Cell("serving", "profile-matrix/apps-healthy")!.Outcome, Is.EqualTo(CheckOutcome.Failed));
        Assert.That(m.Cell("platform", "profile-matrix/apps-healthy")!.Outcome, Is.EqualTo(CheckOutcome.Passed));
        Assert.That(m.Cell(ProfileMatrix.AllProfiles, "gpu-smoke/gpu-smoke")!.Outcome, Is.EqualTo(CheckOutcome.Skipped));
    }

    [Test]
    public void JUnitHasASuitePerSuiteAFailurePerFailedCheckAndStatesTheSubstrate()
    {
        var r = new SecretRedactor();
        r.Register("sk-secret-9999");
        var xml = JUnitRunReportWriter.ToXml(Sample(r), r);
        var root = xml.Root!;
        Assert.That(root.Attribute("tests")!.Value, Is.EqualTo("4"));
        Assert.That(root.Attribute("failures")!.Value, Is.EqualTo("2"));
        Assert.That(root.Elements("testsuite").Select(s => s.Attribute("name")!.Value), Is.EqualTo(new[] { SuiteKinds.ProfileMatrix, SuiteKinds.GpuSmoke, "custom" }));
        var failure = root.Descendants("failure").First();
        Assert.That(failure.Attribute("message")!.Value, Does.Contain("app b is OutOfSync"));
        var healthy = LiveCheckCatalog.Find(LiveChecks.AppsHealthy)!;
        Assert.That(failure.Value, Does.EndWith($"{healthy.Id}: {healthy.FixHint}"));
        Assert.That(root.Descendants("failure").Last().Value, Is.EqualTo("a check outside the catalogue"));
        Assert.That(xml.ToString(), Does.Not.Contain("sk-secret-9999"));
        Assert.That(root.Descendants("property").First().Attribute("value")!.Value, Is.EqualTo("sim"));
        Assert.That(root.Descendants("skipped").Count(), Is.EqualTo(1));
    }

    [Test]
    public void JsonCarriesSubstrateSummaryMatrixTimingsAndNoSecret()
    {
        var r = new SecretRedactor();
        r.Register("sk-secret-9999");
        var json = JsonRunReportWriter.ToJson(Sample(r), r);
        Assert.That(json["substrate"]!.GetValue<string>(), Is.EqualTo("sim"));
        Assert.That(json["summary"]!["failed"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(json["summary"]!["waitingShare"]!.GetValue<double>(), Is.EqualTo(0.75));
        Assert.That(json["matrix"]![1]!["cells"]!["profile-matrix/apps-healthy"]!.GetValue<string>(), Is.EqualTo("Failed"));
        Assert.That(json["timings"]![0]!["timeToHealthySeconds"]!.GetValue<double>(), Is.EqualTo(1));
        Assert.That(json.ToJsonString(), Does.Not.Contain("sk-secret-9999"));
    }

    [Test]
    public void JsonNamesEachCheckByItsCatalogueId()
    {
        var r = new SecretRedactor();
        var checks = JsonRunReportWriter.ToJson(Sample(r), r)["checks"]!.AsArray();
        Assert.That(checks[0]!["id"]!.GetValue<string>(), Is.EqualTo(LiveCheckCatalog.Find(LiveChecks.AppsHealthy)!.Id));
        Assert.That(checks[2]!["id"]!.GetValue<string>(), Is.EqualTo(LiveCheckCatalog.Find(LiveChecks.GpuSmoke)!.Id));
        Assert.That(checks[3]!["id"], Is.Null);
    }
}
