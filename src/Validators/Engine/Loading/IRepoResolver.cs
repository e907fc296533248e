namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Maps a source's <c>repoURL</c> and <c>targetRevision</c> to a readable <see cref="RepoTree"/>. The static path
/// maps canonical URLs to the checkout under test; the reconciler supplies a view of the repo at a revision.
/// </summary>
public interface IRepoResolver
{
    /// <summary>The repo view for <paramref name="repoUrl"/> at <paramref name="revision"/>, or why there is none.</summary>
    RepoResolution Resolve(string repoUrl, string revision);
}
