namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Resolves a fixed set of repo URLs to local directories, ignoring the revision (the static path validates one
/// checkout). Any other URL is "not available here", with the option to supply a directory for it.
/// </summary>
public sealed class StaticRepoResolver : IRepoResolver
{
    private readonly Dictionary<string, RepoTree> byUrl = new(StringComparer.Ordinal);

    /// <summary>Maps every URL in <paramref name="repos"/> to its tree.</summary>
    public StaticRepoResolver(IEnumerable<KeyValuePair<string, RepoTree>> repos)
    {
        ArgumentNullException.ThrowIfNull(repos);
        foreach (var (url, tree) in repos)
        {
            byUrl[RepoUrl.CheckoutKey(url)] = tree;
        }
    }

    /// <summary>The platform checkout under its canonical URL(s), plus optional other repos (URL → directory tree).</summary>
    public static StaticRepoResolver For(RepoTree repo, IEnumerable<string> canonicalRepoUrls, IReadOnlyDictionary<string, RepoTree>? otherRepos = null)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(canonicalRepoUrls);
        var all = canonicalRepoUrls.Select(u => KeyValuePair.Create(u, repo)).ToList();
        if (otherRepos is not null)
        {
            all.AddRange(otherRepos);
        }

        return new StaticRepoResolver(all);
    }

    /// <summary>The URLs (normalized) this resolver knows.</summary>
    public IReadOnlyCollection<string> KnownUrls => byUrl.Keys;

    public RepoResolution Resolve(string repoUrl, string revision)
    {
        ArgumentNullException.ThrowIfNull(repoUrl);
        return byUrl.TryGetValue(RepoUrl.CheckoutKey(repoUrl), out var tree)
            ? RepoResolution.Found(tree)
            : RepoResolution.NotAvailable(
                $"repo {repoUrl} is not available here (known: {string.Join(", ", byUrl.Keys.Order(StringComparer.Ordinal))}); " +
                "supply a local directory for it, or use the canonical repoURL");
    }
}
