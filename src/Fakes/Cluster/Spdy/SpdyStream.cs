using System.Threading.Channels;

namespace PlatformValidation.Fakes.Cluster.Spdy;

/// <summary>
/// One SPDY stream a client opened: its headers, what it sends (until its FIN or a reset) and the server's half.
/// Reading after the client's FIN returns 0; writing after our FIN or a reset is dropped.
/// </summary>
public sealed class SpdyStream
{
    private readonly SpdySession session;
    private readonly Channel<byte[]> inbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
    private byte[] pending = [];
    private int pendingOffset;
    private int localClosed;

    internal SpdyStream(SpdySession session, int id, IReadOnlyDictionary<string, string> headers)
    {
        this.session = session;
        Id = id;
        Headers = headers;
    }

    public int Id { get; }

    /// <summary>The SYN_STREAM headers, names lowercase.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public bool IsReset { get; private set; }

    internal bool LocalClosed => Volatile.Read(ref localClosed) != 0;

    /// <summary>Reads what the client sent; 0 once it half-closed (FIN), reset the stream or the connection ended.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (pendingOffset >= pending.Length)
        {
            if (!await inbound.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            if (inbound.Reader.TryRead(out var next))
            {
                pending = next;
                pendingOffset = 0;
            }
        }

        var n = Math.Min(buffer.Length, pending.Length - pendingOffset);
        pending.AsMemory(pendingOffset, n).CopyTo(buffer);
        pendingOffset += n;
        return n;
    }

    /// <summary>Sends data to the client (split into frames of at most 32 KiB).</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < data.Length; offset += SpdySession.MaxDataFrame)
        {
            if (LocalClosed || IsReset)
            {
                return;
            }

            await session.WriteDataAsync(Id, data.Slice(offset, Math.Min(SpdySession.MaxDataFrame, data.Length - offset)), fin: false, cancellationToken);
        }
    }

    /// <summary>Half-closes our side (an empty DATA frame with FIN), once.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref localClosed, 1) == 0 && !IsReset)
        {
            await session.WriteDataAsync(Id, ReadOnlyMemory<byte>.Empty, fin: true, cancellationToken);
        }
    }

    internal async ValueTask DeliverAsync(byte[] data, CancellationToken cancellationToken)
    {
        try
        {
            await inbound.Writer.WriteAsync(data, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // Data after FIN or reset is dropped.
        }
    }

    internal void RemoteFinished() => inbound.Writer.TryComplete();

    internal void Reset()
    {
        IsReset = true;
        inbound.Writer.TryComplete();
    }

    /// <summary>Stops taking client data (the stream's work is over); what still arrives is dropped.</summary>
    internal void Abandon()
    {
        inbound.Writer.TryComplete();
        while (inbound.Reader.TryRead(out _))
        {
        }
    }
}
