namespace PlatformValidation.Validators.Loading;

/// <summary>The answer of an <see cref="IRepoResolver"/>: a repo view, or the reason none is available here.</summary>
public sealed record RepoResolution(RepoTree? Tree, string? Reason)
{
    /// <summary>The repo is available.</summary>
    public static RepoResolution Found(RepoTree tree) => new(tree ?? throw new ArgumentNullException(nameof(tree)), null);

    /// <summary>The repo is not available; <paramref name="reason"/> says why and what to do.</summary>
    public static RepoResolution NotAvailable(string reason) => new(null, reason);
}
