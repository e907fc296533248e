using System.Text;

namespace PlatformValidation.AppHost.Resources.GitServer;

/// <summary>
/// git's pkt-line framing (gitprotocol-common): four hex digits giving the length of the line including themselves,
/// then the payload; <c>0000</c> is a flush, <c>0001</c> a delimiter (protocol v2), <c>0002</c> a response end.
/// </summary>
public static class PktLine
{
    /// <summary>The largest pkt-line git sends or accepts: 65520 bytes including the 4-byte header.</summary>
    public const int MaxLength = 65520;

    public static readonly byte[] Flush = "0000"u8.ToArray();

    public static readonly byte[] Delimiter = "0001"u8.ToArray();

    /// <summary>One pkt-line holding <paramref name="text"/> (callers add the trailing LF git expects).</summary>
    public static byte[] Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    public static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length + 4 > MaxLength)
        {
            throw new ArgumentException($"A pkt-line holds at most {MaxLength - 4} bytes.", nameof(payload));
        }

        var line = new byte[payload.Length + 4];
        Encoding.ASCII.GetBytes((payload.Length + 4).ToString("x4", System.Globalization.CultureInfo.InvariantCulture), line);
        payload.CopyTo(line.AsSpan(4));
        return line;
    }

    /// <summary>
    /// Splits a request body into lines: a payload (trailing LF removed) or null for a flush, <c>"\u0001"</c> for a
    /// delimiter. A malformed length is a <see cref="FormatException"/> (the server answers 400).
    /// </summary>
    public static IReadOnlyList<string?> Parse(ReadOnlySpan<byte> body)
    {
        var lines = new List<string?>();
        var at = 0;
        while (at < body.Length)
        {
            if (body.Length - at < 4 || !int.TryParse(Encoding.ASCII.GetString(body.Slice(at, 4)), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var length))
            {
                throw new FormatException("malformed pkt-line length");
            }

            if (length is 0 or 2)
            {
                lines.Add(null);
                at += 4;
                continue;
            }

            if (length == 1)
            {
                lines.Add("\u0001");
                at += 4;
                continue;
            }

            if (length < 4 || length > MaxLength || at + length > body.Length)
            {
                throw new FormatException($"pkt-line length {length} out of range");
            }

            var text = Encoding.UTF8.GetString(body.Slice(at + 4, length - 4));
            lines.Add(text.EndsWith('\n') ? text[..^1] : text);
            at += length;
        }

        return lines;
    }
}
