using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlatformValidation.Fakes.Cluster.Hosting;

/// <summary>
/// The one way the in-process servers are built: an empty <see cref="WebApplication"/> on Kestrel alone (no logging
/// providers, routing core only) with one listener on 127.0.0.1 (port 0 = a free one), and the port it bound once
/// started.
/// </summary>
public static class LoopbackKestrel
{
    /// <summary>A builder listening on 127.0.0.1:<paramref name="port"/>; <paramref name="listen"/> adds e.g. HTTPS, <paramref name="configure"/> limits.</summary>
    public static WebApplicationBuilder CreateBuilder(int port, Action<ListenOptions>? listen = null, Action<KestrelServerOptions>? configure = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port, options => listen?.Invoke(options));
            configure?.Invoke(k);
        });
        builder.Services.AddRoutingCore();
        return builder;
    }

    /// <summary>The port a started <paramref name="app"/> listens on.</summary>
    public static int BoundPort(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
    }
}
