using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Expansion;

/// <summary>
/// Expands a profile: loads each layer's manifests from the repo, then follows every Application (rendering it,
/// recursing into child Applications and ApplicationSets it renders) and every ApplicationSet (generating its
/// Applications), with cycle, depth and size guards. Renders run in parallel and are cached across profiles for
/// the lifetime of the instance. Dispose to remove scratch directories.
/// </summary>
public sealed class ProfileExpander : IDisposable
{
    public ProfileExpander(RepoTree repo, IRepoResolver resolver, ExpansionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(resolver);
        Repo = repo;
        Resolver = resolver;
        Options = options ?? ExpansionOptions.Default;
    }

    /// <summary>The platform repo the layer manifests are read from.</summary>
    public RepoTree Repo { get; }

    public IRepoResolver Resolver { get; }

    public ExpansionOptions Options { get; }

    /// <summary>Expands <paramref name="profile"/>. Never throws for bad repo content: problems are findings.</summary>
    public Task<ExpandedProfile> ExpandAsync(ProfileDefinition profile, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
