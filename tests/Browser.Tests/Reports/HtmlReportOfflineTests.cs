using Microsoft.Playwright;
using PlatformValidation.Tests.Browser;
using PlatformValidation.Validators.Live.Reports.Html;

namespace PlatformValidation.Tests.Reports;

/// <summary>The frozen report is one self-contained file: with every request but the file itself blocked, nothing is missing.</summary>
[TestFixture]
[Category(TestCategories.Browser)]
public sealed class HtmlReportOfflineTests : BrowserFixture
{
    private static readonly string[] Sections = ["nav", "summary", "matrix", "findings", "apps", "timings", "checks", "steps"];

    private string file = null!;
    private int healthyTimings;

    protected override async Task StartAsync()
    {
        file = Path.Combine(ArtifactDirectory, "offline-report.html");
        var report = SyntheticRunReports.Build(failing: true);
        healthyTimings = report.Timings.Count(t => t.TimeToHealthy is not null);
        await HtmlReportWriter.WriteAsync(report, file);
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
            }
            else
            {
                lock (blocked)
                {
                    blocked.Add(route.Request.Url);
                }

                await route.AbortAsync();
            }
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

        var state = await EvaluateJsonAsync<PageState>(p.Page, @"() => ({
            scriptRan: document.documentElement.classList.contains('js') && !!document.getElementById('checks-filters'),
            styled: getComputedStyle(document.querySelector('.st-bad')).backgroundColor !== 'rgba(0, 0, 0, 0)'
                 && getComputedStyle(document.querySelector('nav#nav')).position === 'sticky',
            stylesheets: document.styleSheets.length,
            externalStylesheets: [...document.styleSheets].filter(s => s.href).length,
            externalScripts: document.querySelectorAll('script[src]').length,
            brokenImages: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length,
            charts: document.querySelectorAll('figure.chart svg').length,
            bars: [...document.querySelectorAll('svg.bars rect.bar')].filter(r => r.getBBox().width > 0).length,
            externalRefs: [...document.querySelectorAll('[src],[href]')].map(e => e.getAttribute('src') || e.getAttribute('href')).filter(v => /^(https?:)?\/\//.test(v)).length,
            matrixCells: document.querySelectorAll('table.matrix a.cell').length,
        })");
        Assert.Multiple(() =>
        {
            Assert.That(state.ScriptRan, Is.True, "the inline script did not run");
            Assert.That(state.Styled, Is.True, "the inline styles were not applied");
            Assert.That(state.Stylesheets, Is.EqualTo(1));
            Assert.That(state.ExternalStylesheets, Is.Zero);
            Assert.That(state.ExternalScripts, Is.Zero);
            Assert.That(state.BrokenImages, Is.Zero);
            Assert.That(state.Charts, Is.EqualTo(4), "one time-to-healthy chart per profile");
            Assert.That(state.Bars, Is.EqualTo(healthyTimings), "one bar per app that became healthy");
            Assert.That(state.ExternalRefs, Is.Zero);
            Assert.That(state.MatrixCells, Is.GreaterThan(10));
        });
        await ScreenshotAsync(p.Page, "offline-report-top");
        await ScreenshotAsync(p.Page, "offline-report-full", fullPage: true);
        foreach (var id in new[] { "matrix", "findings", "timings", "checks" })
        {
            await ScreenshotAsync(p.Page.Locator($"#{id}"), $"offline-report-section-{id}");
        }
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task ReportIsReadableWithoutJavaScript()
    {
        await using var p = await NewPageAsync(javaScript: false);
        await p.Page.GotoAsync(new Uri(file).AbsoluteUri);
        var text = await p.Page.Locator("main").InnerTextAsync();
        Assert.That(text, Does.Contain("✖ failed").And.Contain("✔ passed").And.Contain(SyntheticRunReports.CrdFailingApp).And.Contain("DEP001"));
        Assert.That(text, Does.Contain("serving/vllm-router/inferencepool.yaml:1:1"), "findings show file:line");
        Assert.That(await p.Page.Locator("#app-vllm-router-tree .diag-body").IsVisibleAsync(), Is.True, "the resource tree is open without script");

        // Native disclosure works from the keyboard without script.
        await p.Page.Locator("#app-vllm-router-logs > summary").FocusAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        Assert.That(await p.Page.Locator("#app-vllm-router-logs pre.log").IsVisibleAsync(), Is.True);
        Assert.That(await p.Page.Locator("#checks-filters").CountAsync(), Is.Zero, "script-only controls are absent without script");
        await ScreenshotAsync(p.Page, "no-javascript-report", fullPage: false);
    }

    private sealed record PageState(bool ScriptRan, bool Styled, int Stylesheets, int ExternalStylesheets, int ExternalScripts, int BrokenImages, int Charts, int Bars, int ExternalRefs, int MatrixCells);
}
