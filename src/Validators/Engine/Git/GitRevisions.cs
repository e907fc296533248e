using LibGit2Sharp;

namespace PlatformValidation.Validators.Git;

/// <summary>
/// Reading a git repository at a revision, as Argo CD's repo-server does: a revision (branch, remote branch, tag,
/// commit SHA or any rev-parse expression) peels to one commit, whose tree is written out as plain files. Symbolic
/// links are not written, so a snapshot can never point outside itself. Used by the simulated repo-server and by
/// <c>validate --base</c>.
/// </summary>
public static class GitRevisions
{
    /// <summary>
    /// The commit <paramref name="revision"/> names: <c>HEAD</c>, a local branch, <c>origin/&lt;branch&gt;</c>, a
    /// tag (annotated or light), or anything <c>git rev-parse</c> accepts (SHA, <c>HEAD~1</c>); null when none.
    /// </summary>
    public static Commit? Peel(Repository repository, string revision)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(revision);
        if (revision == "HEAD")
        {
            return repository.Head.Tip;
        }

        // A semver constraint names the highest tag that satisfies it, before any other lookup (Argo CD's order).
        if (SemverRevision.MaxVersion(revision, repository.Tags.Select(t => t.FriendlyName)) is { } tagged)
        {
            revision = tagged;
        }

        try
        {
            var branch = repository.Branches[revision] ?? repository.Branches["origin/" + revision];
            if (branch?.Tip is { } tip)
            {
                return tip;
            }

            if (repository.Tags[revision] is { } tag)
            {
                return tag.PeeledTarget as Commit;
            }
        }
        catch (LibGit2SharpException)
        {
            // Not a valid reference name (e.g. HEAD~1): rev-parse below reads it.
        }

        try
        {
            return repository.Lookup(revision) switch
            {
                Commit c => c,
                TagAnnotation a => a.Target as Commit,
                _ => null,
            };
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes <paramref name="tree"/> below <paramref name="directory"/> (created). Submodules and symbolic links are
    /// skipped; regular files keep their content byte for byte. <paramref name="identicalFile"/>, when given, maps a
    /// tree-relative path (forward slashes) to a regular file known to hold exactly that blob's content (e.g. an
    /// unmodified file of the working tree); such files are hard-linked instead of written where the file system allows.
    /// </summary>
    public static void Export(Tree tree, string directory, Func<string, string?>? identicalFile = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(directory);
        Export(tree, directory, string.Empty, identicalFile);
    }

    private static void Export(Tree tree, string directory, string prefix, Func<string, string?>? identicalFile)
    {
        Directory.CreateDirectory(directory);
        foreach (var entry in tree)
        {
            var path = Path.Combine(directory, entry.Name);
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    Export((Tree)entry.Target, path, prefix + entry.Name + "/", identicalFile);
                    break;
                case TreeEntryTargetType.Blob when entry.Mode != Mode.SymbolicLink:
                    if (identicalFile?.Invoke(prefix + entry.Name) is { } same && HardLink.TryCreate(same, path))
                    {
                        break;
                    }

                    using (var content = ((Blob)entry.Target).GetContentStream())
                    using (var file = File.Create(path))
                    {
                        content.CopyTo(file);
                    }

                    break;
            }
        }
    }
}
