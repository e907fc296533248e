using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Live.Secrets;

/// <summary>
/// Removes secrets from text before it leaves the process. Values are registered where they enter (an API key
/// from the environment, a bearer token or client key from a kubeconfig), and every writer of console output,
/// logs, traces, reports and exception messages passes its text through <see cref="Redact"/>. Well-known shapes
/// (<c>Authorization: Bearer …</c>, kubeconfig <c>token:</c>/<c>client-key-data:</c> lines) are masked even when
/// nobody registered them.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    // Values shorter than this are not registered: masking "a" everywhere would destroy the text and such a
    // value protects nothing.
    private const int MinimumLength = 4;

    private readonly Lock gate = new();
    private string[] values = [];

    /// <summary>The process-wide redactor every output boundary uses.</summary>
    public static SecretRedactor Shared { get; } = new();

    /// <summary>Registers a secret value; later calls to <see cref="Redact"/> mask every occurrence.</summary>
    public void Register(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < MinimumLength)
        {
            return;
        }

        lock (gate)
        {
            if (Array.IndexOf(values, secret) >= 0)
            {
                return;
            }

            // Longest first, so that a secret containing another is masked whole.
            values = [.. values.Append(secret).OrderByDescending(v => v.Length)];
        }
    }

    /// <summary>The text with every registered secret and every well-known credential shape masked.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = text;
        foreach (var secret in Volatile.Read(ref values))
        {
            if (result.Contains(secret, StringComparison.Ordinal))
            {
                result = result.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        result = BearerPattern().Replace(result, m => m.Groups[1].Value + Mask);
        result = KubeconfigCredentialPattern().Replace(result, m => m.Groups[1].Value + Mask);
        return result;
    }

    /// <summary>An exception's message, redacted, for places that must show one.</summary>
    public string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Redact(exception.Message);
    }

    [GeneratedRegex(@"(\b[Bb]earer\s+)(?!\*\*\*)[A-Za-z0-9\-\._~\+/=:]{4,}")]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"(\b(?:token|client-key-data|client-certificate-data|password|api[-_]?key)[""']?\s*[:=]\s*[""']?)(?!\*\*\*)[^\s""',}]{4,}", RegexOptions.IgnoreCase)]
    private static partial Regex KubeconfigCredentialPattern();
}
