using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.AppHost.Telemetry;

namespace PlatformValidation.AppHost.Resources.Dashboard;

/// <summary>
/// The AppHost's own web endpoint on 127.0.0.1: <c>/metrics</c> (OpenTelemetry Prometheus exporter),
/// <c>/api/resources</c> and <c>/api/run</c> (JSON), <c>/healthz</c>, and the live dashboard UI (<see cref="DashboardPages"/>:
/// <c>/</c>, <c>/api/view</c>, <c>/api/view/stream</c>, <c>/report.html</c>). More endpoints mount through <see cref="MapPages"/>.
/// </summary>
public sealed class DashboardResource : Resource, IResourceWithLifecycle
{
    private WebApplication? app;

    public DashboardResource(string name, int port)
        : base(name)
    {
        Port = port;
    }

    /// <summary>The port asked for (0: any free port).</summary>
    public int Port { get; }

    /// <summary>Where the dashboard listens, once started.</summary>
    public Uri? Url { get; private set; }

    /// <summary>The resources shown (set when the system is composed).</summary>
    public IReadOnlyList<IResource> Resources { get; internal set; } = [];

    /// <summary>The live run shown, when there is one.</summary>
    public ScenarioRunner.RunProgress? Run { get; internal set; }

    /// <summary>Extra endpoints mapped after the built-in ones.</summary>
    public Action<WebApplication>? MapPages { get; set; }

    public async Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(DashboardResource).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, Port));
        TelemetrySetup.AddPrometheusMetrics(builder.Services);
        app = builder.Build();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/api/resources", () => Results.Json(DashboardViews.Resources(Resources)));
        app.MapGet("/api/run", () => Run is null ? Results.NotFound() : Results.Json(DashboardViews.Run(Run)));
        DashboardPages.Map(app, this);
        MapPages?.Invoke(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        Log.Write($"dashboard listening on {Url}");
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
            app = null;
        }
    }
}
