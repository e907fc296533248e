using LibGit2Sharp;
using PlatformValidation.Validators.Live.Substrates;

namespace PlatformValidation.AppHost.Resources.GitServer;

/// <summary>
/// A git repository made from a snapshot of the platform repo's working tree: what the harness serves to Argo CD.
/// Edits in <see cref="WorkingDirectory"/> become a new commit on <see cref="Branch"/> with <see cref="CommitAsync"/>.
/// </summary>
public sealed class ServedGitRepo : IServedRepo
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", "TestResults" };
    private readonly SemaphoreSlim gate = new(1, 1);

    private ServedGitRepo(string workingDirectory, string branch, string repoUrl)
    {
        WorkingDirectory = workingDirectory;
        Branch = branch;
        RepoUrl = repoUrl;
    }

    public string WorkingDirectory { get; }

    /// <summary>The repository's <c>.git</c> directory (what the smart HTTP server serves).</summary>
    public string GitDirectory => Path.Combine(WorkingDirectory, ".git");

    public string Branch { get; }

    public string RepoUrl { get; set; }

    /// <summary>Raised after each commit with the new revision (the k3s substrate copies the repo into the cluster).</summary>
    public event Func<string, CancellationToken, Task>? Committed;

    /// <summary>Copies <paramref name="sourceDirectory"/> (without .git, bin, obj) into <paramref name="targetDirectory"/> and commits it on <paramref name="branch"/>.</summary>
    public static async Task<ServedGitRepo> CreateAsync(string sourceDirectory, string targetDirectory, string branch, string repoUrl, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(sourceDirectory))
        {
            throw new DirectoryNotFoundException($"The platform repo {sourceDirectory} does not exist; check the scenario's repo.path.");
        }

        Copy(sourceDirectory, targetDirectory, cancellationToken);
        Repository.Init(targetDirectory);
        using (var repo = new Repository(targetDirectory))
        {
            // Point HEAD at the scenario's branch before the first commit, so the branch is born with it.
            repo.Refs.UpdateTarget("HEAD", "refs/heads/" + (IsSha(branch) || branch == "HEAD" ? "main" : branch));
        }

        var served = new ServedGitRepo(targetDirectory, IsSha(branch) || branch == "HEAD" ? "main" : branch, repoUrl);
        await served.CommitAsync("platform-validation: snapshot of the working tree", cancellationToken);
        return served;
    }

    public async Task<string> CommitAsync(string message, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        string sha;
        try
        {
            using var repo = new Repository(WorkingDirectory);
            Commands.Stage(repo, "*");
            var signature = new Signature("platform-validation", "platform-validation@localhost", DateTimeOffset.UtcNow);
            var commit = repo.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true });
            sha = commit.Sha;
        }
        finally
        {
            gate.Release();
        }

        if (Committed is { } handler)
        {
            await handler(sha, cancellationToken);
        }

        return sha;
    }

    private static bool IsSha(string revision) => revision.Length == 40 && revision.All(Uri.IsHexDigit);

    private static void Copy(string source, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Skipped.Contains(entry.Name) || entry.LinkTarget is not null)
            {
                continue; // symlinks are not followed: a snapshot never reaches outside the repo
            }

            if (entry is DirectoryInfo dir)
            {
                Copy(dir.FullName, Path.Combine(target, dir.Name), cancellationToken);
            }
            else
            {
                File.Copy(entry.FullName, Path.Combine(target, entry.Name), overwrite: true);
            }
        }
    }
}
