using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests.Browser;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Tests.Dashboard;

/// <summary>
/// The Aspire Dashboard during a sim matrix (the composition <c>matrix --dashboard on</c> runs, in-process): the login
/// URL the CLI prints opens the dashboard, whose resources grid lists the AppHost's resources Running and Healthy while
/// the suites run. The screenshot is the README's; <c>PV_UPDATE_SCREENSHOTS=1</c> rewrites docs/images/aspire-dashboard.png.
/// </summary>
[TestFixture]
[Category(TestCategories.Browser)]
[Category(TestCategories.Slow)]
public sealed class AspireDashboardScreenshotTests : BrowserFixture
{
    private static readonly string[] Expected = ["cluster", "fake-llm", "git", "argocd", "runner", "run-view"];

#pragma warning disable NUnit1032 // created in StartAsync (called from [OneTimeSetUp]), disposed in [OneTimeTearDown]
    private HarnessApp? app;
#pragma warning restore NUnit1032
    private string announced = string.Empty;

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
        app = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim) { Suites = suites, StaticAnalysis = new StaticValidatorAnalysis(), AspireDashboard = true });
        await app.StartAsync(TestTimeouts.Token(TestTimeouts.Long));
        using var stdout = new StringWriter();
        await LiveRun.AnnounceAsync(app, SubstrateKind.Sim, stdout);
        announced = stdout.ToString();
    }

    protected override async Task StopAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs * 3)]
    public async Task TheLoginUrlOpensTheResourcesGridWithEveryResourceRunningAndHealthy(CancellationToken cancellationToken)
    {
        const string prefix = "Aspire Dashboard (resources, logs, traces, commands): ";
        var line = announced.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.That(line, Is.Not.Null, "the login URL line is printed: " + announced);
        var login = new Uri(line![prefix.Length..]);
        Assert.That(login.Host, Is.EqualTo("127.0.0.1"));

        var run = app!.Resource<ScenarioRunnerResource>("runner").RunAsync(cancellationToken);
        await using var p = await NewPageAsync();
        var page = p.Page;
        await page.SetViewportSizeAsync(1440, 720);
        await page.GotoAsync(login.AbsoluteUri);

        // The resources page is the dashboard's home (upstream: dotnet/aspire src/Aspire.Dashboard/Components/Pages/Resources.razor);
        // a row per resource with its state and health ("Running", "Healthy" once every check passes).
        var rowsReady = string.Join(
            " && ",
            Expected.Select(name => $"[...document.querySelectorAll('[role=row], tr')].some(r => r.innerText.includes('{name}') && r.innerText.includes('Running'))"));
        await page.WaitForFunctionAsync($"() => {rowsReady}", null, new() { Timeout = (float)TestTimeouts.Long.TotalMilliseconds });
        var rows = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[role=row], tr')].map(r => r.innerText.replace(/\\s+/g, ' ').trim())");
        foreach (var name in Expected)
        {
            var row = rows.FirstOrDefault(r => r.Contains(name, StringComparison.Ordinal) && r.Contains("Running", StringComparison.Ordinal));
            Assert.That(row, Is.Not.Null, $"resource '{name}' is Running on the grid: {string.Join(" | ", rows)}");
            Assert.That(row, Does.Not.Contain("Unhealthy"), $"resource '{name}' is Healthy");
        }

        // The title and header carry the product's name (HarnessHost.ApplicationName), not the entry assembly's ("testhost" here).
        var title = await page.TitleAsync();
        Assert.That(title, Does.Contain(HarnessHost.ApplicationName).And.Not.Contain("testhost"), "the dashboard's title");

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // icons and column widths settle
        var path = await ScreenshotAsync(page, "aspire-dashboard-resources");
        if (Environment.GetEnvironmentVariable("PV_UPDATE_SCREENSHOTS") == "1")
        {
            var images = Path.Combine(RepositoryRoot(), "docs", "images");
            Directory.CreateDirectory(images);
            File.Copy(path, Path.Combine(images, "aspire-dashboard.png"), overwrite: true);
        }

        var report = await run;
        TestContext.Out.WriteLine($"sim matrix with the Aspire Dashboard: {report.Outcome}, {report.Passed} passed, {report.Failed} failed in {report.Duration.TotalSeconds:0.0} s");
        Assert.That(p.ScriptErrors, Is.Empty);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ScenarioLocator.Bundled)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (with {ScenarioLocator.Bundled}) above {AppContext.BaseDirectory}.");
    }
}
