using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using LibGit2Sharp;
using PlatformValidation.AppHost.Resources;
using PlatformValidation.AppHost.Resources.GitServer;
using PlatformValidation.AppHost.Substrates.K3s;
using PlatformValidation.Tests;

namespace PlatformValidation.AppHost.Tests.Substrates;

/// <summary>
/// The k3s substrate's repo copy against a real container: the in-cluster git server image (FROM scratch, built
/// locally from the AppHost's self-contained publish) is started, the served repo's .git is copied in the way the
/// substrate does it, and libgit2 (a smart-only client, like Argo CD's go-git) clones it, then fetches a later commit.
/// </summary>
[Category(TestCategories.Docker)]
[CancelAfter(1_200_000)]
public sealed class ContainerRepoCopyTests
{
    // The server's root in the pod (where the node's hostPath is mounted); the server creates it when absent.
    private const string Root = "/srv/git";

    [Test]
    public async Task TheCopiedRepoIsServedByTheGitServerImageAndClonedByLibgit2()
    {
        if (await DockerInfoAsync() is { } missing)
        {
            Assert.Ignore(missing);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await LocalImageBuilder.BuildAsync("src/AppHost/AppHost.csproj", "PlatformValidation.AppHost", [], ImageTags.GitServer, 8080, line => TestContext.Out.WriteLine(line), timeout.Token);
        var root = Directory.CreateTempSubdirectory("pv-copy-test-");
        try
        {
            var source = Path.Combine(root.FullName, "src");
            Directory.CreateDirectory(Path.Combine(source, "apps"));
            await File.WriteAllTextAsync(Path.Combine(source, "apps", "a.yaml"), "kind: ConfigMap\n");
            var served = await ServedGitRepo.CreateAsync(source, Path.Combine(root.FullName, "served"), "main", "http://git-server/platform.git");
            await using var container = new ContainerBuilder(ImageTags.GitServer)
                .WithCommand("git-http-server", "--root", Root, "--port", "8080")
                .WithPortBinding(8080, assignRandomHostPort: true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(8080).ForPath("/healthz")))
                .Build();
            await container.StartAsync(timeout.Token);

            await ContainerRepoCopy.CopyAsync(container, served.GitDirectory, Root, InClusterGitServer.RepoName, timeout.Token);
            var url = $"http://{container.Hostname}:{container.GetMappedPublicPort(8080)}/{InClusterGitServer.RepoName}.git";
            var clone = Path.Combine(root.FullName, "clone");
            Repository.Clone(url, clone, new CloneOptions { BranchName = "main" });
            Assert.That(File.ReadAllText(Path.Combine(clone, "apps", "a.yaml")), Is.EqualTo("kind: ConfigMap\n"));

            // A later commit copied over the first one (what K3sSubstrate does on every commit) is fetched too.
            await File.WriteAllTextAsync(Path.Combine(served.WorkingDirectory, "apps", "a.yaml"), "kind: Secret\n");
            var sha = await served.CommitAsync("edit");
            await ContainerRepoCopy.CopyAsync(container, served.GitDirectory, Root, InClusterGitServer.RepoName, timeout.Token);
            using var repo = new Repository(clone);
            Commands.Fetch(repo, "origin", ["+refs/heads/*:refs/remotes/origin/*"], new FetchOptions(), null);
            Assert.That(repo.Branches["origin/main"].Tip.Sha, Is.EqualTo(sha));

            // A command that fails inside the container is an error, not a silently ignored exit code.
            Assert.That(async () => await ContainerRepoCopy.ExecCheckedAsync(container, ["/app/PlatformValidation.AppHost", "no-such-command"], timeout.Token), Throws.InstanceOf<InvalidOperationException>());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task<string?> DockerInfoAsync()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("docker", "info") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            _ = p.StandardOutput.ReadToEndAsync(cts.Token);
            _ = p.StandardError.ReadToEndAsync(cts.Token);
            await p.WaitForExitAsync(cts.Token);
            return p.ExitCode == 0 ? null : "No Docker engine answers (docker info failed); start dockerd to run the repo copy test.";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return "No Docker engine (docker not on PATH or not answering); start dockerd to run the repo copy test.";
        }
    }
}
