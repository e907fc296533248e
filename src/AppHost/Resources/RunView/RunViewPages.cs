using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Reports.Html;

using PlatformValidation.AppHost.Reports;

namespace PlatformValidation.AppHost.Resources.RunView;

/// <summary>
/// The run view: <c>/</c> (the run view, live), <c>/api/view</c> (its sections as JSON, for polling),
/// <c>/api/view/stream</c> (the same as server-sent events, pushed when something changes) and <c>/report.html</c>
/// (the frozen report of what has happened so far).
/// </summary>
public static class RunViewPages
{
    public const string ViewPath = "/api/view";

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(100);

    public static void Map(WebApplication app, RunViewResource dashboard)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(dashboard);
        var feed = new RunViewChangeFeed(dashboard.Resources, () => dashboard.Run);
        app.Lifetime.ApplicationStopped.Register(feed.Dispose);
        app.MapGet("/", () => Results.Content(ReportPage.Render(Report(dashboard), Options(dashboard, live: true)), "text/html; charset=utf-8"));
        app.MapGet("/report.html", () => Results.Content(HtmlReportWriter.Render(Report(dashboard), Options(dashboard, live: false)), "text/html; charset=utf-8"));
        app.MapGet(ViewPath, () => Results.Content(View(dashboard, feed.Version).ToJsonString(), "application/json; charset=utf-8"));
        app.MapGet(ViewPath + "/stream", (HttpContext http) => StreamAsync(http, dashboard, feed));
    }

    /// <summary>What the page shows now, as JSON: <c>version</c>, <c>status</c>, <c>finished</c> and each section's HTML.</summary>
    public static JsonObject View(RunViewResource dashboard, long version)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var report = Report(dashboard);
        var options = Options(dashboard, live: true);
        var sections = new JsonObject();
        foreach (var s in Validators.Live.Reports.Html.RunView.Sections(report, options))
        {
            sections[s.Id] = s.Html;
        }

        return new JsonObject
        {
            ["version"] = version,
            ["status"] = Validators.Live.Reports.Html.RunView.StatusLine(report, options),
            ["finished"] = dashboard.Run?.Final is not null,
            ["sections"] = sections,
        };
    }

    private static async Task StreamAsync(HttpContext http, RunViewResource dashboard, RunViewChangeFeed feed)
    {
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var token = cts.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        long sent = -1;
        var lastWrite = DateTime.UtcNow;
        try
        {
            await http.Response.WriteAsync("retry: 2000\n\n", token);
            while (!token.IsCancellationRequested)
            {
                var version = feed.Version;
                if (version != sent)
                {
                    var json = View(dashboard, version).ToJsonString();
                    await http.Response.WriteAsync($"id: {version}\nevent: view\ndata: {json}\n\n", Encoding.UTF8, token);
                    await http.Response.Body.FlushAsync(token);
                    sent = version;
                    lastWrite = DateTime.UtcNow;
                }
                else if (DateTime.UtcNow - lastWrite >= Heartbeat)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", token);
                    await http.Response.Body.FlushAsync(token);
                    lastWrite = DateTime.UtcNow;
                }

                await feed.WaitForChangeAsync(sent, Heartbeat, token);
                await Task.Delay(Coalesce, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The page went away or the AppHost is stopping.
        }
    }

    private static RunReport Report(RunViewResource dashboard) =>
        dashboard.Run?.Snapshot() ?? new RunReport("(no run)", "-", DateTimeOffset.UtcNow, TimeSpan.Zero, RunOutcome.Passed, [], [], [], [], []);

    private static HtmlReportOptions Options(RunViewResource dashboard, bool live) => new()
    {
        // Live, the Aspire Dashboard shows the resources; the frozen report keeps them as evidence.
        Resources = live ? [] : HostResourceViews.From(dashboard.Resources),
        InProgress = dashboard.Run is { Final: null },
        CurrentStep = dashboard.Run?.CurrentStep,
        LiveEndpoint = live ? ViewPath : null,
    };
}
