namespace PlatformValidation.Validators.Loading;

/// <summary>Repository URL comparison the way Argo CD normalizes them (case, trailing <c>/</c> and <c>.git</c>).</summary>
public static class RepoUrl
{
    /// <summary>The normalized form used for comparisons.</summary>
    public static string Normalize(string repoUrl) => throw new NotImplementedException();

    /// <summary>True when both URLs name the same repository.</summary>
    public static bool SameRepo(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);
}
