using PlatformValidation.Tests.Browser;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Reports.Html;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.Tests.Reports;

/// <summary>Structure a screen reader relies on, words beside every status, and text from the cluster kept inert.</summary>
[TestFixture]
[Category(TestCategories.Browser)]
public sealed class HtmlReportAccessibilityTests : BrowserFixture
{
    private const string Sentinel = "sk-live-SENTINEL-7f3a9c21";

    private string file = null!;

    protected override async Task StartAsync()
    {
        var failing = SyntheticRunReports.Build(failing: true);
        // A secret that slipped into a check message and a pod log: the view masks it again.
        var leaked = failing with
        {
            Checks = [.. failing.Checks, new CheckResult("profile-matrix", "smoke", "full", CheckOutcome.Failed, $"smoke with Authorization: Bearer {Sentinel} returned 500", TimeSpan.FromSeconds(1))],
            Diagnostics = [.. failing.Diagnostics.Select(d => d with { PodLogs = [.. d.PodLogs, new PodLog("llm/x", "c", "api key " + Sentinel)] })],
        };
        var redactor = new SecretRedactor();
        redactor.Register(Sentinel);
        file = Path.Combine(ArtifactDirectory, "accessibility-report.html");
        await HtmlReportWriter.WriteAsync(leaked, file, new HtmlReportOptions { Redactor = redactor });
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task TablesHeadingsAndLandmarksAreSemantic()
    {
        await using var p = await NewPageAsync();
        await p.Page.GotoAsync(new Uri(file).AbsoluteUri);
        var s = await EvaluateJsonAsync<Structure>(p.Page, @"() => ({
            tables: document.querySelectorAll('table').length,
            tablesWithoutCaption: [...document.querySelectorAll('table')].filter(t => !t.caption || !t.caption.textContent.trim()).length,
            headerCellsWithoutScope: [...document.querySelectorAll('th')].filter(th => !th.getAttribute('scope')).length,
            h1: document.querySelectorAll('h1').length,
            landmarks: ['header', 'nav', 'main', 'footer'].filter(t => document.querySelector(t)).length,
            skipFirst: document.querySelector('body a').classList.contains('skip'),
            badgesWithoutWord: [...document.querySelectorAll('.st')].filter(b => b.textContent.replace(b.querySelector('.ic')?.textContent || '', '').trim().length < 2).length,
            iconsNotHidden: [...document.querySelectorAll('.st .ic')].filter(i => i.getAttribute('aria-hidden') !== 'true').length,
            chartsWithoutName: [...document.querySelectorAll('svg[role=img]')].filter(s => !s.getAttribute('aria-labelledby')).length,
            headingOrderJumps: (() => { let last = 1, jumps = 0; document.querySelectorAll('h1,h2,h3,h4,h5,h6').forEach(h => { const l = +h.tagName[1]; if (l > last + 1) jumps++; last = l; }); return jumps; })(),
            lang: document.documentElement.lang,
        })");
        Assert.Multiple(() =>
        {
            Assert.That(s.Tables, Is.GreaterThan(5));
            Assert.That(s.TablesWithoutCaption, Is.Zero, "every table has a caption");
            Assert.That(s.HeaderCellsWithoutScope, Is.Zero, "every th has a scope");
            Assert.That(s.H1, Is.EqualTo(1));
            Assert.That(s.Landmarks, Is.EqualTo(4), "header, nav, main and footer");
            Assert.That(s.SkipFirst, Is.True, "the skip link is the first link");
            Assert.That(s.BadgesWithoutWord, Is.Zero, "every status has a word beside its icon");
            Assert.That(s.IconsNotHidden, Is.Zero, "icons are decorative for screen readers");
            Assert.That(s.ChartsWithoutName, Is.Zero);
            Assert.That(s.HeadingOrderJumps, Is.Zero, "heading levels never skip");
            Assert.That(s.Lang, Is.EqualTo("en"));
        });
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task TextFromTheClusterIsShownNotExecuted()
    {
        await using var p = await NewPageAsync();
        await p.Page.GotoAsync(new Uri(file).AbsoluteUri);
        await p.Page.Locator("#app-vllm-router-events > summary").ClickAsync();
        Assert.That(await p.Page.TitleAsync(), Does.Not.Contain("pwned"));
        Assert.That(await p.Page.Locator("img[src=x]").CountAsync(), Is.Zero);
        Assert.That(await p.Page.Locator("main script").CountAsync(), Is.Zero);
        Assert.That(await p.Page.Locator("#app-vllm-router-events").InnerTextAsync(), Does.Contain("<img src=x onerror="), "the hostile text is shown as text");
        Assert.That(p.ScriptErrors, Is.Empty);
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task DarkThemeKeepsStatusesReadable()
    {
        await using var p = await NewPageAsync(colorScheme: Microsoft.Playwright.ColorScheme.Dark);
        await p.Page.GotoAsync(new Uri(file).AbsoluteUri + "#app-" + SyntheticRunReports.CrdFailingApp);
        var colours = await p.Page.EvaluateAsync<string[]>("() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('.st-bad')).color, getComputedStyle(document.querySelector('.st-bad')).backgroundColor]");
        Assert.That(colours[0], Is.EqualTo("rgb(13, 17, 23)"), "the page follows the dark colour scheme");
        Assert.That(colours[1], Is.Not.EqualTo(colours[2]));
        await ScreenshotAsync(p.Page, "dark-theme-failing-app");
    }

    [Test]
    public async Task RegisteredSecretsNeverAppearInThePage()
    {
        var html = await File.ReadAllTextAsync(file);
        Assert.That(html, Does.Not.Contain(Sentinel));
        Assert.That(html, Does.Contain("Bearer " + SecretRedactor.Mask));
    }

    private sealed record Structure(int Tables, int TablesWithoutCaption, int HeaderCellsWithoutScope, int H1, int Landmarks, bool SkipFirst, int BadgesWithoutWord, int IconsNotHidden, int ChartsWithoutName, int HeadingOrderJumps, string Lang);
}
