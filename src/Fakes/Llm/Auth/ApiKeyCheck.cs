using System.Security.Cryptography;
using System.Text;

namespace PlatformValidation.Fakes.Llm.Auth;

/// <summary>
/// vLLM's token check (<c>AuthenticationMiddleware.verify_token</c>): <c>Authorization: Bearer &lt;key&gt;</c> (scheme
/// case-insensitive); the token's SHA-256 is compared in constant time with each key's. Only hashes are kept, so the
/// keys never sit in memory as text here and never reach a log or an error. Which paths need it: <see cref="AccessGate"/>.
/// </summary>
public sealed class ApiKeyCheck
{
    /// <summary>Path prefixes vLLM guards.</summary>
    public static readonly IReadOnlyList<string> GuardedPrefixes = ["/v1", "/v2", "/inference", "/cohere"];

    /// <summary>vLLM's 401 body (not the OpenAI error envelope).</summary>
    public static readonly byte[] UnauthorizedBody = """{"error":"Unauthorized"}"""u8.ToArray();

    private readonly byte[][] hashes;

    public ApiKeyCheck(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        hashes = [.. keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];
    }

    public bool Enabled => hashes.Length > 0;

    public bool Verify(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return false;
        }

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? authorization : authorization[..space];
        var token = space < 0 ? string.Empty : authorization[(space + 1)..];
        if (!scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var match = false;
        foreach (var expected in hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, expected);
        }

        return match;
    }
}
