using Microsoft.Playwright;
using PlatformValidation.Tests.Browser;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Reports.Html;

namespace PlatformValidation.Tests.Reports;

/// <summary>
/// The HTML report of a real failing run (the AppHost on the sim substrate, see <see cref="FailingSimRun"/>): reached
/// by keyboard, loaded with every request blocked, and read without JavaScript.
/// </summary>
[TestFixture]
[Category(TestCategories.Browser)]
[Category(TestCategories.Slow)]
public sealed class FailingSimRunReportTests : BrowserFixture
{
    private static readonly string[] Sections = ["nav", "summary", "resources", "matrix", "findings", "apps", "timings", "checks", "steps"];

    private RunReport report = null!;
    private string file = null!;
    private string anchor = null!;

    protected override async Task StartAsync()
    {
        (report, var resources) = await FailingSimRun.RunAsync(Path.Combine(ArtifactDirectory, "failing-sim-run"), TestTimeouts.Token(TestTimeouts.Long));
        file = Path.Combine(ArtifactDirectory, "failing-sim-run-report.html");
        await HtmlReportWriter.WriteAsync(report, file, new HtmlReportOptions { Resources = resources });
        TestContext.Out.WriteLine($"sim run: {report.Outcome}, {report.Passed} passed, {report.Failed} failed; diagnostics of {string.Join(", ", report.Diagnostics.Select(d => d.App))}");
        anchor = "app-" + FailingSimRun.App;
    }

    [Test]
    public void TheRunFailedOnTheFaultAndCollectedItsDiagnostics()
    {
        Assert.That(report.Outcome, Is.EqualTo(RunOutcome.Failed));
        Assert.That(report.Checks.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => c.App), Does.Contain(FailingSimRun.App));
        Assert.That(report.Diagnostics.Select(d => d.App), Does.Contain(FailingSimRun.App));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task KeyboardReachesTheFailingAppsDiagnosticsFromTheMatrix()
    {
        await using var p = await NewPageAsync();
        await p.Page.GotoAsync(new Uri(file).AbsoluteUri);
        await KeyboardJourney.RunAsync(p.Page, "profile-matrix/apps-healthy", FailingSimRun.Profile, anchor, name => ScreenshotAsync(p.Page, "sim-keyboard-" + name));
        var diagnostics = await p.Page.Locator("#" + anchor).InnerTextAsync();
        Assert.That(diagnostics, Does.Contain("FailedScheduling").And.Contain("node affinity/selector"), "the scheduler's event explains the failure");
        Assert.That(diagnostics, Does.Contain("Deployment").And.Contain("keda-operator"), "the resource tree names the workload");
        Assert.That(p.ScriptErrors, Is.Empty);
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task ReportLoadsCompletelyWithEveryNetworkRequestBlocked()
    {
        await using var p = await NewPageAsync();
        var url = new Uri(file).AbsoluteUri;
        var blocked = new List<string>();
        await p.Context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == url)
            {
                await route.ContinueAsync();
                return;
            }

            lock (blocked)
            {
                blocked.Add(route.Request.Url);
            }

            await route.AbortAsync();
        });
        await p.Page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await p.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.That(p.Requests, Is.EqualTo(new[] { url }), "the page asked for something besides itself");
        Assert.That(blocked, Is.Empty);
        Assert.That(p.FailedRequests, Is.Empty);
        Assert.That(p.ConsoleErrors, Is.Empty);
        Assert.That(p.ScriptErrors, Is.Empty);
        foreach (var id in Sections)
        {
            var section = p.Page.Locator($"#{id}");
            Assert.That(await section.IsVisibleAsync(), Is.True, $"section {id} is not rendered");
            Assert.That((await section.BoundingBoxAsync())!.Height, Is.GreaterThan(20), $"section {id} is empty");
        }

        Assert.That(await p.Page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('js') && !!document.getElementById('checks-filters')"), Is.True, "the inline script ran");
        Assert.That(await p.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('nav#nav')).position"), Is.EqualTo("sticky"), "the inline styles applied");
        Assert.That(await p.Page.Locator("#resources table").InnerTextAsync(), Does.Contain("cluster").And.Contain("argocd"));
        await ScreenshotAsync(p.Page, "sim-report-offline-top");
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task ReportIsReadableWithoutJavaScript()
    {
        await using var p = await NewPageAsync(javaScript: false);
        await p.Page.GotoAsync(new Uri(file).AbsoluteUri);
        var text = await p.Page.Locator("main").InnerTextAsync();
        Assert.That(text, Does.Contain("✖ failed").And.Contain("✔ passed").And.Contain(FailingSimRun.App));
        Assert.That(await p.Page.Locator($"#{anchor}-tree .diag-body").IsVisibleAsync(), Is.True, "the resource tree is open without script");
        await p.Page.Locator($"#{anchor}-events > summary").FocusAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        Assert.That(await p.Page.Locator($"#{anchor}-events ul.events").InnerTextAsync(), Does.Contain("FailedScheduling"));
        await ScreenshotAsync(p.Page.Locator("#" + anchor), "sim-report-no-javascript-app");
    }
}
