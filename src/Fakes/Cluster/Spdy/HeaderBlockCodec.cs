using System.Buffers.Binary;
using System.Text;

namespace PlatformValidation.Fakes.Cluster.Spdy;

/// <summary>
/// SPDY/3 name/value header blocks (a 32-bit count, then each name and value as a 32-bit length and bytes, multiple
/// values joined by NUL), compressed per direction as one zlib stream with the <see cref="HeaderDictionary"/>. Reading
/// inflates the peer's stream; writing emits a valid zlib stream made of stored (uncompressed) blocks, which any zlib
/// reader accepts, each header block ended by an empty stored block as a sync flush ends it, so no compressor with a
/// preset dictionary is needed. Names must be lowercase
/// [moby/spdystream spdy/read.go parseHeaderValueBlock].
/// </summary>
public sealed class HeaderBlockCodec
{
    public const int MaxHeaderBytes = 256 * 1024;

    private readonly Inflater inflater = new(HeaderDictionary.Bytes, MaxHeaderBytes);
    private bool readHeaderSeen;
    private bool writeHeaderSent;

    /// <summary>Decodes one compressed header block of a frame from the peer.</summary>
    public Dictionary<string, string> Read(ReadOnlySpan<byte> compressed)
    {
        if (!readHeaderSeen)
        {
            // zlib header: CMF, FLG with FDICT set, then the dictionary's Adler-32.
            if (compressed.Length < 6 || (compressed[0] & 0x0F) != 8 || (compressed[1] & 0x20) == 0 ||
                BinaryPrimitives.ReadUInt32BigEndian(compressed[2..]) != Adler32(HeaderDictionary.Bytes))
            {
                throw new InvalidDataException("header block does not start a zlib stream with the SPDY/3 dictionary");
            }

            compressed = compressed[6..];
            readHeaderSeen = true;
        }

        var block = inflater.Inflate(compressed);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var pos = 0;
        var count = ReadInt(block, ref pos);
        if (count < 0 || count > 1024)
        {
            throw new InvalidDataException("invalid header count");
        }

        for (var i = 0; i < count; i++)
        {
            var name = ReadString(block, ref pos);
            var value = ReadString(block, ref pos);
            if (name.Length == 0 || !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
            {
                throw new InvalidDataException("header was not lowercased");
            }

            if (!headers.TryAdd(name, value))
            {
                throw new InvalidDataException("multiple headers with same name");
            }
        }

        return headers;
    }

    /// <summary>Encodes a header block for a frame to the peer (the first one also opens the zlib stream).</summary>
    public byte[] Write(IReadOnlyDictionary<string, string> headers)
    {
        var plain = new List<byte>();
        AppendInt(plain, headers.Count);
        foreach (var (name, value) in headers)
        {
            var n = Encoding.UTF8.GetBytes(name.ToLowerInvariant());
            var v = Encoding.UTF8.GetBytes(value);
            AppendInt(plain, n.Length);
            plain.AddRange(n);
            AppendInt(plain, v.Length);
            plain.AddRange(v);
        }

        var output = new List<byte>();
        if (!writeHeaderSent)
        {
            // CMF 0x78 (deflate, 32 KiB window); FLG: FDICT, FCHECK so that CMF*256+FLG is a multiple of 31.
            const int cmf = 0x78;
            var flg = 0x20;
            flg |= (31 - (((cmf << 8) | flg) % 31)) % 31;
            output.Add(cmf);
            output.Add((byte)flg);
            var id = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(id, Adler32(HeaderDictionary.Bytes));
            output.AddRange(id);
            writeHeaderSent = true;
        }

        // Stored blocks, never final: the zlib stream of a connection stays open, as a sync flush leaves it.
        var data = plain.ToArray();
        var offset = 0;
        do
        {
            var len = Math.Min(0xFFFF, data.Length - offset);
            output.Add(0x00);
            output.Add((byte)len);
            output.Add((byte)(len >> 8));
            output.Add((byte)~len);
            output.Add((byte)(~len >> 8));
            output.AddRange(data.AsSpan(offset, len).ToArray());
            offset += len;
        }
        while (offset < data.Length);

        // Then an empty stored block, as a sync flush ends: Go's flate reader hands out a stored block's bytes only
        // when it meets the next block header, and it must meet one inside this frame [compress/flate dataBlock].
        output.AddRange([0x00, 0x00, 0x00, 0xFF, 0xFF]);
        return [.. output];
    }

    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }

    private static int ReadInt(byte[] block, ref int pos)
    {
        if (pos + 4 > block.Length)
        {
            throw new InvalidDataException("header block is truncated");
        }

        var v = BinaryPrimitives.ReadInt32BigEndian(block.AsSpan(pos));
        pos += 4;
        return v;
    }

    private static string ReadString(byte[] block, ref int pos)
    {
        var len = ReadInt(block, ref pos);
        if (len < 0 || pos + len > block.Length)
        {
            throw new InvalidDataException("header block is truncated");
        }

        var s = Encoding.UTF8.GetString(block, pos, len);
        pos += len;
        return s;
    }

    private static void AppendInt(List<byte> list, int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        list.AddRange(b);
    }
}
