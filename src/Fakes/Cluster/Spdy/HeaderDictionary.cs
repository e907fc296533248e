using System.Buffers.Binary;
using System.Text;

namespace PlatformValidation.Fakes.Cluster.Spdy;

/// <summary>
/// The preset zlib dictionary of SPDY/3 header compression (SPDY protocol draft 3, section 2.6.10.1 "Compression"):
/// a list of common header names and methods, each preceded by its length (listed here comma-separated) as a 32-bit big-endian integer, then a run
/// of status codes, reason phrases, dates and media types. Both directions of a connection compress their header
/// blocks against it; its Adler-32 (0xE3C6A7C2) is the dictionary id in the zlib stream header.
/// </summary>
public static class HeaderDictionary
{
    private const string Words = """
        options, head, post, put, delete, trace, accept, accept-charset, accept-encoding, accept-language,
        accept-ranges, age, allow, authorization, cache-control, connection, content-base,
        content-encoding, content-language, content-length, content-location, content-md5, content-range,
        content-type, date, etag, expect, expires, from, host, if-match, if-modified-since, if-none-match,
        if-range, if-unmodified-since, last-modified, location, max-forwards, pragma, proxy-authenticate,
        proxy-authorization, range, referer, retry-after, server, te, trailer, transfer-encoding, upgrade,
        user-agent, vary, via, warning, www-authenticate, method, get, status, 200 OK, version, HTTP/1.1,
        url, public, set-cookie, keep-alive, origin
        """;

    private const string Tail = """
        100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505203 No
        n-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized403
         Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service UnavailableJan Fe
        b Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunke
        d,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,text/
        javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.
        """;

    public static byte[] Bytes { get; } = Build();

    private static byte[] Build()
    {
        var bytes = new List<byte>();
        Span<byte> length = stackalloc byte[4];
        foreach (var word in Words.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BinaryPrimitives.WriteInt32BigEndian(length, word.Length);
            bytes.AddRange(length.ToArray());
            bytes.AddRange(Encoding.ASCII.GetBytes(word));
        }

        bytes.AddRange(Encoding.ASCII.GetBytes(string.Concat(Tail.Split('\n').Select(l => l.Trim('\r')))));
        return [.. bytes];
    }
}
