using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Spdy;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>
/// The kubelet's port-forward protocol over SPDY (<c>portforward.k8s.io</c>, as <c>kubectl port-forward</c> speaks it,
/// directly after an <c>Upgrade: SPDY/3.1</c> or tunnelled in WebSocket binary messages): for every local connection
/// the client opens an error stream and a data stream, both with headers <c>streamType</c>, <c>port</c> and
/// <c>requestID</c>; once both of a request id are there the data stream is joined to a new connection to the
/// container's port. When the client half-closes the data stream the container sees end of input; when the container
/// closes, both streams are closed. A failure is written to the error stream as text
/// [kubernetes pkg/kubelet/cri/streaming/portforward/httpstream.go].
/// </summary>
internal sealed class SpdyPortForwarder
{
    private static readonly TimeSpan StreamCreationTimeout = TimeSpan.FromSeconds(30);
    private readonly Func<int, CancellationToken, Task<Stream?>> connect;
    private readonly string podDescription;
    private readonly Dictionary<string, Pair> pairs = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly List<Task> running = [];

    public SpdyPortForwarder(JsonObject pod, Func<int, CancellationToken, Task<Stream?>> connect)
    {
        this.connect = connect;
        podDescription = $"{pod.Str("metadata", "namespace")}/{pod.Str("metadata", "name")}, uid {pod.Uid()}";
    }

    /// <summary>Serves one SPDY connection until the client closes it or the token is cancelled.</summary>
    public async Task ServeAsync(Stream transport, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var session = new SpdySession(transport);
        try
        {
            await session.RunAsync(Validate, s => Opened(session, s, stop.Token), stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            Task[] all;
            lock (gate)
            {
                all = [.. running];
            }

            await Task.WhenAll(all);
        }
    }

    /// <summary>The kubelet's checks of a new stream's headers [httpstream.go httpStreamReceived].</summary>
    private static string? Validate(SpdyStream stream)
    {
        if (!stream.Headers.TryGetValue("port", out var port) || port.Length == 0)
        {
            return "\"port\" header is required";
        }

        if (!ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p < 1)
        {
            return $"unable to parse \"{port}\" as a port";
        }

        return stream.Headers.TryGetValue("streamtype", out var type) && type is "error" or "data" ? null : "invalid stream type";
    }

    private void Opened(SpdySession session, SpdyStream stream, CancellationToken cancellationToken)
    {
        // Older clients send no request id; the kubelet derives one from the stream ids (error n, data n + 2).
        var type = stream.Headers["streamtype"];
        var id = stream.Headers.TryGetValue("requestid", out var r) && r.Length > 0
            ? r
            : (type == "error" ? stream.Id : stream.Id - 2).ToString(CultureInfo.InvariantCulture);
        Pair pair;
        bool created;
        lock (gate)
        {
            created = !pairs.TryGetValue(id, out pair!);
            if (created)
            {
                pair = new Pair();
                pairs[id] = pair;
            }
        }

        lock (pair)
        {
            if (type == "error" && pair.Error is null)
            {
                pair.Error = stream;
            }
            else if (type == "data" && pair.Data is null)
            {
                pair.Data = stream;
            }
            else
            {
                Track(WriteErrorAsync(pair.Error, $"error processing stream for request {id}: {type} stream already assigned", cancellationToken));
                return;
            }

            if (pair.Error is not null && pair.Data is not null)
            {
                pair.Complete.TrySetResult();
                Track(ForwardAsync(session, id, pair, cancellationToken));
            }
        }

        if (created)
        {
            Track(MonitorAsync(id, pair, cancellationToken));
        }
    }

    /// <summary>A request whose second stream never comes is reported and dropped [httpstream.go monitorStreamPair].</summary>
    private async Task MonitorAsync(string id, Pair pair, CancellationToken cancellationToken)
    {
        try
        {
            await pair.Complete.Task.WaitAsync(StreamCreationTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            await WriteErrorAsync(pair.Error, $"timed out waiting for streams of request {id}", cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
        finally
        {
            lock (gate)
            {
                pairs.Remove(id);
            }
        }
    }

    private async Task ForwardAsync(SpdySession session, string id, Pair pair, CancellationToken cancellationToken)
    {
        var data = pair.Data!;
        var error = pair.Error!;
        var port = int.Parse(data.Headers["port"], CultureInfo.InvariantCulture);
        Stream? backend = null;
        try
        {
            backend = await connect(port, cancellationToken);
            if (backend is null)
            {
                await WriteErrorAsync(error, $"error forwarding port {port} to pod {podDescription}: dial tcp4 127.0.0.1:{port}: connect: connection refused", cancellationToken);
                return;
            }

            var toBackend = CopyToBackendAsync(data, backend, cancellationToken);
            var buffer = new byte[SpdySession.MaxDataFrame];
            int read;
            while ((read = await backend.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await data.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            // The container closed: so does the data stream; what the client still sends is dropped.
            await data.CloseAsync(cancellationToken);
            session.Release(data);
            await toBackend;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client or the connection went away.
        }
        finally
        {
            try
            {
                await data.CloseAsync(CancellationToken.None);
                await error.CloseAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // The connection is gone.
            }

            session.Release(data);
            session.Release(error);
            if (backend is not null)
            {
                await backend.DisposeAsync();
            }

            lock (gate)
            {
                pairs.Remove(id);
            }
        }
    }

    /// <summary>Client bytes to the container; the client's FIN becomes end of input (a TCP half-close).</summary>
    private static async Task CopyToBackendAsync(SpdyStream data, Stream backend, CancellationToken cancellationToken)
    {
        var buffer = new byte[SpdySession.MaxDataFrame];
        try
        {
            int read;
            while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await backend.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await backend.FlushAsync(cancellationToken);
            }

            if (backend is NetworkStream { Socket: { Connected: true } socket })
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }

    private static async Task WriteErrorAsync(SpdyStream? error, string message, CancellationToken cancellationToken)
    {
        if (error is null)
        {
            return;
        }

        try
        {
            await error.WriteAsync(Encoding.UTF8.GetBytes(message), cancellationToken);
            await error.CloseAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is gone.
        }
    }

    private void Track(Task task)
    {
        lock (gate)
        {
            running.RemoveAll(t => t.IsCompleted);
            running.Add(task);
        }
    }

    private sealed class Pair
    {
        public SpdyStream? Error { get; set; }

        public SpdyStream? Data { get; set; }

        public TaskCompletionSource Complete { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
