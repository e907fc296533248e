namespace PlatformValidation.Fakes.Cluster.Spdy;

/// <summary>
/// A raw DEFLATE decoder (RFC 1951) that keeps its 32 KiB history between calls and can start from a preset
/// dictionary, which System.IO.Compression cannot do. Each call decodes whole blocks: a SPDY peer flushes its
/// compressor (sync flush) after every header block, so a frame's compressed bytes always end on a block boundary.
/// </summary>
public sealed class Inflater
{
    private const int WindowSize = 32 * 1024;

    private static readonly int[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly int[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly int[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly int[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly int[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    private static readonly Huffman FixedLiterals = FixedLiteralCode();
    private static readonly Huffman FixedDistances = new([.. Enumerable.Repeat(5, 30)]);

    private readonly byte[] window = new byte[WindowSize];
    private readonly int maxOutput;
    private int windowPos;
    private long written;

    public Inflater(ReadOnlySpan<byte> dictionary, int maxOutput)
    {
        this.maxOutput = maxOutput;
        foreach (var b in dictionary)
        {
            Remember(b);
        }
    }

    /// <summary>Decodes every block in <paramref name="input"/>; throws <see cref="InvalidDataException"/> on corrupt data.</summary>
    public byte[] Inflate(ReadOnlySpan<byte> input)
    {
        var bits = new BitReader(input.ToArray());
        var output = new List<byte>();
        while (!bits.AtEnd)
        {
            bits.Need(3);
            var type = (int)(bits.Take(3) >> 1);
            switch (type)
            {
                case 0:
                    Stored(ref bits, output);
                    break;
                case 1:
                    Compressed(ref bits, output, FixedLiterals, FixedDistances);
                    break;
                case 2:
                    var (literals, distances) = ReadDynamicCodes(ref bits);
                    Compressed(ref bits, output, literals, distances);
                    break;
                default:
                    throw new InvalidDataException("invalid deflate block type");
            }
        }

        return [.. output];
    }

    private void Emit(List<byte> output, byte b)
    {
        if (output.Count >= maxOutput)
        {
            throw new InvalidDataException($"header block expands beyond {maxOutput} bytes");
        }

        output.Add(b);
        Remember(b);
    }

    private void Remember(byte b)
    {
        window[windowPos] = b;
        windowPos = (windowPos + 1) & (WindowSize - 1);
        written++;
    }

    private void Stored(ref BitReader bits, List<byte> output)
    {
        bits.Align();
        var len = bits.Byte() | (bits.Byte() << 8);
        var nlen = bits.Byte() | (bits.Byte() << 8);
        if ((len ^ 0xFFFF) != nlen)
        {
            throw new InvalidDataException("stored block length check failed");
        }

        for (var i = 0; i < len; i++)
        {
            Emit(output, (byte)bits.Byte());
        }
    }

    private void Compressed(ref BitReader bits, List<byte> output, Huffman literals, Huffman distances)
    {
        while (true)
        {
            var symbol = literals.Decode(ref bits);
            if (symbol < 256)
            {
                Emit(output, (byte)symbol);
                continue;
            }

            if (symbol == 256)
            {
                return;
            }

            symbol -= 257;
            if (symbol >= LengthBase.Length)
            {
                throw new InvalidDataException("invalid length code");
            }

            var length = LengthBase[symbol] + (int)bits.Take(LengthExtra[symbol]);
            var d = distances.Decode(ref bits);
            if (d >= DistanceBase.Length)
            {
                throw new InvalidDataException("invalid distance code");
            }

            var distance = DistanceBase[d] + (int)bits.Take(DistanceExtra[d]);
            if (distance > written || distance > WindowSize)
            {
                throw new InvalidDataException("distance too far back");
            }

            for (var i = 0; i < length; i++)
            {
                Emit(output, window[(windowPos - distance) & (WindowSize - 1)]);
            }
        }
    }

    private static (Huffman Literals, Huffman Distances) ReadDynamicCodes(ref BitReader bits)
    {
        var nlen = (int)bits.Take(5) + 257;
        var ndist = (int)bits.Take(5) + 1;
        var ncode = (int)bits.Take(4) + 4;
        if (nlen > 286 || ndist > 30)
        {
            throw new InvalidDataException("too many length or distance codes");
        }

        var codeLengths = new int[19];
        for (var i = 0; i < ncode; i++)
        {
            codeLengths[CodeLengthOrder[i]] = (int)bits.Take(3);
        }

        var lengthCode = new Huffman(codeLengths);
        var lengths = new int[nlen + ndist];
        var index = 0;
        while (index < lengths.Length)
        {
            var symbol = lengthCode.Decode(ref bits);
            if (symbol < 16)
            {
                lengths[index++] = symbol;
                continue;
            }

            var (value, repeat) = symbol switch
            {
                16 when index > 0 => (lengths[index - 1], 3 + (int)bits.Take(2)),
                16 => throw new InvalidDataException("repeat with no previous length"),
                17 => (0, 3 + (int)bits.Take(3)),
                _ => (0, 11 + (int)bits.Take(7)),
            };
            if (index + repeat > lengths.Length)
            {
                throw new InvalidDataException("too many code lengths");
            }

            for (var i = 0; i < repeat; i++)
            {
                lengths[index++] = value;
            }
        }

        return (new Huffman(lengths[..nlen]), new Huffman(lengths[nlen..]));
    }

    private static Huffman FixedLiteralCode()
    {
        var lengths = new int[288];
        for (var i = 0; i < 288; i++)
        {
            lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }

        return new Huffman(lengths);
    }

    /// <summary>A canonical Huffman code given by its code lengths, decoded one bit at a time.</summary>
    private sealed class Huffman
    {
        private readonly int[] counts = new int[16];
        private readonly int[] symbols;

        public Huffman(int[] lengths)
        {
            symbols = new int[lengths.Length];
            foreach (var l in lengths)
            {
                counts[l]++;
            }

            var offsets = new int[16];
            for (var len = 1; len < 15; len++)
            {
                offsets[len + 1] = offsets[len] + counts[len];
            }

            for (var s = 0; s < lengths.Length; s++)
            {
                if (lengths[s] != 0)
                {
                    symbols[offsets[lengths[s]]++] = s;
                }
            }
        }

        public int Decode(ref BitReader bits)
        {
            int code = 0, first = 0, index = 0;
            for (var len = 1; len < 16; len++)
            {
                code |= (int)bits.Take(1);
                var count = counts[len];
                if (code - first < count)
                {
                    return symbols[index + (code - first)];
                }

                index += count;
                first = (first + count) << 1;
                code <<= 1;
            }

            throw new InvalidDataException("invalid Huffman code");
        }
    }

    /// <summary>LSB-first bit reader over one frame's bytes; never reads ahead of what it needs.</summary>
    private struct BitReader(byte[] data)
    {
        private int pos;
        private uint buffer;
        private int count;

        /// <summary>Nothing left but the padding of the last byte.</summary>
        public readonly bool AtEnd => pos >= data.Length && (count == 0 || (buffer & ((1u << count) - 1)) == 0 && count < 8);

        public void Need(int n)
        {
            while (count < n)
            {
                if (pos >= data.Length)
                {
                    throw new InvalidDataException("compressed header block ends early");
                }

                buffer |= (uint)data[pos++] << count;
                count += 8;
            }
        }

        public uint Take(int n)
        {
            if (n == 0)
            {
                return 0;
            }

            Need(n);
            var value = buffer & ((1u << n) - 1);
            buffer >>= n;
            count -= n;
            return value;
        }

        public void Align()
        {
            buffer >>= count % 8;
            count -= count % 8;
        }

        public int Byte()
        {
            if (count >= 8)
            {
                return (int)Take(8);
            }

            if (pos >= data.Length)
            {
                throw new InvalidDataException("compressed header block ends early");
            }

            return data[pos++];
        }
    }
}
