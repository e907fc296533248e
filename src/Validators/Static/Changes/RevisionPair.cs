using LibGit2Sharp;
using PlatformValidation.Validators.Git;

namespace PlatformValidation.Validators.Changes;

/// <summary>
/// The two sides of a pull request, as directories the validator can read: the base revision written out from git
/// (only the platform repo's folder), and the head — the working tree, or another revision written out too. Knows
/// which files differ between them. Dispose removes what it wrote.
/// </summary>
public sealed class RevisionPair : IDisposable
{
    private readonly List<string> scratch = [];

    private RevisionPair(string baseDirectory, string baseLabel, string headDirectory, string headLabel, IReadOnlySet<string> changedPaths)
    {
        BaseDirectory = baseDirectory;
        BaseLabel = baseLabel;
        HeadDirectory = headDirectory;
        HeadLabel = headLabel;
        ChangedPaths = changedPaths;
    }

    /// <summary>The platform repo folder as it is at the base revision.</summary>
    public string BaseDirectory { get; }

    /// <summary>Short SHA (and the name given) of the base.</summary>
    public string BaseLabel { get; }

    /// <summary>The platform repo folder at the head: the working tree itself, or a written-out revision.</summary>
    public string HeadDirectory { get; }

    /// <summary>"working tree", or the head revision's short SHA and name.</summary>
    public string HeadLabel { get; }

    /// <summary>Repo-relative paths (forward slashes) of files that differ between base and head.</summary>
    public IReadOnlySet<string> ChangedPaths { get; }

    /// <summary>
    /// Opens the git repository holding <paramref name="repoDirectory"/> and prepares both sides.
    /// <paramref name="baseRevision"/> null means the merge-base of HEAD with <c>origin/HEAD</c>;
    /// <paramref name="headRevision"/> null means the working tree.
    /// </summary>
    public static RevisionPair Open(string repoDirectory, string? baseRevision, string? headRevision, string? scratchRoot = null)
    {
        ArgumentNullException.ThrowIfNull(repoDirectory);
        var full = Path.GetFullPath(repoDirectory);
        var gitDir = Repository.Discover(full) ?? throw new ChangeException(
            $"--base needs a git checkout, and {full} is not inside one; run validate without --base, or clone the repository with git.");
        try
        {
            using var repository = new Repository(gitDir);
            if (repository.Info.IsBare || repository.Info.WorkingDirectory is null)
            {
                throw new ChangeException($"{gitDir} is a bare repository; --base needs a checkout with a working tree.");
            }

            var relative = Path.GetRelativePath(repository.Info.WorkingDirectory, full).Replace('\\', '/');
            relative = relative == "." ? string.Empty : relative.TrimEnd('/');
            var baseCommit = ResolveBase(repository, baseRevision);
            var headCommit = headRevision is null ? null : Resolve(repository, headRevision, "--head");
            if (headCommit is not null && repository.RetrieveStatus(new StatusOptions { IncludeUntracked = false }).IsDirty)
            {
                throw new ChangeException(
                    $"the working tree has uncommitted changes, but --head {headRevision} compares a commit: commit or stash them (git stash), or drop --head to compare the working tree itself.");
            }

            var changed = ChangedFiles(repository, baseCommit, headCommit, relative);
            var root = Path.Combine(scratchRoot ?? Path.GetTempPath(), "pv-changes-" + Guid.NewGuid().ToString("N")[..12]);
            var pair = new RevisionPair(
                // Against the working tree, a file the diff does not list is byte-identical there: link it, don't write it.
                Write(baseCommit, relative, Path.Combine(root, "base"), headCommit is null ? path => changed.Contains(path) ? null : Path.Combine(full, path) : null),
                Label(baseCommit, baseRevision ?? "merge-base with origin/HEAD"),
                headCommit is null ? full : Write(headCommit, relative, Path.Combine(root, "head")),
                headCommit is null ? "working tree" : Label(headCommit, headRevision!),
                changed);
            pair.scratch.Add(root);
            return pair;
        }
        catch (LibGit2SharpException e)
        {
            throw new ChangeException($"cannot read the git repository at {gitDir}: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        foreach (var dir in scratch)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover scratch folder under the temp directory is harmless.
            }
        }
    }

    private static Commit ResolveBase(Repository repository, string? baseRevision)
    {
        if (baseRevision is not null)
        {
            return Resolve(repository, baseRevision, "--base");
        }

        var upstream = repository.Refs["refs/remotes/origin/HEAD"]?.ResolveToDirectReference()?.Target as Commit
            ?? throw new ChangeException(
                "no --base was given and origin/HEAD is not set, so the merge-base is unknown: pass --base REV (e.g. --base origin/main), or run 'git remote set-head origin --auto'.");
        var head = repository.Head.Tip ?? throw new ChangeException("HEAD has no commit yet; commit once, or pass --base and --head explicitly.");
        return repository.ObjectDatabase.FindMergeBase(head, upstream) ?? throw new ChangeException(
            repository.Info.IsShallow
                ? "HEAD and origin/HEAD have no merge-base in this shallow clone: run 'git fetch --unshallow' (in CI: fetch-depth: 0), or pass --base REV."
                : "HEAD and origin/HEAD share no history; pass --base REV explicitly.");
    }

    private static Commit Resolve(Repository repository, string revision, string option)
    {
        if (GitRevisions.Peel(repository, revision) is { } commit)
        {
            return commit;
        }

        throw new ChangeException(repository.Info.IsShallow
            ? $"{option} {revision} is not in this shallow clone: run 'git fetch --unshallow' (in CI: actions/checkout with fetch-depth: 0), or 'git fetch origin {revision}'."
            : $"{option} {revision} names no commit here (not a branch, tag or SHA): check the name, or run 'git fetch origin' first.");
    }

    private static string Label(Commit commit, string name) =>
        string.Equals(commit.Sha, name, StringComparison.OrdinalIgnoreCase) || commit.Sha.StartsWith(name, StringComparison.OrdinalIgnoreCase)
            ? commit.Sha[..7]
            : $"{commit.Sha[..7]} ({name})";

    private static string Write(Commit commit, string relative, string target, Func<string, string?>? identicalFile = null)
    {
        var subtree = relative.Length == 0 ? commit.Tree : commit[relative]?.Target as Tree;
        if (subtree is null)
        {
            // The folder does not exist at this revision (the pull request adds it): an empty repo.
            Directory.CreateDirectory(target);
            return target;
        }

        GitRevisions.Export(subtree, target, identicalFile);
        return target;
    }

    private static HashSet<string> ChangedFiles(Repository repository, Commit baseCommit, Commit? headCommit, string relative)
    {
        var prefix = relative.Length == 0 ? string.Empty : relative + "/";
        var changes = headCommit is null
            ? repository.Diff.Compare<TreeChanges>(baseCommit.Tree, DiffTargets.Index | DiffTargets.WorkingDirectory, null, null, new CompareOptions { IncludeUnmodified = false })
            : repository.Diff.Compare<TreeChanges>(baseCommit.Tree, headCommit.Tree);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            foreach (var path in new[] { change.Path, change.OldPath })
            {
                if (path is not null && path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    paths.Add(path[prefix.Length..]);
                }
            }
        }

        if (headCommit is null)
        {
            // New files the index does not know yet are part of the working tree's change too.
            foreach (var entry in repository.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true }).Untracked)
            {
                if (entry.FilePath.StartsWith(prefix, StringComparison.Ordinal))
                {
                    paths.Add(entry.FilePath[prefix.Length..]);
                }
            }
        }

        return paths;
    }
}
