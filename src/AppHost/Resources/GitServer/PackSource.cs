using LibGit2Sharp;

namespace PlatformValidation.AppHost.Resources.GitServer;

/// <summary>
/// The objects a fetch needs, as a pack built by libgit2's pack builder: every commit reachable from the wants and
/// not from the common haves, with its tree and blobs; annotated tags wanted directly come with their target.
/// Objects the client may already have through a common tree are sent again (a full, non-thin pack is always valid).
/// </summary>
public static class PackSource
{
    /// <summary>Writes the pack into a fresh directory under <paramref name="scratch"/> and returns the .pack file.</summary>
    public static string Build(Repository repo, IReadOnlyCollection<ObjectId> wants, IReadOnlyCollection<ObjectId> commonHaves, string scratch)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(wants);
        ArgumentNullException.ThrowIfNull(commonHaves);
        var directory = Path.Combine(scratch, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var commits = new List<Commit>();
        var others = new List<GitObject>();
        foreach (var want in wants)
        {
            var target = repo.Lookup(want);
            while (target is TagAnnotation tag)
            {
                others.Add(tag);
                target = tag.Target;
            }

            switch (target)
            {
                case Commit commit:
                    commits.Add(commit);
                    break;
                case not null:
                    others.Add(target);
                    break;
            }
        }

        var walk = commits.Count == 0
            ? Enumerable.Empty<Commit>()
            : repo.Commits.QueryBy(Filter(commits, commonHaves.Select(h => repo.Lookup<Commit>(h)).Where(c => c is not null).ToList()));
        var options = new PackBuilderOptions(directory) { MaximumNumberOfThreads = 1 };
        repo.ObjectDatabase.Pack(options, builder =>
        {
            foreach (var commit in walk)
            {
                builder.AddRecursively(commit);
            }

            foreach (var other in others)
            {
                builder.AddRecursively(other);
            }
        });
        return Directory.GetFiles(directory, "*.pack").Single();
    }

    private static CommitFilter Filter(List<Commit> include, List<Commit> exclude) =>
        exclude.Count == 0 ? new CommitFilter { IncludeReachableFrom = include } : new CommitFilter { IncludeReachableFrom = include, ExcludeReachableFrom = exclude };
}
