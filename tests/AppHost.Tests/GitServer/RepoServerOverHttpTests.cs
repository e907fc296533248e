using LibGit2Sharp;
using PlatformValidation.AppHost.Resources.GitServer;
using PlatformValidation.Fakes.ArgoCd.Repos;

namespace PlatformValidation.AppHost.Tests.GitServer;

/// <summary>
/// The simulated repo-server reading a repository over the smart-HTTP git server (an <c>http://</c> URL in place of
/// a directory): targetRevision resolved by ls-remote as Argo CD does, objects fetched into a mirror, new commits
/// seen, and nothing read once the server is gone.
/// </summary>
[CancelAfter(120_000)]
public sealed class RepoServerOverHttpTests
{
    private const string RepoUrl = "https://github.com/example-org/p.git";
    private DirectoryInfo root = null!;
    private ServedGitRepo served = null!;
    private SmartGitHttpServer? server;
    private RepositoryService repos = null!;

    [SetUp]
    public async Task StartAsync()
    {
        root = Directory.CreateTempSubdirectory("pv-repo-http-");
        var source = Path.Combine(root.FullName, "src");
        Directory.CreateDirectory(Path.Combine(source, "apps"));
        await File.WriteAllTextAsync(Path.Combine(source, "apps", "a.yaml"), "kind: ConfigMap\n");
        served = await ServedGitRepo.CreateAsync(source, Path.Combine(root.FullName, "served"), "main", RepoUrl);
        server = await SmartGitHttpServer.StartAsync(new Dictionary<string, string> { ["platform"] = served.GitDirectory });
        repos = new RepositoryService(new Dictionary<string, string> { [RepoUrl] = new Uri(server.Url, "platform.git").ToString() }, Path.Combine(root.FullName, "cache"), TimeProvider.System) { ResolveCacheTtl = TimeSpan.Zero };
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        root.Delete(recursive: true);
    }

    [Test]
    public async Task BranchesHeadTagsAndShasResolveOverTheWireAndNewCommitsAreFetched()
    {
        var first = Head();
        using (var repo = new Repository(served.WorkingDirectory))
        {
            var signature = new Signature("t", "t@localhost", DateTimeOffset.UtcNow);
            repo.ApplyTag("v1.0.0", first, signature, "release");
            repo.ApplyTag("light", first);
        }

        Assert.Multiple(() =>
        {
            foreach (var revision in new[] { "main", "HEAD", string.Empty, "refs/heads/main", "v1.0.0", "light", first })
            {
                var resolved = repos.ResolveRevision(RepoUrl, revision);
                Assert.That(resolved.Revision, Is.EqualTo(first), $"'{revision}'");
                Assert.That(File.ReadAllText(Path.Combine(resolved.Directory, "apps", "a.yaml")), Is.EqualTo("kind: ConfigMap\n"), $"'{revision}'");
            }
        });

        await File.WriteAllTextAsync(Path.Combine(served.WorkingDirectory, "apps", "a.yaml"), "kind: Secret\n");
        var second = await served.CommitAsync("edit");
        var latest = repos.ResolveRevision(RepoUrl, "main");
        Assert.Multiple(() =>
        {
            Assert.That(latest.Revision, Is.EqualTo(second));
            Assert.That(File.ReadAllText(Path.Combine(latest.Directory, "apps", "a.yaml")), Is.EqualTo("kind: Secret\n"));
            Assert.That(repos.ResolveRevision(RepoUrl, first[..8]).Revision, Is.EqualTo(first), "a truncated SHA is read from the fetched objects");
            Assert.That(File.ReadAllText(Path.Combine(repos.ResolveRevision(RepoUrl, first).Directory, "apps", "a.yaml")), Is.EqualTo("kind: ConfigMap\n"));
        });

        // A semver constraint resolves to the highest satisfying tag of the ls-remote, as Argo CD does.
        using (var repo = new Repository(served.WorkingDirectory))
        {
            repo.ApplyTag("v1.1.0", second);
        }

        Assert.Multiple(() =>
        {
            Assert.That(repos.ResolveRevision(RepoUrl, "~1").Revision, Is.EqualTo(second));
            Assert.That(repos.ResolveRevision(RepoUrl, ">=1.0.0 <1.1.0").Revision, Is.EqualTo(first));
        });
    }

    [Test]
    public void AnUnknownRevisionIsTheRepoServersError()
    {
        var e = Assert.Throws<RepositoryException>(() => repos.ResolveRevision(RepoUrl, "no-such-branch"));
        Assert.That(e!.Message, Does.StartWith($"Unable to resolve 'no-such-branch' to a commit SHA in {RepoUrl}"));
    }

    [Test]
    public async Task NothingIsReadFromTheLocalDirectoryOnceTheServerIsGone()
    {
        Assert.That(repos.ResolveRevision(RepoUrl, "main").Revision, Is.EqualTo(Head()));
        await server!.DisposeAsync();
        server = null;
        var e = Assert.Throws<RepositoryException>(() => repos.ResolveRevision(RepoUrl, "main"));
        Assert.That(e!.Message, Does.StartWith("failed to list refs of http://127.0.0.1:").And.Contain(RepoUrl));
    }

    private string Head()
    {
        using var repo = new Repository(served.WorkingDirectory);
        return repo.Head.Tip.Sha;
    }
}
