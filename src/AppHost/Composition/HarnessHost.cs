using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Telemetry;

namespace PlatformValidation.AppHost.Composition;

/// <summary>
/// Creates the Aspire builder a live command composes its system on: DCP always; the Aspire Dashboard on 127.0.0.1
/// (unsecured transport on loopback) unless headless; the harness's lifecycle, telemetry, and no console logging or
/// signal handling of Aspire's own — the CLI prints progress, and <c>TerminationSignals</c> owns SIGINT/SIGTERM so
/// that the teardown (cost gates first) runs before DCP stops.
/// </summary>
public static class HarnessHost
{
    /// <summary>The application name the Aspire Dashboard shows in its title and header (not the entry assembly's: <c>AppHost</c>, or <c>testhost</c> under a test runner).</summary>
    public const string ApplicationName = "PlatformValidation";

    public static IDistributedApplicationBuilder CreateBuilder(RunOptions options) =>
        CreateBuilder(options, static (args, configure) =>
        {
            var aspire = new DistributedApplicationOptions { Args = args };
            configure(aspire, new HostApplicationBuilderSettings());
            return DistributedApplication.CreateBuilder(aspire);
        });

    /// <summary>
    /// Creates the builder through <paramref name="create"/> — <c>DistributedApplicationTestingBuilder.Create</c> in
    /// tests — with the harness's arguments and options, then <see cref="Configure"/>s it. Not inlined: the testing
    /// builder finds the AppHost assembly (where DCP's path is recorded) on the call stack (upstream: dotnet/aspire
    /// src/Aspire.Hosting.Testing/DistributedApplicationTestingBuilder.cs, FindApplicationAssembly).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static TBuilder CreateBuilder<TBuilder>(RunOptions options, Func<string[], Action<DistributedApplicationOptions, HostApplicationBuilderSettings>, TBuilder> create)
        where TBuilder : IDistributedApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(create);
        var args = new List<string>();
        if (options.AspireDashboard)
        {
            var dashboard = new Uri($"http://127.0.0.1:{(options.AspireDashboardPort is > 0 and var p ? p : FreePort())}");
            args.Add($"--ASPNETCORE_URLS={dashboard}");
            args.Add($"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}");
            args.Add($"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}");
            args.Add($"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}");
            args.Add("--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true");
        }

        var builder = create([.. args], (aspire, _) =>
        {
            aspire.DisableDashboard = !options.AspireDashboard;
            aspire.AllowUnsecuredTransport = true;
            // The DCP and dashboard paths are this assembly's metadata, also when a test host is the entry assembly.
            aspire.AssemblyName = typeof(HarnessHost).Assembly.GetName().Name;
            aspire.DashboardApplicationName = ApplicationName;
        });
        Configure(builder, options);
        return builder;
    }

    /// <summary>What every harness AppHost needs, also one made by <c>DistributedApplicationTestingBuilder</c>.</summary>
    public static void Configure(IDistributedApplicationBuilder builder, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton(new HarnessLifecycle(options.ScratchDirectory ?? Path.Combine(Path.GetTempPath(), "pv-run-" + Guid.NewGuid().ToString("N")[..12])));
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        builder.Services.AddLogging(logging => TelemetrySetup.AddPlatformTelemetry(builder.Services, logging, OtlpFor(builder)));
    }

    /// <summary>The login URL of the Aspire Dashboard (null when headless).</summary>
    public static Uri? DashboardLoginUrl(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var urls = builder.Configuration["ASPNETCORE_URLS"];
        if (string.IsNullOrEmpty(urls) || builder.Resources.All(r => r.Name != "aspire-dashboard") && builder.Configuration["AppHost:BrowserToken"] is null)
        {
            return null;
        }

        var token = builder.Configuration["AppHost:BrowserToken"];
        var first = urls.Split(';')[0].TrimEnd('/');
        return new Uri(token is null ? first : $"{first}/login?t={token}");
    }

    /// <summary>Where the harness's own traces, logs and metrics go: the dashboard's OTLP/HTTP endpoint, with its API key.</summary>
    private static OtlpTarget? OtlpFor(IDistributedApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"];
        return string.IsNullOrEmpty(endpoint) ? null : new OtlpTarget(new Uri(endpoint), builder.Configuration["AppHost:OtlpApiKey"]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Leaves signals to the command (no Ctrl-C handling or "Application started" lines of the generic host).</summary>
    private sealed class CommandOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
