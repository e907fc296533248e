using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.AppHost.Telemetry;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Hosting;

namespace PlatformValidation.AppHost.Resources.RunView;

/// <summary>
/// The view of a run that the Aspire Dashboard does not have — profile × check matrix, failing apps with their
/// diagnostics, time-to-healthy charts — served live on 127.0.0.1 (<see cref="RunViewPages"/>: <c>/</c>,
/// <c>/api/view</c>, <c>/api/view/stream</c>, <c>/report.html</c>), with <c>/api/run</c> (JSON), <c>/metrics</c>
/// (Prometheus) and <c>/healthz</c>. Its URL is shown on the runner resource.
/// </summary>
public sealed class RunViewResource : HarnessResource
{
    private WebApplication? app;

    public RunViewResource(string name, int port)
        : base(name)
    {
        Port = port;
    }

    public override string ResourceType => "RunView";

    /// <summary>The port asked for (0: any free port).</summary>
    public int Port { get; }

    /// <summary>Where the view listens, once started.</summary>
    public Uri? Url { get; private set; }

    /// <summary>The resources whose state the view and the report show.</summary>
    public IReadOnlyList<HarnessResource> Resources { get; set; } = [];

    /// <summary>The live run shown, when there is one.</summary>
    public RunProgress? Run { get; set; }

    /// <summary>Extra endpoints mapped after the built-in ones.</summary>
    public Action<WebApplication>? MapPages { get; set; }

    public override IEnumerable<(string Name, Uri Url)> Urls() => Url is null ? [] : [("run view", Url), ("metrics", new Uri(Url, "metrics"))];

    public override async Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
    {
        var builder = LoopbackKestrel.CreateBuilder(System.Net.IPAddress.Loopback, Port, applicationName: typeof(RunViewResource).Assembly.GetName().Name);
        TelemetrySetup.AddPrometheusMetrics(builder.Services);
        app = builder.Build();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/api/run", () => Run is null ? Results.NotFound() : Results.Content(JsonRunReportWriter.ToJson(Run.Snapshot()).ToJsonString(), "application/json; charset=utf-8"));
        RunViewPages.Map(app, this);
        MapPages?.Invoke(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new IOException($"the run view could not listen on 127.0.0.1:{Port} ({e.Message}); pass a free port to --dashboard-port, or 0 for any.", e);
        }

        Url = LoopbackKestrel.BoundUri(app);
        Log.Write($"run view listening on {Url}");
    }

    public override async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
            app = null;
        }
    }
}
