using PlatformValidation.Tests.Browser;
using PlatformValidation.Validators.Live.Reports.Html;

namespace PlatformValidation.Tests.Reports;

/// <summary>The frozen report of a large synthetic failing run (40 apps), driven by keyboard only.</summary>
[TestFixture]
[Category(TestCategories.Browser)]
public sealed class HtmlReportKeyboardTests : BrowserFixture
{
    private string file = null!;

    protected override async Task StartAsync()
    {
        var report = SyntheticRunReports.Build(failing: true);
        file = Path.Combine(ArtifactDirectory, "failing-run-report.html");
        await HtmlReportWriter.WriteAsync(report, file);
        TestContext.AddTestAttachment(file, "the failing run's HTML report");
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task KeyboardReachesTheFailingAppsDiagnosticsFromTheMatrix()
    {
        await using var p = await NewPageAsync();
        await p.Page.GotoAsync(new Uri(file).AbsoluteUri);
        await KeyboardJourney.RunAsync(p.Page, "profile-matrix/apps-healthy", "serving", "app-" + SyntheticRunReports.CrdFailingApp, name => ScreenshotAsync(p.Page, "synthetic-keyboard-" + name));
        Assert.That(await p.Page.Locator("#app-" + SyntheticRunReports.CrdFailingApp).InnerTextAsync(), Does.Contain("InferencePool").And.Contain("CrashLoopBackOff").And.Contain("SyncError"));
        Assert.That(p.ScriptErrors, Is.Empty);
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task EveryFocusStopShowsAVisibleFocusIndicator()
    {
        await using var p = await NewPageAsync();
        await p.Page.GotoAsync(new Uri(file).AbsoluteUri);
        var visited = new List<FocusInfo>();
        for (var i = 0; i < 400; i++)
        {
            var focus = await PressAsync(p.Page, "Tab");
            if (focus.Tag == "BODY" || (visited.Count > 0 && focus.Text == "Skip to content"))
            {
                break;
            }

            visited.Add(focus);
        }

        Assert.That(visited, Has.Count.GreaterThan(20));
        Assert.That(visited.Where(f => f.Outline == "none").Select(f => $"{f.Tag}#{f.Id} {f.Text}"), Is.Empty, "elements focused without a visible outline");
        var texts = visited.Select(f => f.Text).ToList();
        Assert.That(texts, Does.Contain("Matrix").And.Contain("Failing apps (2)"), "nav links are reachable");
        Assert.That(visited.Count(f => f.Tag == "SUMMARY"), Is.GreaterThan(5), "disclosure panels are reachable");
        Assert.That(visited.Count(f => f.Cls.Contains("cell", StringComparison.Ordinal)), Is.EqualTo(1), "the matrix is one tab stop (arrow keys move inside it)");
    }
}
