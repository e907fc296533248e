using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Reports;
using PlatformValidation.AppHost.Resources.FakeLlm;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Scenario.Tests.Support;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Scenario.Tests;

/// <summary>
/// What the harness itself promises about the run <see cref="ScenarioRun"/> made on the testing builder: no secret
/// leaves the process, the reports state the substrate, the bundled sample passes every suite (the README's main
/// command, formerly an end-to-end test of its own), the dashboard carries the product's name, and the fake LLM's
/// /metrics is linked from its resource.
/// </summary>
[TestFixture]
[Category(TestCategories.Slow)]
public sealed class HarnessRunTests
{
    [Test]
    public void NoSecretLeavesTheProcessAndTheReportsStateTheSubstrate()
    {
        var run = ScenarioRun.Results;
        var json = JsonRunReportWriter.ToJson(run.Report).ToJsonString();
        var junit = JUnitRunReportWriter.ToXml(run.Report).ToString();
        var html = HtmlRunReportWriter.Render(run.Report);
        var logs = string.Join("\n", run.App.Resources.OfType<HarnessResource>().SelectMany(r => r.Log.Snapshot()));
        var all = string.Join("\n", run.Console, json, junit, html, logs, string.Join("\n", run.Traces()));
        Assert.Multiple(() =>
        {
            Assert.That(all, Does.Not.Contain(ScenarioRun.SentinelApiKey));
            Assert.That(all, Does.Not.Contain(ScenarioRun.SentinelToken));
            Assert.That(run.Report.Substrate, Is.EqualTo("sim"));
            Assert.That(json, Does.Contain("\"substrate\": \"sim\"").Or.Contain("\"substrate\":\"sim\""));
            Assert.That(html, Does.Contain("<dt>Substrate</dt><dd>sim</dd>"), "the HTML report states the substrate");
        });
    }

    [Test]
    public void TheBundledSampleMatrixPassesEverySuiteOnSim()
    {
        if (!ScenarioSelection.IsBundledSample)
        {
            Assert.Ignore($"{ScenarioSelection.ScenarioVariable} names another scenario; its own cases say how it did.");
        }

        var report = ScenarioRun.Results.Report;
        Assert.That(report.Checks.Select(c => c.Suite).Distinct(), Is.SupersetOf(SuiteKinds.All));
        Assert.That(report.Outcome, Is.EqualTo(RunOutcome.Passed), ScenarioRun.Results.Console);
    }

    [Test]
    public void TheAspireDashboardShowsTheProductNameAlsoOnTheTestingBuilder()
    {
        // The dashboard's title and header come from AppHost:DashboardApplicationName (upstream: dotnet/aspire
        // src/Aspire.Hosting/Dashboard/DashboardService.cs); without it the entry assembly, "testhost" here, is shown.
        var configuration = ScenarioRun.Results.App.Services.GetRequiredService<IConfiguration>();
        Assert.That(configuration["AppHost:DashboardApplicationName"], Is.EqualTo(HarnessHost.ApplicationName));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task TheFakeLlmResourceLinksItsMetricsWithADisplayText(CancellationToken cancellationToken)
    {
        var app = ScenarioRun.Results.App;
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        Assert.That(notifications.TryGetCurrentState("fake-llm", out var state), Is.True, "the fake-llm resource has a state");
        var link = state!.Snapshot.Urls.SingleOrDefault(u => u.DisplayProperties.DisplayName == FakeLlmResource.MetricsDisplayText);
        Assert.That(link, Is.Not.Null, "the resource's URLs: " + string.Join(", ", state.Snapshot.Urls.Select(u => $"{u.DisplayProperties.DisplayName} {u.Url}")));
        Assert.That(app.Resource<FakeLlmResource>("fake-llm").Annotations.OfType<ResourceUrlAnnotation>().Select(a => a.DisplayText), Does.Contain(FakeLlmResource.MetricsDisplayText), "added as an Aspire URL annotation");
        var url = new Uri(link!.Url);
        Assert.That(url.Host, Is.EqualTo("127.0.0.1"));

        // After the run the cost gates are scaled down: the link answers what is missing instead of an error page.
        using var http = new HttpClient { Timeout = TestTimeouts.Short };
        using var response = await http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            Assert.That(body, Does.Contain("vllm:num_requests_running"), "vLLM's series");
        }
        else
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(503).Or.EqualTo(404), body);
            Assert.That(body, Does.Contain("Service").And.Not.Contain("Exception"), body);
        }
    }
}
