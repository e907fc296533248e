using System.Net.WebSockets;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>
/// A byte stream carried in WebSocket binary messages, as kubectl ≥ 1.31 tunnels SPDY through a WebSocket
/// (subprotocol <c>SPDY/3.1+portforward.k8s.io</c>): every write is one binary message, reads ignore message
/// boundaries, and a close message is the end of the stream
/// [kubernetes client-go tools/portforward/tunneling_connection.go].
/// </summary>
internal sealed class WebSocketTunnelStream(WebSocket socket) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (socket.State is not (WebSocketState.Open or WebSocketState.CloseSent))
            {
                return 0;
            }

            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return 0;
            }

            if (result.Count > 0 || buffer.Length == 0)
            {
                return result.Count;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        socket.SendAsync(buffer, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous use only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous use only");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
