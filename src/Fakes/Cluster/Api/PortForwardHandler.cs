using System.Buffers.Binary;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.StandIns;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>
/// <c>pods/{name}/portforward</c> in the three ways clients ask for it:
/// <list type="bullet">
/// <item>WebSocket with subprotocol <c>SPDY/3.1+portforward.k8s.io</c> (kubectl ≥ 1.31 tries it first): SPDY framing
/// tunnelled in binary messages, served by <see cref="SpdyPortForwarder"/>;</item>
/// <item><c>Upgrade: SPDY/3.1</c> with <c>X-Stream-Protocol-Version: portforward.k8s.io</c> (kubectl's fallback and
/// older kubectl): answered 101 and served by <see cref="SpdyPortForwarder"/> on the raw connection;</item>
/// <item>WebSocket with the kubelet's channel protocol (<c>v4.channel.k8s.io</c>, as KubernetesClient's
/// <c>WebSocketNamespacedPodPortForwardAsync</c> speaks it): per requested port a data channel (2i) and an error
/// channel (2i+1), each opened by the port number in two little-endian bytes; every frame from the client starts
/// with its channel byte. Each port is one TCP-like connection to the container's stand-in; the socket closes when
/// every backend connection has closed.</item>
/// </list>
/// </summary>
public sealed class PortForwardHandler
{
    private const string ChannelProtocol = "v4.channel.k8s.io";
    private const string SpdyProtocol = "SPDY/3.1";
    private const string PortForwardProtocol = "portforward.k8s.io";
    private const string TunnelProtocol = SpdyProtocol + "+" + PortForwardProtocol;
    private readonly StandInHost standIns;

    public PortForwardHandler(StandInHost standIns) => this.standIns = standIns;

    public async Task ServeAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pod);
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var spdy = !context.WebSockets.IsWebSocketRequest && upgrade is { IsUpgradableRequest: true } &&
            context.Request.Headers.Upgrade.Any(u => string.Equals(u, SpdyProtocol, StringComparison.OrdinalIgnoreCase));
        var tunnel = context.WebSockets.IsWebSocketRequest && context.WebSockets.WebSocketRequestedProtocols.Contains(TunnelProtocol);
        if (!context.WebSockets.IsWebSocketRequest && !spdy)
        {
            throw new ApiException(400, "BadRequest", "Upgrade request required: port-forward takes a WebSocket (subprotocol SPDY/3.1+portforward.k8s.io or v4.channel.k8s.io) or an Upgrade: SPDY/3.1 request");
        }

        var phase = pod.Str("status", "phase") ?? "Pending";
        if (phase != "Running" || pod.Str("metadata", "deletionTimestamp") is not null)
        {
            throw new ApiException(400, "BadRequest", $"unable to forward port because pod is not running. Current status={phase}");
        }

        if (spdy || tunnel)
        {
            await ServeSpdyAsync(context, pod, upgrade!, tunnel, cancellationToken);
            return;
        }

        var ports = ParsePorts(context.Request.Query["ports"]);

        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = requested.Contains(ChannelProtocol) ? ChannelProtocol : requested.Contains("channel.k8s.io") ? "channel.k8s.io" : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        using var sendLock = new SemaphoreSlim(1, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task SendAsync(int channel, ReadOnlyMemory<byte> payload)
        {
            var frame = new byte[payload.Length + 1];
            frame[0] = (byte)channel;
            payload.CopyTo(frame.AsMemory(1));
            await sendLock.WaitAsync(stop.Token);
            try
            {
                await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, stop.Token);
            }
            finally
            {
                sendLock.Release();
            }
        }

        var backends = new Stream?[ports.Count];
        try
        {
            for (var i = 0; i < ports.Count; i++)
            {
                var portBytes = new byte[2];
                BinaryPrimitives.WriteUInt16LittleEndian(portBytes, (ushort)ports[i]);
                await SendAsync(2 * i, portBytes);
                await SendAsync((2 * i) + 1, portBytes);
                backends[i] = await ConnectAsync(pod, ports[i], stop.Token);
                if (backends[i] is null)
                {
                    var message = $"an error occurred forwarding {ports[i]} -> {ports[i]}: error forwarding port {ports[i]} to pod {pod.Uid()}: dial tcp4 127.0.0.1:{ports[i]}: connect: connection refused";
                    await SendAsync((2 * i) + 1, Encoding.UTF8.GetBytes(message));
                }
            }

            var outbound = Task.WhenAll(backends.Select((b, i) => b is null ? Task.CompletedTask : PumpToClientAsync(b, 2 * i, SendAsync, stop.Token)));
            var inbound = PumpFromClientAsync(socket, backends, stop.Token);
            if (await Task.WhenAny(outbound, inbound) == outbound)
            {
                // Every backend closed (e.g. after a response with Connection: close). A client may still be writing a
                // request body the server answered early; like a TCP peer it may finish that write, so give it a
                // moment to read what arrived and close first.
                await Task.WhenAny(inbound, Task.Delay(TimeSpan.FromSeconds(1), stop.Token));
            }

            await stop.CancelAsync();
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client went away or the request was aborted: nothing left to tell it.
        }
        finally
        {
            foreach (var b in backends)
            {
                if (b is not null)
                {
                    await b.DisposeAsync();
                }
            }
        }
    }

    /// <summary>
    /// SPDY port-forward: the ports come in stream headers, not the query. A plain upgrade negotiates the stream
    /// protocol first: a client offering versions must offer portforward.k8s.io [apimachinery httpstream.Handshake].
    /// </summary>
    private async Task ServeSpdyAsync(HttpContext context, JsonObject pod, IHttpUpgradeFeature upgrade, bool tunnel, CancellationToken cancellationToken)
    {
        var forwarder = new SpdyPortForwarder(pod, (port, ct) => ConnectAsync(pod, port, ct));
        if (tunnel)
        {
            using var socket = await AcceptTunnelAsync(context, upgrade);
            try
            {
                await forwarder.ServeAsync(new WebSocketTunnelStream(socket), cancellationToken);
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or InvalidDataException)
            {
                // The client went away or broke the protocol: the connection ends.
            }

            return;
        }

        var offered = context.Request.Headers["X-Stream-Protocol-Version"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (offered.Count > 0 && !offered.Contains(PortForwardProtocol))
        {
            throw new ApiException(403, "Forbidden", $"unable to upgrade: unable to negotiate protocol: client supports [{string.Join(' ', offered)}], server supports [{PortForwardProtocol}]");
        }

        if (offered.Count > 0)
        {
            context.Response.Headers["X-Stream-Protocol-Version"] = PortForwardProtocol;
        }

        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = SpdyProtocol;
        await using var stream = await upgrade.UpgradeAsync();
        try
        {
            await forwarder.ServeAsync(stream, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidDataException)
        {
            // The client went away or broke the protocol: the connection ends.
        }
    }

    /// <summary>
    /// The WebSocket handshake done by hand (RFC 6455 §4.2.2): ASP.NET Core refuses to name a subprotocol containing
    /// '/', and kubectl requires the server to confirm exactly SPDY/3.1+portforward.k8s.io.
    /// </summary>
    private static async Task<WebSocket> AcceptTunnelAsync(HttpContext context, IHttpUpgradeFeature upgrade)
    {
        var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
        var accept = Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers["Sec-WebSocket-Accept"] = accept;
        context.Response.Headers["Sec-WebSocket-Protocol"] = TunnelProtocol;
        var stream = await upgrade.UpgradeAsync();
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.FromSeconds(30) });
    }

    /// <summary>The container that declares the port (or the first container) and a connection to its stand-in.</summary>
    private async Task<Stream?> ConnectAsync(JsonObject pod, int port, CancellationToken cancellationToken)
    {
        var owner = Controllers.PodHelpers.ContainerForPort(pod, port);
        return owner is null ? null : await standIns.ConnectAsync(pod.Uid(), owner.Str("name") ?? string.Empty, port, cancellationToken);
    }

    private static async Task PumpToClientAsync(Stream backend, int channel, Func<int, ReadOnlyMemory<byte>, Task> send, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            int read;
            while ((read = await backend.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await send(channel, buffer.AsMemory(0, read));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or WebSocketException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }

    /// <summary>
    /// Client frames to the backends. Every frame starts with its channel byte (KubernetesClient sends each write as
    /// one frame of an unterminated message, so a frame, not a message, carries the prefix); a receive buffer larger
    /// than any write keeps one receive to one frame.
    /// </summary>
    private static async Task PumpFromClientAsync(WebSocket socket, Stream?[] backends, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.Count < 2)
                {
                    continue;
                }

                var channel = buffer[0];
                var index = channel / 2;
                if (channel % 2 == 0 && index < backends.Length && backends[index] is { } backend)
                {
                    try
                    {
                        await backend.WriteAsync(buffer.AsMemory(1, result.Count - 1), cancellationToken);
                        await backend.FlushAsync(cancellationToken);
                    }
                    catch (Exception e) when (e is IOException or ObjectDisposedException)
                    {
                        // The backend closed its side; what the client still sends is dropped, as by a closed socket.
                        backends[index] = null;
                        await backend.DisposeAsync();
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or WebSocketException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }

    private static List<int> ParsePorts(Microsoft.Extensions.Primitives.StringValues values)
    {
        var ports = new List<int>();
        foreach (var value in values)
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // kubectl-style "local:remote" is resolved client-side; the server only sees the remote port.
                var remote = part.Contains(':', StringComparison.Ordinal) ? part[(part.IndexOf(':', StringComparison.Ordinal) + 1)..] : part;
                if (!int.TryParse(remote, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                {
                    throw new ApiException(400, "BadRequest", $"invalid port value \"{part}\": ports must be between 1 and 65535");
                }

                ports.Add(port);
            }
        }

        if (ports.Count == 0)
        {
            throw new ApiException(400, "BadRequest", "at least one port must be specified (query parameter ports)");
        }

        return ports;
    }
}
