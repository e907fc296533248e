using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests.Browser;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Tests.Dashboard;

/// <summary>
/// The dashboard during a real matrix: the AppHost composition in-process on the sim substrate against the bundled
/// sample (static suite for every profile, profile-matrix for platform and serving), watched in Chromium until the
/// grid reaches the final report's matrix, without a reload.
/// </summary>
[TestFixture]
[Category(TestCategories.Browser)]
[Category(TestCategories.Slow)]
public sealed class SimMatrixDashboardTests : BrowserFixture
{
#pragma warning disable NUnit1032 // created in StartAsync (called from [OneTimeSetUp]), disposed in [OneTimeTearDown]
    private HarnessApp? app;
#pragma warning restore NUnit1032
    private Uri url = null!;

    protected override async Task StartAsync()
    {
        var file = ScenarioLocator.FindBundled() ?? throw new InvalidOperationException($"{ScenarioLocator.Bundled} not found above {AppContext.BaseDirectory}.");
        var scenario = LiveScenarioFactory.Load(file);
        var limits = new Dictionary<string, TimeSpan> { ["healthy"] = TestTimeouts.Scale(TimeSpan.FromMinutes(2)), ["apply"] = TestTimeouts.Scale(TimeSpan.FromMinutes(1)) };
        IReadOnlyList<SuiteDefinition> suites =
        [
            new(SuiteKinds.Static, SuiteKinds.Static),
            new(SuiteKinds.ProfileMatrix, SuiteKinds.ProfileMatrix) { Profiles = ["platform", "serving"], Timeouts = limits },
        ];
        app = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim) { Suites = suites, StaticAnalysis = new StaticValidatorAnalysis() });
        await app.StartAsync(TestTimeouts.Token(TestTimeouts.Long));
        url = app.Resource<RunViewResource>("run-view").Url ?? throw new InvalidOperationException("The run view did not report its URL.");
    }

    [OneTimeTearDown]
    public async Task StopSystemAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs * 3)]
    public async Task GridOfASimMatrixReachesTheFinalReportWithoutReloading(CancellationToken cancellationToken)
    {
        await using var p = await NewPageAsync();
        var page = p.Page;
        await page.GotoAsync(url.AbsoluteUri);
        await page.EvaluateAsync(@"() => {
            window.__pvMarker = 'first-load';
            window.__pvVersions = [];
            new MutationObserver(() => {
                const v = document.body.dataset.version;
                if (v && window.__pvVersions[window.__pvVersions.length - 1] !== v) { window.__pvVersions.push(v); }
            }).observe(document.body, { attributes: true });
        }");

        var run = app!.Resource<ScenarioRunnerResource>("runner").RunAsync(cancellationToken);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#matrix a.cell').length > 0", null, new() { Timeout = (float)TestTimeouts.Long.TotalMilliseconds });
        await ScreenshotAsync(page, "sim-dashboard-1-running");
        var report = await run;
        await page.WaitForFunctionAsync("() => document.body.dataset.finished === 'true'", null, new() { Timeout = (float)TestTimeouts.Medium.TotalMilliseconds });
        await ScreenshotAsync(page, "sim-dashboard-2-final");
        await ScreenshotAsync(page.Locator("#matrix"), "sim-dashboard-3-matrix");

        var shown = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('#matrix a.cell')].map(a =>
            a.dataset.profile + '|' + a.dataset.check + '|' + a.dataset.outcome + '|' + a.querySelector('.n').firstChild.textContent).sort()");
        var matrix = report.Matrix;
        var expected = matrix.Rows.SelectMany(row => matrix.Columns.Select(column => (row, column, cell: matrix.Cell(row, column))))
            .Where(x => x.cell is not null)
            .Select(x => $"{x.row}|{x.column}|{Word(x.cell!.Outcome)}|{x.cell!.Passed}/{x.cell!.Total}")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.That(expected, Is.Not.Empty);
        Assert.That(shown, Is.EqualTo(expected), "the live grid differs from the run's final matrix");
        Assert.That(await page.Locator("#live-status").InnerTextAsync(), Does.Contain(report.Outcome == RunOutcome.Passed ? "Run passed" : "Run"));
        Assert.That(await page.EvaluateAsync<string>("() => window.__pvMarker"), Is.EqualTo("first-load"), "the page was reloaded");
        Assert.That(p.Navigations, Is.EqualTo(1));
        Assert.That(await page.EvaluateAsync<int>("() => window.__pvVersions.length"), Is.GreaterThan(2), "the page should have updated during the run");
        Assert.That(p.ScriptErrors, Is.Empty);
        TestContext.Out.WriteLine($"sim matrix: {report.Outcome}, {report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped in {report.Duration.TotalSeconds:0.0} s");
    }

    private static string Word(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.Failed => "failed",
        _ => "skipped",
    };
}
