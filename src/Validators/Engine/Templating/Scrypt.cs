using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// scrypt (RFC 7914): PBKDF2-HMAC-SHA256 around ROMix with Salsa20/8, for Sprig's <c>derivePassword</c> (which calls
/// golang.org/x/crypto/scrypt with N=32768, r=8, p=2). .NET has no scrypt of its own.
/// </summary>
internal static class Scrypt
{
    public static byte[] DeriveKey(byte[] password, byte[] salt, int n, int r, int p, int length)
    {
        if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1 || (long)r * p >= 1 << 30 || (long)n * r > 1 << 22)
        {
            throw new GoTemplateException("scrypt: parameters are too large or invalid");
        }

        var blockWords = 32 * r; // 128·r bytes as 32-bit words
        var b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * 128 * r);
        var x = new uint[blockWords];
        var v = new uint[blockWords * n];
        var y = new uint[blockWords];
        for (var i = 0; i < p; i++)
        {
            var chunk = b.AsSpan(i * 128 * r, 128 * r);
            for (var w = 0; w < blockWords; w++)
            {
                x[w] = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(w * 4)..]);
            }

            RoMix(x, v, y, n, r);
            for (var w = 0; w < blockWords; w++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(chunk[(w * 4)..], x[w]);
            }
        }

        return Rfc2898DeriveBytes.Pbkdf2(password, b, 1, HashAlgorithmName.SHA256, length);
    }

    private static void RoMix(uint[] x, uint[] v, uint[] y, int n, int r)
    {
        var words = 32 * r;
        for (var i = 0; i < n; i++)
        {
            Array.Copy(x, 0, v, i * words, words);
            BlockMix(x, y, r);
        }

        for (var i = 0; i < n; i++)
        {
            // Integerify: the first word of the last 64-byte block, modulo n (a power of two).
            var j = (int)(x[(2 * r - 1) * 16] & (uint)(n - 1));
            for (var w = 0; w < words; w++)
            {
                x[w] ^= v[j * words + w];
            }

            BlockMix(x, y, r);
        }
    }

    /// <summary>BlockMix: Salsa20/8 over the 2r 64-byte blocks, even outputs first, then odd ones.</summary>
    private static void BlockMix(uint[] b, uint[] y, int r)
    {
        Span<uint> t = stackalloc uint[16];
        b.AsSpan((2 * r - 1) * 16, 16).CopyTo(t);
        for (var i = 0; i < 2 * r; i++)
        {
            for (var k = 0; k < 16; k++)
            {
                t[k] ^= b[i * 16 + k];
            }

            Salsa208(t);
            var target = (i % 2 == 0 ? i / 2 : r + i / 2) * 16;
            t.CopyTo(y.AsSpan(target, 16));
        }

        Array.Copy(y, b, 32 * r);
    }

    private static void Salsa208(Span<uint> b)
    {
        Span<uint> x = stackalloc uint[16];
        b.CopyTo(x);
        for (var i = 0; i < 8; i += 2)
        {
            x[4] ^= uint.RotateLeft(x[0] + x[12], 7); x[8] ^= uint.RotateLeft(x[4] + x[0], 9);
            x[12] ^= uint.RotateLeft(x[8] + x[4], 13); x[0] ^= uint.RotateLeft(x[12] + x[8], 18);
            x[9] ^= uint.RotateLeft(x[5] + x[1], 7); x[13] ^= uint.RotateLeft(x[9] + x[5], 9);
            x[1] ^= uint.RotateLeft(x[13] + x[9], 13); x[5] ^= uint.RotateLeft(x[1] + x[13], 18);
            x[14] ^= uint.RotateLeft(x[10] + x[6], 7); x[2] ^= uint.RotateLeft(x[14] + x[10], 9);
            x[6] ^= uint.RotateLeft(x[2] + x[14], 13); x[10] ^= uint.RotateLeft(x[6] + x[2], 18);
            x[3] ^= uint.RotateLeft(x[15] + x[11], 7); x[7] ^= uint.RotateLeft(x[3] + x[15], 9);
            x[11] ^= uint.RotateLeft(x[7] + x[3], 13); x[15] ^= uint.RotateLeft(x[11] + x[7], 18);

            x[1] ^= uint.RotateLeft(x[0] + x[3], 7); x[2] ^= uint.RotateLeft(x[1] + x[0], 9);
            x[3] ^= uint.RotateLeft(x[2] + x[1], 13); x[0] ^= uint.RotateLeft(x[3] + x[2], 18);
            x[6] ^= uint.RotateLeft(x[5] + x[4], 7); x[7] ^= uint.RotateLeft(x[6] + x[5], 9);
            x[4] ^= uint.RotateLeft(x[7] + x[6], 13); x[5] ^= uint.RotateLeft(x[4] + x[7], 18);
            x[11] ^= uint.RotateLeft(x[10] + x[9], 7); x[8] ^= uint.RotateLeft(x[11] + x[10], 9);
            x[9] ^= uint.RotateLeft(x[8] + x[11], 13); x[10] ^= uint.RotateLeft(x[9] + x[8], 18);
            x[12] ^= uint.RotateLeft(x[15] + x[14], 7); x[13] ^= uint.RotateLeft(x[12] + x[15], 9);
            x[14] ^= uint.RotateLeft(x[13] + x[12], 13); x[15] ^= uint.RotateLeft(x[14] + x[13], 18);
        }

        for (var i = 0; i < 16; i++)
        {
            b[i] += x[i];
        }
    }
}
