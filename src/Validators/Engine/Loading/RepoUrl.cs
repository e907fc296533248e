using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Repository URLs normalized the way Argo CD does before comparing or matching them (util/git NormalizeGitURL):
/// trimmed and lower-cased; an SSH URL in scp form (<c>git@host:org/repo</c>) has its first <c>:</c> turned into
/// <c>/</c>; a trailing <c>.git</c> is dropped; the <c>ssh://</c> scheme is dropped, so <c>git@host:org/repo.git</c>
/// and <c>ssh://git@host/org/repo</c> both become <c>git@host/org/repo</c>. A URL that does not parse (e.g. a port
/// that is not a number) normalizes to itself lower-cased, as NormalizeGitURLAllowInvalid keeps it.
/// </summary>
public static partial class RepoUrl
{
    /// <summary>The normalized form used for comparisons and AppProject <c>sourceRepos</c> matching.</summary>
    public static string Normalize(string repoUrl)
    {
        ArgumentNullException.ThrowIfNull(repoUrl);
        return NormalizeGitUrl(repoUrl) ?? repoUrl.Trim().ToLowerInvariant();
    }

    /// <summary>NormalizeGitURL exactly: null where Argo CD's returns "" (the URL does not parse).</summary>
    public static string? NormalizeGitUrl(string repoUrl)
    {
        ArgumentNullException.ThrowIfNull(repoUrl);
        var u = repoUrl.Trim().ToLowerInvariant();
        if (SshUrl().IsMatch(u) && !u.StartsWith("ssh://", StringComparison.Ordinal))
        {
            var colon = u.IndexOf(':', StringComparison.Ordinal);
            u = "ssh://" + (colon < 0 ? u : u[..colon] + "/" + u[(colon + 1)..]);
        }

        if (u.EndsWith(".git", StringComparison.Ordinal))
        {
            u = u[..^4];
        }

        if (!Parses(u))
        {
            return null;
        }

        return u.StartsWith("ssh://", StringComparison.Ordinal) ? u["ssh://".Length..] : u;
    }

    /// <summary>
    /// The key that finds the checkout a URL clones: <see cref="Normalize"/> without a trailing <c>/</c> (a git host
    /// serves <c>…/repo/</c> as <c>…/repo</c>). For resolving repositories only; AppProject matching uses <see cref="Normalize"/>.
    /// </summary>
    public static string CheckoutKey(string repoUrl) => Normalize(repoUrl).TrimEnd('/');

    /// <summary>True when both URLs clone the same repository (util/git SameURL, trailing slash aside).</summary>
    public static bool SameRepo(string a, string b)
    {
        var left = CheckoutKey(a);
        var right = CheckoutKey(b);
        return left.Length > 0 && string.Equals(left, right, StringComparison.Ordinal);
    }

    /// <summary>The cases where Go's url.Parse fails on a repo URL: control characters, or an authority whose port is not a number.</summary>
    private static bool Parses(string u)
    {
        if (u.Any(char.IsControl))
        {
            return false;
        }

        var scheme = u.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return true;
        }

        var rest = u[(scheme + 3)..];
        var authority = rest.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? rest[..slash] : rest;
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        if (host.StartsWith('['))
        {
            return true; // IPv6 literal: left to the transport
        }

        var portAt = host.LastIndexOf(':');
        return portAt < 0 || host[(portAt + 1)..].All(char.IsAsciiDigit);
    }

    /// <summary>util/git sshURLRegex: an optional ssh:// and a user@ before a host.</summary>
    [GeneratedRegex("^(ssh://)?([^/:]*?)@[^@]+$")]
    private static partial Regex SshUrl();
}
