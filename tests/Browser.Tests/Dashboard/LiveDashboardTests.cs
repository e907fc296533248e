using Microsoft.Extensions.Logging.Abstractions;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests.Browser;
using PlatformValidation.Tests.Reports;
using PlatformValidation.Validators.Live.Reports;

namespace PlatformValidation.Tests.Dashboard;

/// <summary>
/// The AppHost's run view during a run driven by a progress source the test controls: the grid fills in live over
/// server-sent events, without reloading, and ends equal to the final report's matrix.
/// </summary>
[TestFixture]
[Category(TestCategories.Browser)]
public sealed class LiveDashboardTests : BrowserFixture
{
#pragma warning disable NUnit1032 // created in StartAsync (called from [OneTimeSetUp]), disposed in [OneTimeTearDown]
    private RunViewResource? app;
#pragma warning restore NUnit1032
    private RunProgress progress = null!;
    private Uri url = null!;

    protected override async Task StartAsync()
    {
        progress = new RunProgress("sample-platform", "sim", SyntheticRunReports.Profiles);
        app = await StartViewAsync(progress);
        url = app.Url ?? throw new InvalidOperationException("The run view did not report its URL.");
    }

    [OneTimeTearDown]
    public async Task StopDashboardAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
        }
    }

    private static async Task<RunViewResource> StartViewAsync(RunProgress run)
    {
        var view = new RunViewResource("run-view", 0) { Run = run };
        await view.StartAsync(new ResourceStartContext(Path.GetTempPath(), NullLogger.Instance), TestTimeouts.Token(TestTimeouts.Medium));
        return view;
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task GridReachesTheFinalStateWithoutReloading(CancellationToken cancellationToken)
    {
        var final = SyntheticRunReports.Build(failing: true);
        await using var p = await NewPageAsync();
        var page = p.Page;
        await page.GotoAsync(url.AbsoluteUri);
        Assert.That(await page.Locator("#matrix").InnerTextAsync(), Does.Contain("No check has finished yet"));
        Assert.That(await page.Locator("#live-status").InnerTextAsync(), Does.Contain("Running"));

        // Remember this document and every version the page shows; a reload would lose both.
        await page.EvaluateAsync(@"() => {
            window.__pvMarker = 'first-load';
            window.__pvVersions = [];
            window.__pvPendingSeen = 0;
            new MutationObserver(() => {
                const v = document.body.dataset.version;
                if (v && window.__pvVersions[window.__pvVersions.length - 1] !== v) { window.__pvVersions.push(v); }
                window.__pvPendingSeen = Math.max(window.__pvPendingSeen, document.querySelectorAll('#matrix .st-pending').length);
            }).observe(document.body, { attributes: true, childList: true, subtree: true });
        }");
        await page.WaitForFunctionAsync("() => document.body.dataset.version !== undefined");

        // Focus a control the updates re-render (the nav's counts change): it must keep focus.
        await page.FocusAsync("nav a[href='#checks']");
        var replay = ProgressReplay.RunAsync(progress, final, TimeSpan.FromMilliseconds(25), cancellationToken);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#matrix a.cell').length > 0 && document.querySelectorAll('#matrix .st-pending').length > 0");
        await ScreenshotAsync(page, "dashboard-1-mid-run");
        await replay;
        await page.WaitForFunctionAsync("() => document.body.dataset.finished === 'true'", null, new() { Timeout = (float)TestTimeouts.Medium.TotalMilliseconds });
        await ScreenshotAsync(page, "dashboard-2-final");

        var shown = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('#matrix a.cell')].map(a =>
            a.dataset.profile + '|' + a.dataset.check + '|' + a.dataset.outcome + '|' + a.querySelector('.n').firstChild.textContent).sort()");
        var empty = await page.Locator("#matrix td.empty").CountAsync();
        var expected = Expected(final);
        Assert.That(shown, Is.EqualTo(expected), "the live grid differs from the final report's matrix");
        Assert.That(empty + shown.Length, Is.EqualTo(final.Matrix.Columns.Count * final.Matrix.Rows.Count), "every other cell says there is no check");
        Assert.That(await page.Locator("#matrix .st-pending").CountAsync(), Is.Zero, "no cell is left pending");
        Assert.That(await page.Locator("#live-status").InnerTextAsync(), Does.Contain("Run failed"));
        Assert.That(await page.Locator("#apps").InnerTextAsync(), Does.Contain(SyntheticRunReports.CrdFailingApp).And.Contain(SyntheticRunReports.SecretFailingApp));
        Assert.That(await page.Locator("#findings").InnerTextAsync(), Does.Contain("serving/vllm-router/inferencepool.yaml:1:1"));
        Assert.That(await page.Locator("#timings svg").CountAsync(), Is.EqualTo(4));

        Assert.That(await page.EvaluateAsync<string>("() => window.__pvMarker"), Is.EqualTo("first-load"), "the page was reloaded");
        Assert.That(p.Navigations, Is.EqualTo(1), "the page navigated again");
        Assert.That(await page.EvaluateAsync<int>("() => window.__pvVersions.length"), Is.GreaterThan(3), "the grid should update several times during the run");
        Assert.That(await page.EvaluateAsync<int>("() => window.__pvPendingSeen"), Is.GreaterThan(0), "pending cells should show while the run goes on");
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href') + ' ' + document.activeElement.textContent"), Is.EqualTo($"#checks All checks ({final.Checks.Count})"), "focus stays on the control the user was on");
        Assert.That(p.ScriptErrors, Is.Empty);
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task StoppingTheAppHostEndsOpenEventStreams()
    {
        var system = await StartViewAsync(new RunProgress("s", "sim", ["p"]));
        try
        {
            await using var p = await NewPageAsync();
            await p.Page.GotoAsync(system.Url!.AbsoluteUri);
            await p.Page.WaitForFunctionAsync("() => document.body.dataset.version !== undefined");

            // A page left open must not hold the AppHost's shutdown (Kestrel waits for open requests).
            var stop = system.StopAsync();
            var finished = await Task.WhenAny(stop, Task.Delay(TestTimeouts.Short));
            Assert.That(finished, Is.SameAs(stop), "stopping hung on the open event stream");
            await stop;
        }
        finally
        {
            await system.StopAsync();
        }
    }

    private static string[] Expected(RunReport report)
    {
        var matrix = report.Matrix;
        return [.. matrix.Rows.SelectMany(profile => matrix.Columns.Select(column => (profile, column, cell: matrix.Cell(profile, column))))
            .Where(x => x.cell is not null)
            .Select(x => $"{x.profile}|{x.column}|{Word(x.cell!.Outcome)}|{x.cell!.Passed}/{x.cell!.Total}")
            .Order(StringComparer.Ordinal)];
    }

    private static string Word(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.Failed => "failed",
        _ => "skipped",
    };
}
