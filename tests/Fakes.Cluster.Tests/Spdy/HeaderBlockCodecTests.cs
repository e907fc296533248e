using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using PlatformValidation.Fakes.Cluster.Spdy;

namespace PlatformValidation.Fakes.Cluster.Tests.Spdy;

/// <summary>SPDY/3 header compression: the preset dictionary, the inflater and the header block codec.</summary>
public class HeaderBlockCodecTests
{
    [Test]
    public void TheDictionaryIsTheSpdy3OneByItsLengthAndAdler32()
    {
        Assert.That(HeaderDictionary.Bytes, Has.Length.EqualTo(1423));
        Assert.That(HeaderBlockCodec.Adler32(HeaderDictionary.Bytes), Is.EqualTo(0xE3C6A7C2u));
    }

    [Test]
    public void InflaterDecodesWhatDeflateStreamCompressedAcrossFlushes()
    {
        var inflater = new Inflater([], 1 << 20);
        using var buffer = new MemoryStream();
        using var deflate = new DeflateStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true);
        var parts = new[] { "streamtype error port 8000 requestid 0", "streamtype data port 8000 requestid 0 " + new string('x', 3000), "requestid 1 requestid 1 requestid 1" };
        var decoded = new StringBuilder();
        foreach (var part in parts)
        {
            var start = buffer.Length;
            deflate.Write(Encoding.ASCII.GetBytes(part));
            deflate.Flush(); // a sync flush, as a SPDY peer ends every header block
            decoded.Append(Encoding.ASCII.GetString(inflater.Inflate(buffer.ToArray().AsSpan((int)start))));
        }

        Assert.That(decoded.ToString(), Is.EqualTo(string.Concat(parts)));
    }

    [Test]
    public void InflaterRefusesABlockThatExpandsBeyondItsLimit()
    {
        var inflater = new Inflater([], 100);
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(new byte[10_000]);
            deflate.Flush();
        }

        Assert.Throws<InvalidDataException>(() => inflater.Inflate(buffer.ToArray()));
    }

    [Test]
    public void WhatTheCodecWritesItReadsBackOverOneZlibStream()
    {
        var writer = new HeaderBlockCodec();
        var reader = new HeaderBlockCodec();
        var first = writer.Write(new Dictionary<string, string> { ["streamtype"] = "data", ["port"] = "8000" });
        var second = writer.Write(new Dictionary<string, string> { ["requestid"] = "7" });
        Assert.Multiple(() =>
        {
            Assert.That(first[0], Is.EqualTo(0x78));
            Assert.That(((first[0] << 8) | first[1]) % 31, Is.Zero, "zlib header check bits");
            Assert.That(first[1] & 0x20, Is.Not.Zero, "FDICT: the stream uses a preset dictionary");
            Assert.That(BinaryPrimitives.ReadUInt32BigEndian(first.AsSpan(2)), Is.EqualTo(0xE3C6A7C2u));
            Assert.That(reader.Read(first), Is.EqualTo(new Dictionary<string, string> { ["streamtype"] = "data", ["port"] = "8000" }));
            Assert.That(reader.Read(second), Is.EqualTo(new Dictionary<string, string> { ["requestid"] = "7" }));
        });
    }

    [Test]
    public void AHeaderBlockWithoutTheSpdyDictionaryIsRefused()
    {
        var plain = new byte[] { 0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 };
        Assert.Throws<InvalidDataException>(() => new HeaderBlockCodec().Read(plain));
    }
}
