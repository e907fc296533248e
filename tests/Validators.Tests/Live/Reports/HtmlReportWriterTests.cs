using System.Text.RegularExpressions;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Reports.Html;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Tests.Live.Reports;

public sealed partial class HtmlReportWriterTests
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    private static RunReport Failing() => new(
        "sample",
        "sim",
        DateTimeOffset.UnixEpoch,
        TimeSpan.FromSeconds(30),
        RunOutcome.Failed,
        ["platform", "serving"],
        [
            new CheckResult("static", "findings", "serving", CheckOutcome.Failed, "DEP001 missing CRD", TimeSpan.Zero) { App = "router" },
            new CheckResult("profile-matrix", "apps-healthy", "platform", CheckOutcome.Passed, "app a healthy", TimeSpan.FromSeconds(1)) { App = "a" },
            new CheckResult("profile-matrix", "apps-healthy", "serving", CheckOutcome.Failed, "app router Missing " + Hostile, TimeSpan.FromSeconds(1)) { App = "router" },
        ],
        [new AppTiming("platform", "a", TimeSpan.FromSeconds(4))],
        [],
        [
            new AppDiagnostics("router", "serving", "OutOfSync", "Missing", "sync failed " + Hostile, ["SyncError: " + Hostile], [new ResourceHealth("Deployment llm/router", "Synced", "Degraded", Hostile)], ["Warning BackOff " + Hostile], [new PodLog("llm/router-6d5f-x1", "c", "[Running, CrashLoopBackOff: back-off]\n" + Hostile)], [new ResourceDiff("Deployment llm/router", "/spec/replicas:\n- 1\n+ 0")]),
        ])
    {
        Findings = [new Finding("DEP001", Severity.Error, "router needs kind InferencePool " + Hostile, new SourceLocation("serving/router/pool.yaml", 3, 1), "add its CRD") { Profile = "serving", App = "router" }],
    };

    [Test]
    public void TextFromTheRunIsHtmlEncodedEverywhere()
    {
        var html = HtmlReportWriter.Render(Failing());
        Assert.That(html, Does.Not.Contain(Hostile));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        Assert.That(ScriptTag().Matches(html), Has.Count.EqualTo(1), "only the report's own inline script");
    }

    [Test]
    public void RegisteredSecretsAreMaskedAgain()
    {
        var redactor = new SecretRedactor();
        redactor.Register("sk-live-123456789");
        var report = Failing() with { Checks = [new CheckResult("smoke", "chat", null, CheckOutcome.Failed, "key sk-live-123456789 rejected", TimeSpan.Zero)] };
        var html = HtmlReportWriter.Render(report, new HtmlReportOptions { Redactor = redactor });
        Assert.That(html, Does.Not.Contain("sk-live-123456789"));
        Assert.That(html, Does.Contain("key *** rejected"));
    }

    [Test]
    public void TheFileAsksNoServerForAnything()
    {
        var html = HtmlReportWriter.Render(Failing());
        var external = ExternalReference().Matches(html).Select(m => m.Value).ToList();
        Assert.That(external, Is.Empty);
        Assert.That(html, Does.Contain("<style>").And.Contain("<script>").And.Contain("<link rel=\"icon\" href=\"data:,\">"));
    }

    [Test]
    public void FindingsShowTheirLocationAndTheFailingAppIsLinkedFromTheMatrix()
    {
        var html = HtmlReportWriter.Render(Failing());
        Assert.That(html, Does.Contain("serving/router/pool.yaml:3:1"));
        Assert.That(html, Does.Contain("id=\"app-router\""));
        Assert.That(html, Does.Match("<a class=\"cell\" id=\"cell-[0-9]+-1\" href=\"#app-router\""));
    }

    [Test]
    public void EveryCheckShowsItsLiveCheckIdLinkedToItsCatalogueEntry()
    {
        var checks = RunView.Sections(Failing()).Single(s => s.Id == "checks").Html;
        var doc = File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "docs", "live-checks.md"));
        Assert.Multiple(() =>
        {
            Assert.That(checks, Does.Contain("<a class=\"check-id\" href=\"#live-profile-004\">LIVE-PROFILE-004</a>"));
            Assert.That(checks, Does.Contain("<a class=\"check-id\" href=\"#live-static-002\">LIVE-STATIC-002</a>"));
            Assert.That(checks, Does.Contain("<dt id=\"live-profile-004\""), "the entry the link points to is in the file");
            Assert.That(checks, Does.Not.Contain("id=\"live-gate-005\""), "only the entries of checks this run recorded");
            Assert.That(doc, Does.Contain("<a id=\"live-profile-004\"></a>LIVE-PROFILE-004"), "docs/live-checks.md has the same anchor");
        });
    }

    [Test]
    public void CellsNotYetRunArePendingWhileTheRunGoesOnAndEmptyAfterwards()
    {
        var live = RunView.Sections(Failing(), new HtmlReportOptions { InProgress = true }).Single(s => s.Id == "matrix").Html;
        var done = RunView.Sections(Failing()).Single(s => s.Id == "matrix").Html;
        Assert.That(live, Does.Contain("st-pending"));
        Assert.That(done, Does.Not.Contain("pending"));
        Assert.That(done, Does.Contain("no check"));
    }

    [Test]
    public void AppsThatDidNotBecomeHealthyAreMarkedInTheChart()
    {
        var timings = RunView.Sections(Failing()).Single(s => s.Id == "timings").Html;
        Assert.That(timings, Does.Contain("✖ not healthy"));
        Assert.That(timings, Does.Contain("<rect class=\"bar\""));
    }

    [GeneratedRegex("<script[ >]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    // src/href/url() pointing at another origin; the SVG namespace is an identifier, not a request.
    [GeneratedRegex("(?:src|href)=\"(?:https?:)?//|url\\((?:https?:)?//|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
