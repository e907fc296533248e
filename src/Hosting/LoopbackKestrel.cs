using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlatformValidation.Hosting;

/// <summary>
/// The one way the in-process servers are built (the simulated cluster and its stand-in bridge, fake-llm, the
/// AppHost's git server and run view): an empty <see cref="WebApplication"/> on Kestrel alone (no logging providers,
/// no configuration sources, routing core only) with one listener on 127.0.0.1 (port 0 = a
/// free one), and the address it bound once started. Only a caller that must be reached from elsewhere (the git
/// server for a k3s container, fake-llm's <c>--host</c> in a container) passes another address.
/// </summary>
public static class LoopbackKestrel
{
    /// <summary>A builder listening on 127.0.0.1:<paramref name="port"/>; <paramref name="listen"/> adds e.g. HTTPS, <paramref name="configure"/> limits.</summary>
    public static WebApplicationBuilder CreateBuilder(int port, Action<ListenOptions>? listen = null, Action<KestrelServerOptions>? configure = null) =>
        CreateBuilder(IPAddress.Loopback, port, listen, configure);

    /// <summary>A builder listening on <paramref name="address"/>:<paramref name="port"/> (the loopback address unless the caller must be reached from outside).</summary>
    public static WebApplicationBuilder CreateBuilder(IPAddress address, int port, Action<ListenOptions>? listen = null, Action<KestrelServerOptions>? configure = null, string? applicationName = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = applicationName });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, port, options => listen?.Invoke(options));
            configure?.Invoke(k);
        });
        builder.Services.AddRoutingCore();
        return builder;
    }

    /// <summary>The port a started <paramref name="app"/> listens on.</summary>
    public static int BoundPort(WebApplication app) => BoundUri(app).Port;

    /// <summary>The address a started <paramref name="app"/> listens on, as a client reaches it (a wildcard address becomes 127.0.0.1).</summary>
    public static Uri BoundUri(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(BoundAddress(app).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>The address a started <paramref name="app"/> bound, as Kestrel reports it (e.g. <c>http://0.0.0.0:8000</c>).</summary>
    public static string BoundAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }
}
