using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using PlatformValidation.Validators.Git;

namespace PlatformValidation.Fakes.ArgoCd.Repos;

/// <summary>
/// A repository the simulated repo-server reads over the wire (an <c>http://</c> or <c>https://</c> URL in place of
/// a directory), the way Argo CD's repo-server does: the revision is resolved with an ls-remote
/// (argo-cd <c>util/git/client.go</c>, <c>lsRemote</c>: a full SHA as is; else the ref whose full or short name is
/// the revision, a symbolic ref such as HEAD through its target; else a 7+ hex digit prefix as a SHA), then the
/// objects are fetched into a local bare mirror when it lacks that commit. libgit2 speaks git's smart HTTP protocol
/// only, as go-git v5 in the repo-server does, so a server it can read is one Argo CD can read. A semver constraint
/// in targetRevision resolves to the highest satisfying tag first (Argo CD's <c>versions.MaxVersion</c>, the engine's
/// <c>SemverRevision</c>).
/// </summary>
internal static class RemoteGitMirror
{
    private static readonly ConcurrentDictionary<string, Lock> Locks = new(StringComparer.Ordinal);

    /// <summary>Whether a repository location is a URL to read over the wire rather than a directory.</summary>
    public static bool IsRemote(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Resolves <paramref name="revision"/> of <paramref name="remoteUrl"/> by an ls-remote, fetches into the mirror
    /// under <paramref name="cacheRoot"/> when needed, and returns the mirror's git directory with the object id to
    /// read there (a commit or annotated tag SHA, or the revision itself when only the fetched refs can say).
    /// </summary>
    public static (string GitDirectory, string Revision) Sync(string repoUrl, string remoteUrl, string revision, string cacheRoot)
    {
        var resolved = LsRemote(repoUrl, remoteUrl, revision);
        var shown = Display(remoteUrl);
        var mirror = Path.Combine(cacheRoot, "remotes", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(remoteUrl)))[..16]);
        lock (Locks.GetOrAdd(mirror, _ => new Lock()))
        {
            try
            {
                if (!Repository.IsValid(mirror))
                {
                    Directory.CreateDirectory(mirror);
                    Repository.Init(mirror, isBare: true);
                    using var created = new Repository(mirror);
                    created.Network.Remotes.Add("origin", remoteUrl);
                }

                using var repo = new Repository(mirror);
                if (resolved is null || !Has(repo, resolved))
                {
                    // Every branch and tag, as the repo-server's `git fetch origin --tags --force --prune`.
                    Commands.Fetch(repo, "origin", ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"], new FetchOptions { Prune = true, TagFetchMode = TagFetchMode.None }, null);
                    if (resolved is not null && !Has(repo, resolved))
                    {
                        throw new RepositoryException($"{repoUrl}: the commit {resolved} that '{revision}' resolves to is not reachable from any branch or tag of {shown}");
                    }
                }
            }
            catch (LibGit2SharpException e)
            {
                throw new RepositoryException($"failed to fetch {shown} for {repoUrl}: {e.Message}", e);
            }
        }

        return (mirror, resolved ?? revision);
    }

    /// <summary>The SHA <paramref name="revision"/> names on the remote, or null when it only looks like a truncated SHA.</summary>
    private static string? LsRemote(string repoUrl, string remoteUrl, string revision)
    {
        if (IsCommitSha(revision))
        {
            return revision;
        }

        List<Reference> refs;
        try
        {
            refs = [.. Repository.ListRemoteReferences(remoteUrl)];
        }
        catch (LibGit2SharpException e)
        {
            throw new RepositoryException($"failed to list refs of {Display(remoteUrl)} for {repoUrl}: {e.Message}", e);
        }

        // A semver constraint names the highest tag that satisfies it, before any other lookup (Argo CD's order).
        var tags = refs.Select(r => r.CanonicalName).Where(n => n.StartsWith("refs/tags/", StringComparison.Ordinal) && !n.EndsWith("^{}", StringComparison.Ordinal)).Select(n => n["refs/tags/".Length..]);
        if (SemverRevision.MaxVersion(revision, tags) is { } tagged)
        {
            revision = tagged;
        }

        var hashes = refs.OfType<DirectReference>().GroupBy(r => r.CanonicalName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().TargetIdentifier, StringComparer.Ordinal);
        var shortRef = !revision.StartsWith("refs/", StringComparison.Ordinal);
        foreach (var reference in refs)
        {
            if ((shortRef && Short(reference.CanonicalName) == revision) || reference.CanonicalName == revision)
            {
                switch (reference)
                {
                    case DirectReference direct:
                        return direct.TargetIdentifier;
                    case SymbolicReference symbolic when hashes.TryGetValue(symbolic.TargetIdentifier, out var hash):
                        return hash;
                }
            }
        }

        if (revision.Length >= 7 && revision.Length < 40 && revision.All(Uri.IsHexDigit))
        {
            return null; // a truncated SHA: the fetched refs decide
        }

        throw new RepositoryException($"Unable to resolve '{revision}' to a commit SHA in {repoUrl}: no branch, tag or HEAD of that name on {Display(remoteUrl)}");
    }

    /// <summary>go-git's <c>ReferenceName.Short()</c>: the name without <c>refs/heads/</c>, <c>refs/tags/</c>, <c>refs/remotes/</c> or <c>refs/</c>.</summary>
    private static string Short(string name)
    {
        foreach (var prefix in new[] { "refs/heads/", "refs/tags/", "refs/remotes/", "refs/" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    /// <summary>The URL for messages: credentials in its user-info part are never shown.</summary>
    private static string Display(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString() : url;

    private static bool IsCommitSha(string revision) => revision.Length == 40 && revision.All(Uri.IsHexDigit);

    private static bool Has(Repository repo, string sha) => repo.ObjectDatabase.Contains(new ObjectId(sha));
}
