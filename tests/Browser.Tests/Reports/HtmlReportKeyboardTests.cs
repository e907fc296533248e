using PlatformValidation.Tests.Browser;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Reports.Html;

namespace PlatformValidation.Tests.Reports;

/// <summary>The frozen report of a failing run, driven by keyboard only.</summary>
[TestFixture]
[Category(TestCategories.Browser)]
public sealed class HtmlReportKeyboardTests : BrowserFixture
{
    private RunReport report = null!;
    private string file = null!;

    protected override async Task StartAsync()
    {
        report = SyntheticRunReports.Build(failing: true);
        file = Path.Combine(ArtifactDirectory, "failing-run-report.html");
        await HtmlReportWriter.WriteAsync(report, file);
        TestContext.AddTestAttachment(file, "the failing run's HTML report");
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task KeyboardReachesTheFailingAppsDiagnosticsFromTheMatrix()
    {
        await using var p = await NewPageAsync();
        var page = p.Page;
        await page.GotoAsync(new Uri(file).AbsoluteUri);

        // The skip link comes first and is visible when focused.
        var focus = await PressAsync(page, "Tab");
        Assert.That(focus.Text, Is.EqualTo("Skip to content"));
        Assert.That(await page.Locator("a.skip").IsVisibleAsync(), Is.True);
        Assert.That(focus.Outline, Is.Not.EqualTo("none"), "focus must be visible");
        await ScreenshotAsync(page, "keyboard-1-skip-link");

        // Tab into the matrix: one cell is in the tab order (the first failing one).
        for (var i = 0; i < 40 && !focus.Cls.Contains("cell", StringComparison.Ordinal); i++)
        {
            focus = await PressAsync(page, "Tab");
        }

        Assert.That(focus.Cls, Does.Contain("cell"), "Tab never reached the matrix");

        // Arrow keys move to the cell of check profile-matrix/apps-healthy × profile serving.
        var target = await page.EvaluateAsync<string>("() => document.querySelector('a.cell[data-check=\"profile-matrix/apps-healthy\"][data-profile=\"serving\"]').id");
        var (targetRow, targetColumn) = Position(target);
        for (var i = 0; i < 60 && focus.Id != target; i++)
        {
            var (r, c) = Position(focus.Id);
            var key = r < targetRow ? "ArrowDown" : r > targetRow ? "ArrowUp" : c < targetColumn ? "ArrowRight" : "ArrowLeft";
            focus = await PressAsync(page, key);
        }

        Assert.That(focus.Id, Is.EqualTo(target), "the arrow keys did not reach the failing cell");
        Assert.That(focus.Text, Does.Contain("failed"));
        await ScreenshotAsync(page, "keyboard-2-matrix-cell");

        // Enter follows the cell to the failing app: focus lands on its diagnostics, which are open and visible.
        await page.Keyboard.PressAsync("Enter");
        var anchor = "app-" + SyntheticRunReports.CrdFailingApp;
        await page.WaitForFunctionAsync($"() => document.activeElement && document.activeElement.id === '{anchor}'");
        focus = await FocusAsync(page);
        Assert.That(focus.Id, Is.EqualTo(anchor));
        foreach (var part in new[] { "tree", "conditions", "events", "logs", "diff" })
        {
            Assert.That(await page.Locator($"#{anchor}-{part} .diag-body").IsVisibleAsync(), Is.True, $"the {part} of the failing app should be visible");
        }

        Assert.That(await page.Locator($"#{anchor}").InnerTextAsync(), Does.Contain("InferencePool").And.Contain("CrashLoopBackOff").And.Contain("SyncError"));
        await ScreenshotAsync(page, "keyboard-3-failing-app-diagnostics");

        // Space on a panel's summary collapses and expands it.
        for (var i = 0; i < 20 && !(focus.Tag == "SUMMARY" && focus.Text.StartsWith("Pod logs", StringComparison.Ordinal)); i++)
        {
            focus = await PressAsync(page, "Tab");
        }

        Assert.That(focus.Text, Does.StartWith("Pod logs"));
        await page.Keyboard.PressAsync("Space");
        Assert.That(await page.Locator($"#{anchor}-logs .diag-body").IsVisibleAsync(), Is.False, "Space should collapse the pod logs");
        await page.Keyboard.PressAsync("Space");
        Assert.That(await page.Locator($"#{anchor}-logs pre.log").First.IsVisibleAsync(), Is.True, "Space should expand the pod logs again");
        await ScreenshotAsync(page, "keyboard-4-pod-logs");
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

    private static (int Row, int Column) Position(string id)
    {
        var parts = id.Split('-');
        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}
