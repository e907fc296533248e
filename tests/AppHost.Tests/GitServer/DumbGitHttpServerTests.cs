using System.Diagnostics;
using PlatformValidation.AppHost.Resources.GitServer;
using PlatformValidation.Tests;

namespace PlatformValidation.AppHost.Tests.GitServer;

[Category(TestCategories.ExternalTool)]
[CancelAfter(120_000)]
public sealed class DumbGitHttpServerTests
{
    [Test]
    public async Task RealGitClonesTheSnapshotAndPullsANewCommit()
    {
        var root = Directory.CreateTempSubdirectory("pv-git-test-");
        try
        {
            var source = Path.Combine(root.FullName, "src");
            Directory.CreateDirectory(Path.Combine(source, "apps"));
            await File.WriteAllTextAsync(Path.Combine(source, "apps", "a.yaml"), "kind: ConfigMap\n");
            Directory.CreateDirectory(Path.Combine(source, "bin"));
            await File.WriteAllTextAsync(Path.Combine(source, "bin", "junk"), "x");
            var served = await ServedGitRepo.CreateAsync(source, Path.Combine(root.FullName, "served"), "main", "https://example.org/p.git");
            await using var server = await DumbGitHttpServer.StartAsync(new Dictionary<string, string> { ["platform"] = served.GitDirectory });
            var clone = Path.Combine(root.FullName, "clone");
            var url = new Uri(server.Url, "platform.git").ToString();
            Assert.That(await Git(root.FullName, "clone", "--branch", "main", url, clone), Is.Zero);
            Assert.That(File.ReadAllText(Path.Combine(clone, "apps", "a.yaml")), Is.EqualTo("kind: ConfigMap\n"));
            Assert.That(Directory.Exists(Path.Combine(clone, "bin")), Is.False, "build output is not part of the snapshot");

            await File.WriteAllTextAsync(Path.Combine(served.WorkingDirectory, "apps", "a.yaml"), "kind: Secret\n");
            var sha = await served.CommitAsync("edit");
            Assert.That(await Git(clone, "pull", "--ff-only"), Is.Zero);
            Assert.That(File.ReadAllText(Path.Combine(clone, "apps", "a.yaml")), Is.EqualTo("kind: Secret\n"));
            Assert.That(await GitOutput(clone, "rev-parse", "HEAD"), Is.EqualTo(sha));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [TestCase("platform.git", "config")]
    [TestCase("platform.git", "../../etc/passwd")]
    [TestCase("other.git", "HEAD")]
    public void OnlyGitDumbProtocolPathsOfKnownReposAreServed(string repo, string path)
    {
        var result = DumbGitHttpServer.Serve(new Dictionary<string, string> { ["platform"] = Path.GetTempPath() }, repo, path);
        Assert.That(result, Is.InstanceOf<Microsoft.AspNetCore.Http.HttpResults.NotFound>());
    }

    private static async Task<int> Git(string dir, params string[] args) => (await Run(dir, args)).Code;

    private static async Task<string> GitOutput(string dir, params string[] args) => (await Run(dir, args)).Output.Trim();

    private static async Task<(int Code, string Output)> Run(string dir, string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        TestContext.Out.WriteLine(error);
        return (p.ExitCode, output);
    }
}
