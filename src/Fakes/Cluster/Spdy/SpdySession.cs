using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace PlatformValidation.Fakes.Cluster.Spdy;

/// <summary>
/// The server side of a SPDY/3.1 connection as Kubernetes' streaming endpoints speak it (moby/spdystream, used by
/// kubectl and the kubelet): the client opens streams with SYN_STREAM (odd ids, compressed headers), the server
/// accepts each with SYN_REPLY or refuses it with RST_STREAM, both sides send DATA frames and half-close with FIN;
/// PINGs from the client are echoed; SETTINGS, WINDOW_UPDATE and HEADERS are read and ignored (spdystream does no
/// flow control). Frame layout: SPDY protocol draft 3 §2.2; behaviour: spdystream connection.go.
/// </summary>
public sealed class SpdySession
{
    public const int MaxDataFrame = 32 * 1024;
    private const int MaxFrame = 16 * 1024 * 1024;
    private const int Version = 3;
    private const int SynStream = 1;
    private const int SynReply = 2;
    private const int RstStream = 3;
    private const int Ping = 6;
    private const int GoAway = 7;
    private const int Headers = 8;
    private const byte FlagFin = 0x01;

    private readonly Stream transport;
    private readonly HeaderBlockCodec codec = new();
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, SpdyStream> streams = new();

    public SpdySession(Stream transport) => this.transport = transport;

    /// <summary>
    /// Reads frames until the client closes the connection. <paramref name="accept"/> sees each new stream's headers
    /// and returns null to accept (the stream is then replied to and handed to <paramref name="opened"/>) or a reason
    /// to refuse it with RST_STREAM.
    /// </summary>
    public async Task RunAsync(Func<SpdyStream, string?> accept, Action<SpdyStream> opened, CancellationToken cancellationToken)
    {
        var header = new byte[8];
        try
        {
            while (await ReadExactlyOrEndAsync(header, cancellationToken))
            {
                var length = (header[5] << 16) | (header[6] << 8) | header[7];
                var flags = header[4];
                if (length > MaxFrame)
                {
                    throw new InvalidDataException("frame too large");
                }

                var payload = new byte[length];
                if (!await ReadExactlyOrEndAsync(payload, cancellationToken))
                {
                    return;
                }

                if ((header[0] & 0x80) == 0)
                {
                    var id = BinaryPrimitives.ReadInt32BigEndian(header) & 0x7FFFFFFF;
                    await OnDataAsync(id, flags, payload, cancellationToken);
                    continue;
                }

                var version = BinaryPrimitives.ReadUInt16BigEndian(header) & 0x7FFF;
                var type = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
                if (version != Version)
                {
                    throw new InvalidDataException($"unsupported SPDY version {version}");
                }

                switch (type)
                {
                    case SynStream when length >= 10:
                        {
                            var id = BinaryPrimitives.ReadInt32BigEndian(payload) & 0x7FFFFFFF;
                            var headers = codec.Read(payload.AsSpan(10));
                            await OnSynStreamAsync(id, flags, headers, accept, opened, cancellationToken);
                            break;
                        }

                    case Headers when length >= 4:
                        _ = codec.Read(payload.AsSpan(4)); // keeps the decompressor in step; nothing to do with them
                        break;
                    case RstStream when length >= 8:
                        if (streams.TryRemove(BinaryPrimitives.ReadInt32BigEndian(payload) & 0x7FFFFFFF, out var reset))
                        {
                            reset.Reset();
                        }

                        break;
                    case Ping when length >= 4:
                        // Client pings carry odd ids; answer with the same frame [spdystream handlePingFrame].
                        if ((BinaryPrimitives.ReadUInt32BigEndian(payload) & 1) == 1)
                        {
                            await WriteControlAsync(Ping, 0, payload, cancellationToken);
                        }

                        break;
                    case GoAway:
                        // The client opens no more streams; the open ones finish and it closes the connection.
                        break;
                    default:
                        break; // SETTINGS, WINDOW_UPDATE, NOOP and anything newer: ignored, as spdystream does.
                }
            }
        }
        finally
        {
            foreach (var s in streams.Values)
            {
                s.Reset();
            }

            streams.Clear();
        }
    }

    /// <summary>Forgets a stream whose work is over; what the client still sends on it is dropped.</summary>
    public void Release(SpdyStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        streams.TryRemove(stream.Id, out _);
        stream.Abandon();
    }

    internal async Task WriteDataAsync(int id, ReadOnlyMemory<byte> data, bool fin, CancellationToken cancellationToken)
    {
        var frame = new byte[8 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, id & 0x7FFFFFFF);
        frame[4] = fin ? FlagFin : (byte)0;
        frame[5] = (byte)(data.Length >> 16);
        frame[6] = (byte)(data.Length >> 8);
        frame[7] = (byte)data.Length;
        data.CopyTo(frame.AsMemory(8));
        await WriteFrameAsync(frame, cancellationToken);
    }

    private async Task OnSynStreamAsync(int id, byte flags, Dictionary<string, string> headers, Func<SpdyStream, string?> accept, Action<SpdyStream> opened, CancellationToken cancellationToken)
    {
        var stream = new SpdyStream(this, id, headers);
        if (id % 2 == 0 || !streams.TryAdd(id, stream))
        {
            await WriteResetAsync(id, 1, cancellationToken); // PROTOCOL_ERROR: server ids are even, ids are not reused
            return;
        }

        if ((flags & FlagFin) != 0)
        {
            stream.RemoteFinished();
        }

        if (accept(stream) is not null)
        {
            streams.TryRemove(id, out _);
            stream.Reset();
            await WriteResetAsync(id, 1, cancellationToken);
            return;
        }

        // SYN_REPLY with an empty header block: the stream is accepted [k8s httpstream/spdy connection newSpdyStream].
        var block = codec.Write(new Dictionary<string, string>());
        var payload = new byte[4 + block.Length];
        BinaryPrimitives.WriteInt32BigEndian(payload, id);
        block.CopyTo(payload, 4);
        await WriteControlAsync(SynReply, 0, payload, cancellationToken);
        opened(stream);
    }

    private async Task OnDataAsync(int id, byte flags, byte[] payload, CancellationToken cancellationToken)
    {
        if (!streams.TryGetValue(id, out var stream))
        {
            return; // the stream is gone: late data is dropped
        }

        if (payload.Length > 0)
        {
            await stream.DeliverAsync(payload, cancellationToken);
        }

        if ((flags & FlagFin) != 0)
        {
            stream.RemoteFinished();
            if (stream.LocalClosed)
            {
                streams.TryRemove(id, out _);
            }
        }
    }

    private Task WriteResetAsync(int id, int status, CancellationToken cancellationToken)
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(payload, id);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(4), status);
        return WriteControlAsync(RstStream, 0, payload, cancellationToken);
    }

    private async Task WriteControlAsync(int type, byte flags, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, 0x8000 | Version);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)type);
        frame[4] = flags;
        frame[5] = (byte)(payload.Length >> 16);
        frame[6] = (byte)(payload.Length >> 8);
        frame[7] = (byte)payload.Length;
        payload.CopyTo(frame, 8);
        await WriteFrameAsync(frame, cancellationToken);
    }

    /// <summary>One frame per write, under one lock, so frames never interleave.</summary>
    private async Task WriteFrameAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await transport.WriteAsync(frame, cancellationToken);
            await transport.FlushAsync(cancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await transport.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
