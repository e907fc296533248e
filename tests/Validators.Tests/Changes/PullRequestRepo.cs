using LibGit2Sharp;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Changes;

/// <summary>
/// A git repository holding a copy of the bundled sample (scenario + platform), committed once, so a test can edit
/// the working tree or commit again and compare revisions like a pull request does. Deleted on dispose.
/// </summary>
public sealed class PullRequestRepo : IDisposable
{
    private static readonly Signature Author = new("pv-test", "test@pv.local", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    public PullRequestRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "pv-pr-" + Guid.NewGuid().ToString("N")[..12]);
        Copy(RepoPaths.SamplePlatform, Path.Combine(Root, "sample-platform"));
        File.Copy(RepoPaths.SampleScenario, Path.Combine(Root, "sample.yaml"));
        File.WriteAllText(Path.Combine(Root, "README.md"), "a platform repo\n");
        Repository.Init(Root);
        Commit("base");
    }

    public string Root { get; }

    public string Platform => Path.Combine(Root, "sample-platform");

    public Scenario Scenario => ScenarioParser.Load(Path.Combine(Root, "sample.yaml"));

    /// <summary>Path of a file of the platform repo (repo-relative, forward slashes).</summary>
    public string File_(string relative) => Path.Combine(Platform, relative);

    public void Write(string relative, string content) => File.WriteAllText(File_(relative), content);

    public string Read(string relative) => File.ReadAllText(File_(relative));

    public void Move(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File_(to))!);
        File.Move(File_(from), File_(to));
    }

    /// <summary>Commits everything in the working tree and returns the SHA.</summary>
    public string Commit(string message)
    {
        using var repo = new Repository(Root);
        Commands.Stage(repo, "*");
        return repo.Commit(message, Author, Author, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal); // git object files are read-only
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
