using System.Diagnostics;
using PlatformValidation.Tests;

namespace PlatformValidation.AppHost.Tests.Cli;

/// <summary><c>validate --base</c> through the CLI: exit codes and the messages for revisions it cannot read.</summary>
[NonParallelizable]
[Category(TestCategories.ExternalTool)]
public class ValidateBaseCommandTests
{
    private string repo = string.Empty;

    private string Scenario => Path.Combine(repo, "sample.yaml");

    [SetUp]
    public void CreateRepo()
    {
        var root = FindRoot();
        repo = Path.Combine(Path.GetTempPath(), "pv-cli-pr-" + Guid.NewGuid().ToString("N")[..10]);
        CopyDirectory(Path.Combine(root, "scenarios", "sample-platform"), Path.Combine(repo, "sample-platform"));
        File.Copy(Path.Combine(root, "scenarios", "sample.yaml"), Scenario);
        if (!Git("init", "-q") || !Git("add", "-A") || !Git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"))
        {
            Assert.Ignore("the git CLI is needed to build the test repository");
        }
    }

    [TearDown]
    public void DeleteRepo()
    {
        if (Directory.Exists(repo))
        {
            foreach (var file in Directory.EnumerateFiles(repo, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(repo, recursive: true);
        }
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task NoChangeExitsZeroAndSaysSo()
    {
        var result = await CliRunner.RunAsync("validate", "--scenario", Scenario, "--base", "HEAD", "--format", "markdown");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("no changes"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task ADeletedCrdExitsOneWithPrune001()
    {
        var crds = Path.Combine(repo, "sample-platform", "platform", "keda", "crds.yaml");
        File.WriteAllText(crds, string.Join("\n---\n", File.ReadAllText(crds).Split("\n---\n").Skip(1)));

        var result = await CliRunner.RunAsync("validate", "--scenario", Scenario, "--base", "HEAD");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("PRUNE001").And.Contain("scaledobjects.keda.sh"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task AnUnknownRevisionExitsTwoWithWhatToRun()
    {
        var result = await CliRunner.RunAsync("validate", "--scenario", Scenario, "--base", "no-such-branch");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("no-such-branch").And.Contain("git fetch origin"));
        Assert.That(result.All, Does.Not.Contain("Exception").And.Not.Contain("   at "));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task OutsideAGitCheckoutExitsTwo()
    {
        Directory.Delete(Path.Combine(repo, ".git"), recursive: true);

        var result = await CliRunner.RunAsync("validate", "--scenario", Scenario, "--base", "HEAD");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("needs a git checkout"));
    }

    private bool Git(params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            return process.WaitForExit(30_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlatformValidation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PlatformValidation.sln not found above " + AppContext.BaseDirectory);
    }
}
