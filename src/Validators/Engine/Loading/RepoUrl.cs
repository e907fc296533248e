namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Repository URL comparison the way Argo CD normalizes them (util/git NormalizeGitURL): trimmed, lower-cased,
/// without a trailing <c>.git</c> or <c>/</c>; <c>git@host:org/repo</c> and <c>ssh://git@host/org/repo</c> compare equal.
/// </summary>
public static class RepoUrl
{
    /// <summary>The normalized form used for comparisons.</summary>
    public static string Normalize(string repoUrl)
    {
        ArgumentNullException.ThrowIfNull(repoUrl);
        var u = repoUrl.Trim().ToLowerInvariant().TrimEnd('/');
        if (u.EndsWith(".git", StringComparison.Ordinal))
        {
            u = u[..^4];
        }

        // scp-like SSH form: user@host:path → ssh://user@host/path
        var at = u.IndexOf('@', StringComparison.Ordinal);
        var colon = u.IndexOf(':', StringComparison.Ordinal);
        if (!u.Contains("://", StringComparison.Ordinal) && at > 0 && colon > at)
        {
            u = "ssh://" + u[..colon] + "/" + u[(colon + 1)..].TrimStart('/');
        }

        return u.TrimEnd('/');
    }

    /// <summary>True when both URLs name the same repository.</summary>
    public static bool SameRepo(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);
}
