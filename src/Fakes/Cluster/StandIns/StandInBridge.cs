using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Hosting;

namespace PlatformValidation.Fakes.Cluster.StandIns;

/// <summary>
/// A loopback TCP endpoint for one container port of a stand-in, so that byte streams (port-forward) reach what the
/// proxies reach per request: an HTTP/1.1 server on 127.0.0.1 whose every request is served by
/// <see cref="IStandIn.ServeAsync"/> for that port. Started on first use, stopped with the pod.
/// </summary>
internal sealed class StandInBridge : IAsyncDisposable
{
    private readonly WebApplication app;

    private StandInBridge(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    /// <summary>The loopback port the bridge listens on.</summary>
    public int Port { get; }

    public static async Task<StandInBridge> StartAsync(IStandIn standIn, int containerPort, CancellationToken cancellationToken)
    {
        var app = LoopbackKestrel.CreateBuilder(0).Build();
        app.Run(async context =>
        {
            var pathAndQuery = (context.Request.Path.Value ?? "/") + context.Request.QueryString.Value;
            if (!await standIn.ServeAsync(context, containerPort, pathAndQuery, context.RequestAborted))
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
            }
        });
        await app.StartAsync(cancellationToken);
        return new StandInBridge(app, LoopbackKestrel.BoundPort(app));
    }

    /// <summary>A new TCP connection to the bridge.</summary>
    public async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Open connections are cut when the stop times out.
        }

        await app.DisposeAsync();
    }
}
