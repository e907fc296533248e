using LibGit2Sharp;
using PlatformValidation.AppHost.Resources.GitServer;
using PlatformValidation.Tests;

namespace PlatformValidation.AppHost.Tests.GitServer;

/// <summary>
/// The smart HTTP git server read by three independent clients: libgit2 (smart-only, like go-git in Argo CD's
/// repo-server), the git CLI with protocol v0 and v2, and an ls-remote followed by a fetch at a SHA (Argo CD's
/// repo-server resolves the revision with ls-remote, then fetches it).
/// </summary>
[CancelAfter(120_000)]
public sealed class SmartGitHttpServerTests
{
    private DirectoryInfo root = null!;
    private ServedGitRepo served = null!;
    private SmartGitHttpServer server = null!;
    private string url = null!;

    [SetUp]
    public async Task StartAsync()
    {
        root = Directory.CreateTempSubdirectory("pv-git-test-");
        var source = Path.Combine(root.FullName, "src");
        Directory.CreateDirectory(Path.Combine(source, "apps"));
        await File.WriteAllTextAsync(Path.Combine(source, "apps", "a.yaml"), "kind: ConfigMap\n");
        // Enough content for a pack larger than one side-band-64k frame.
        await File.WriteAllTextAsync(Path.Combine(source, "apps", "big.txt"), string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i} {Guid.NewGuid()}\n")));
        Directory.CreateDirectory(Path.Combine(source, "bin"));
        await File.WriteAllTextAsync(Path.Combine(source, "bin", "junk"), "x");
        served = await ServedGitRepo.CreateAsync(source, Path.Combine(root.FullName, "served"), "main", "https://example.org/p.git");
        server = await SmartGitHttpServer.StartAsync(new Dictionary<string, string> { ["platform"] = served.GitDirectory });
        url = new Uri(server.Url, "platform.git").ToString();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await server.DisposeAsync();
        root.Delete(recursive: true);
    }

    [Test]
    public async Task Libgit2ClonesAndFetchesANewCommit()
    {
        var clone = Path.Combine(root.FullName, "clone");
        Repository.Clone(url, clone, new CloneOptions { BranchName = "main" });
        Assert.That(File.ReadAllText(Path.Combine(clone, "apps", "a.yaml")), Is.EqualTo("kind: ConfigMap\n"));
        Assert.That(Directory.Exists(Path.Combine(clone, "bin")), Is.False, "build output is not part of the snapshot");

        var sha = await EditAndCommitAsync("kind: Secret\n");
        using var repo = new Repository(clone);
        Commands.Fetch(repo, "origin", ["+refs/heads/*:refs/remotes/origin/*"], new FetchOptions(), null);
        Assert.That(repo.Branches["origin/main"].Tip.Sha, Is.EqualTo(sha));
        Assert.That(repo.Branches["origin/main"].Tip["apps/a.yaml"].Target.Peel<Blob>().GetContentText(), Is.EqualTo("kind: Secret\n"));
    }

    [Category(TestCategories.ExternalTool)]
    [TestCase("0")]
    [TestCase("2")]
    public async Task GitCliClonesAndPullsWithProtocolVersion(string version)
    {
        var clone = Path.Combine(root.FullName, "clone");
        var (code, _, _) = await GitCli.RunAsync(root.FullName, null, "-c", "protocol.version=" + version, "clone", "--branch", "main", url, clone);
        Assert.That(code, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(clone, "apps", "a.yaml")), Is.EqualTo("kind: ConfigMap\n"));

        var sha = await EditAndCommitAsync("kind: Secret\n");
        Assert.That((await GitCli.RunAsync(clone, null, "-c", "protocol.version=" + version, "pull", "--ff-only")).Code, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(clone, "apps", "a.yaml")), Is.EqualTo("kind: Secret\n"));
        Assert.That((await GitCli.RunAsync(clone, null, "rev-parse", "HEAD")).Output, Is.EqualTo(sha));
        Assert.That((await GitCli.RunAsync(clone, null, "fsck", "--no-dangling")).Code, Is.Zero);
    }

    [Category(TestCategories.ExternalTool)]
    [TestCase("0")]
    [TestCase("2")]
    public async Task LsRemoteThenFetchAtAShaAsArgoCdDoes(string version)
    {
        var old = (await GitCli.RunAsync(served.WorkingDirectory, null, "rev-parse", "HEAD")).Output;
        var sha = await EditAndCommitAsync("kind: Secret\n");

        // Resolve like the repo-server's go-git ls-remote: a smart-only v0 client (libgit2 here).
        var refs = Repository.ListRemoteReferences(url).ToList();
        Assert.That(refs.Single(r => r.CanonicalName == "refs/heads/main").TargetIdentifier, Is.EqualTo(sha));

        var (_, lsRemote, _) = await GitCli.RunAsync(root.FullName, null, "-c", "protocol.version=" + version, "ls-remote", "--symref", url);
        Assert.That(lsRemote, Does.Contain("ref: refs/heads/main\tHEAD").And.Contain(sha + "\trefs/heads/main"));

        // Then fetch a revision by its SHA (here an older one no ref points at) and check it out.
        var checkout = Path.Combine(root.FullName, "checkout");
        Directory.CreateDirectory(checkout);
        Assert.That((await GitCli.RunAsync(checkout, null, "init", "-q")).Code, Is.Zero);
        Assert.That((await GitCli.RunAsync(checkout, null, "-c", "protocol.version=" + version, "fetch", "--force", url, old)).Code, Is.Zero);
        Assert.That((await GitCli.RunAsync(checkout, null, "checkout", "-q", "--detach", old)).Code, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(checkout, "apps", "a.yaml")), Is.EqualTo("kind: ConfigMap\n"));
    }

    [Test]
    [Category(TestCategories.ExternalTool)]
    public async Task ShallowClonesPushesAndDumbRequestsAreRefused()
    {
        var (code, _, error) = await GitCli.RunAsync(root.FullName, null, "-c", "protocol.version=0", "clone", "--depth", "1", url, Path.Combine(root.FullName, "shallow"));
        Assert.That(code, Is.Not.Zero);
        Assert.That(error, Does.Contain("shallow"));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Assert.That((int)(await http.GetAsync(url + "/info/refs")).StatusCode, Is.EqualTo(404), "no dumb-protocol info/refs");
        Assert.That((int)(await http.GetAsync(url + "/HEAD")).StatusCode, Is.EqualTo(404), "no repository files");
        Assert.That((int)(await http.GetAsync(url + "/info/refs?service=git-receive-pack")).StatusCode, Is.EqualTo(403));
        Assert.That((int)(await http.GetAsync(new Uri(server.Url, "other.git/info/refs?service=git-upload-pack"))).StatusCode, Is.EqualTo(404));
        var advert = await http.GetAsync(url + "/info/refs?service=git-upload-pack");
        Assert.That(advert.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-git-upload-pack-advertisement"));
        Assert.That(await advert.Content.ReadAsStringAsync(), Does.StartWith("001e# service=git-upload-pack\n0000"));
    }

    [Test]
    public async Task AMalformedRequestIsABadRequest()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var content = new StringContent("zzzzwant");
        var response = await http.PostAsync(url + "/git-upload-pack", content);
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
    }

    private async Task<string> EditAndCommitAsync(string content)
    {
        await File.WriteAllTextAsync(Path.Combine(served.WorkingDirectory, "apps", "a.yaml"), content);
        return await served.CommitAsync("edit");
    }
}
