using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using PlatformValidation.Validators.Git;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Fakes.ArgoCd.Repos;

/// <summary>
/// The simulated repo-server: maps repoURLs to local directories. A git directory is read at targetRevision
/// (branch, tag, commit SHA or HEAD) through LibGit2Sharp and the commit's tree is materialised once into a cache
/// directory keyed by SHA, so renderers read an immutable snapshot. A plain (non-git) directory is served as its
/// working tree; its revision is the SHA-256 of its file paths and contents (prefixed <c>dir-</c>), so every edit
/// is a new revision. An <c>http(s)://</c> URL in place of a directory is read over the wire (ls-remote, then a
/// fetch into a local mirror; see <see cref="RemoteGitMirror"/>), as Argo CD's repo-server reads a remote.
/// Resolutions are cached for <see cref="ResolveCacheTtl"/> (a hard refresh bypasses it).
/// Implements the engine's <see cref="IRepoResolver"/> for already-resolved revisions.
/// </summary>
public sealed class RepositoryService : IRepoResolver
{
    private readonly Dictionary<string, string> directories = new(StringComparer.Ordinal);
    private readonly string cacheRoot;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<(string Url, string Revision), (ResolvedRevision Value, DateTimeOffset At)> resolved = new();
    private readonly ConcurrentDictionary<string, Lock> materializeLocks = new(StringComparer.Ordinal);

    public RepositoryService(IReadOnlyDictionary<string, string> repos, string cacheRoot, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(repos);
        foreach (var (url, dir) in repos)
        {
            directories[Normalize(url)] = RemoteGitMirror.IsRemote(dir) ? dir : Path.GetFullPath(dir);
        }

        this.cacheRoot = cacheRoot;
        this.time = time;
    }

    public TimeSpan ResolveCacheTtl { get; init; } = TimeSpan.FromSeconds(1);

    public IReadOnlyCollection<string> KnownUrls => directories.Keys;

    public static string Normalize(string url) => PlatformValidation.Validators.Loading.RepoUrl.CheckoutKey(url);

    /// <summary>Resolves <paramref name="targetRevision"/> of <paramref name="repoUrl"/>; throws <see cref="RepositoryException"/>.</summary>
    public ResolvedRevision ResolveRevision(string repoUrl, string targetRevision, bool bypassCache = false)
    {
        ArgumentNullException.ThrowIfNull(repoUrl);
        var revision = string.IsNullOrEmpty(targetRevision) ? "HEAD" : targetRevision;
        var now = time.GetUtcNow();
        if (!bypassCache && resolved.TryGetValue((repoUrl, revision), out var hit) && now - hit.At < ResolveCacheTtl)
        {
            return hit.Value;
        }

        if (!directories.TryGetValue(Normalize(repoUrl), out var dir))
        {
            throw new RepositoryException($"repository not found: {repoUrl} is not served by the simulated Argo CD (known: {string.Join(", ", directories.Keys.Order(StringComparer.Ordinal))}); pass --repo {repoUrl}=DIR or add it to ArgoCdOptions.Repositories");
        }

        var result = RemoteGitMirror.IsRemote(dir) ? ResolveRemote(repoUrl, dir, revision)
            : Repository.IsValid(dir) ? ResolveGit(repoUrl, dir, revision)
            : ResolvePlain(repoUrl, dir);
        resolved[(repoUrl, revision)] = (result, now);
        return result;
    }

    /// <summary>The engine's view: <paramref name="revision"/> is a resolved SHA (or any targetRevision).</summary>
    public RepoResolution Resolve(string repoUrl, string revision)
    {
        try
        {
            return RepoResolution.Found(RepoTree.Open(ResolveRevision(repoUrl, revision).Directory));
        }
        catch (RepositoryException e)
        {
            return RepoResolution.NotAvailable(e.Message);
        }
    }

    private ResolvedRevision ResolveRemote(string repoUrl, string remoteUrl, string revision)
    {
        var (mirror, objectId) = RemoteGitMirror.Sync(repoUrl, remoteUrl, revision, cacheRoot);
        return ResolveGit(repoUrl, mirror, objectId);
    }

    private ResolvedRevision ResolveGit(string repoUrl, string dir, string revision)
    {
        string sha;
        Tree tree;
        try
        {
            using var repo = new Repository(dir);
            var commit = GitRevisions.Peel(repo, revision) ?? throw new RepositoryException(
                $"Unable to resolve '{revision}' to a commit SHA in {repoUrl}: no branch, tag or commit of that name");
            sha = commit.Sha;
            var target = Path.Combine(cacheRoot, sha);
            if (!Directory.Exists(target))
            {
                lock (materializeLocks.GetOrAdd(sha, _ => new Lock()))
                {
                    if (!Directory.Exists(target))
                    {
                        tree = commit.Tree;
                        var temp = target + ".tmp-" + Guid.NewGuid().ToString("N");
                        GitRevisions.Export(tree, temp);
                        Directory.Move(temp, target);
                    }
                }
            }

            return new ResolvedRevision(repoUrl, sha, target);
        }
        catch (LibGit2SharpException e)
        {
            throw new RepositoryException($"failed to read git repository {dir} for {repoUrl}: {e.Message}", e);
        }
    }

    private static ResolvedRevision ResolvePlain(string repoUrl, string dir)
    {
        if (!Directory.Exists(dir))
        {
            throw new RepositoryException($"repository directory {dir} for {repoUrl} does not exist");
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(dir, file).Replace('\\', '/');
            if (relative.StartsWith(".git/", StringComparison.Ordinal))
            {
                continue;
            }

            sha.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return new ResolvedRevision(repoUrl, "dir-" + Convert.ToHexStringLower(sha.GetHashAndReset())[..40], dir);
    }
}
