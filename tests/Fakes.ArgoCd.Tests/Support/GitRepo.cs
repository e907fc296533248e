using LibGit2Sharp;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Support;

/// <summary>A throwaway git repository for tests: write files, commit, tag.</summary>
public sealed class GitRepo : IDisposable
{
    private static readonly Signature Author = new("test", "test@example.invalid", DateTimeOffset.UnixEpoch);

    public GitRepo()
    {
        Directory = Path.Combine(Path.GetTempPath(), "pv-argocd-repo-" + Guid.NewGuid().ToString("N"));
        Repository.Init(Directory);
    }

    public string Directory { get; }

    public string Write(string path, string content)
    {
        var full = Path.Combine(Directory, path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Delete(string path)
    {
        var full = Path.Combine(Directory, path);
        if (File.Exists(full))
        {
            File.Delete(full);
        }
        else if (System.IO.Directory.Exists(full))
        {
            System.IO.Directory.Delete(full, recursive: true);
        }
    }

    /// <summary>Stages everything and commits; returns the SHA.</summary>
    public string Commit(string message = "change")
    {
        using var repo = new Repository(Directory);
        Commands.Stage(repo, "*");
        return repo.Commit(message, Author, Author, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    /// <summary>Copies a directory tree into the work tree.</summary>
    public void CopyFrom(string source)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Creates (or moves) a branch to the current commit and checks it out.</summary>
    public void Branch(string name)
    {
        using var repo = new Repository(Directory);
        var branch = repo.Branches[name] ?? repo.CreateBranch(name);
        Commands.Checkout(repo, branch);
    }

    public void Tag(string name)
    {
        using var repo = new Repository(Directory);
        repo.ApplyTag(name);
    }

    public void Dispose()
    {
        try
        {
            foreach (var f in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(f, FileAttributes.Normal);
            }

            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
