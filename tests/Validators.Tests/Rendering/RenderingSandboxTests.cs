using System.Net;
using System.Net.Sockets;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Rendering;

/// <summary>
/// The rendering sandbox (docs/engine.md): Argo CD's repo-server has only the checkout (it refuses out-of-bounds
/// symlinks, reposerver/repository/repository.go), so nothing outside the repo root is ever read, and nothing is
/// fetched over the network here.
/// </summary>
[Category(TestCategories.ExternalTool)]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public class RenderingSandboxTests
{
    private const string OutsideConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-outside\ndata: {secret: leaked}\n";

    private TempRepo repo = null!;
    private string outside = null!;

    [OneTimeSetUp]
    public void RequireKubectl()
    {
        if (ToolRunner.Locate("kubectl") is null)
        {
            Assert.Ignore("kubectl is not on PATH; install kubectl (it includes kustomize) to run the kustomize tests.");
        }
    }

    [SetUp]
    public void BuildRepo()
    {
        repo = new TempRepo().With("base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: inside\n");
        outside = Path.Combine(Path.GetTempPath(), "pv-outside-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "cm.yaml"), OutsideConfigMap);
        File.WriteAllText(Path.Combine(outside, "kustomization.yaml"), "resources: [cm.yaml]\n");
    }

    [TearDown]
    public void Cleanup()
    {
        repo.Dispose();
        Directory.Delete(outside, recursive: true);
    }

    private async Task<RenderResult> Render(string path)
    {
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]));
        return await renderer.RenderAsync(Apps.WithPath(path));
    }

    [Test]
    public async Task ABaseClimbingAboveTheRepoRootIsRender001AndNothingOutsideIsRendered()
    {
        var climb = Path.GetRelativePath(Path.Combine(repo.Root, "app"), outside).Replace('\\', '/');
        repo.With("app/kustomization.yaml", $"resources:\n- ../base\n- {climb}\n");

        var result = await Render("app");

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed), () => result.Outcome.Reason ?? string.Empty);
        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER001"));
        Assert.That(result.Outcome.Finding.Message, Does.Contain("outside the repository").And.Contain(climb));
        Assert.That(result.Outcome.Finding.Location, Is.EqualTo(new SourceLocation("app/kustomization.yaml", 3, 3)), "points at the resources entry");
        Assert.That(result.Objects, Is.Empty);
    }

    [Test]
    public async Task AnInRepoSymlinkToAnOutsideFolderIsRender001_ArgoCdOutOfBoundsSymlinks()
    {
        repo.WithSymlink("shared", outside).With("app/kustomization.yaml", "resources: [../shared]\n");

        var result = await Render("app");

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed), () => result.Outcome.Reason ?? string.Empty);
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("symlink").And.Contain("outside the repository"));
        Assert.That(result.Objects.Select(o => o.Name), Does.Not.Contain("from-outside"));
    }

    [Test]
    public async Task AFileSymlinkedToOutsideInsideABaseIsRender001()
    {
        repo.WithSymlink("base2/cm.yaml", Path.Combine(outside, "cm.yaml"))
            .With("base2/kustomization.yaml", "resources: [cm.yaml]\n")
            .With("app/kustomization.yaml", "resources: [../base2]\n");

        var result = await Render("app");

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed));
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("base2/kustomization.yaml"));
    }

    [Test]
    public async Task AnInRepoSymlinkToAnInsideFolderStillRenders()
    {
        repo.WithSymlink("linked-base", "base").With("base/kustomization.yaml", "resources: [cm.yaml]\n").With("app/kustomization.yaml", "resources: [../linked-base]\n");

        var result = await Render("app");

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        Assert.That(result.Objects.Single().Name, Is.EqualTo("inside"));
    }

    [Test]
    public async Task AnOpenApiSchemaUrlIsRender002AndNoConnectionIsMade()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/schema.json";
            repo.With("app/kustomization.yaml", $"resources: [../base]\nopenapi:\n  path: {url}\n");

            var result = await Render("app");

            Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.NotRendered), () => result.Outcome.Reason ?? string.Empty);
            Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER002"));
            Assert.That(result.Outcome.Finding.Message, Does.Contain(url));
            Assert.That(listener.Pending(), Is.False, "kustomize must not have connected to the schema URL");
        }
        finally
        {
            listener.Stop();
        }
    }

    [TestCase("helmCharts:\n- name: podinfo\n  repo: https://stefanprodan.github.io/podinfo\n  version: 6.5.0\n", "stefanprodan.github.io")]
    [TestCase("configMapGenerator:\n- name: c\n  files: [https://example.invalid/data.txt]\n", "example.invalid")]
    [TestCase("patches:\n- path: https://example.invalid/patch.yaml\n", "example.invalid")]
    [TestCase("components: [github.com/org/repo//components/x?ref=v1]\n", "github.com/org/repo")]
    public async Task EveryUrlValuedFieldIsRender002(string fields, string shown)
    {
        repo.With("app/kustomization.yaml", "resources: [../base]\n" + fields);

        var result = await Render("app");

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.NotRendered), () => result.Outcome.Reason ?? string.Empty);
        Assert.That(result.Outcome.Finding!.Message, Does.Contain(shown));
    }

    [Test]
    public void TheSandboxCopyKeepsInRepoLinksAndDropsLinksThatLeave()
    {
        repo.WithSymlink("linked-base", "base").WithSymlink("escape", outside).WithSymlink("base/escape.yaml", Path.Combine(outside, "cm.yaml"));
        using var scratch = new ScratchWorkspace(null);

        var copy = scratch.SandboxOf(repo.Tree());

        Assert.That(File.ReadAllText(Path.Combine(copy, "linked-base", "cm.yaml")), Does.Contain("name: inside"));
        Assert.That(Path.Exists(Path.Combine(copy, "escape")), Is.False);
        Assert.That(Path.Exists(Path.Combine(copy, "base", "escape.yaml")), Is.False);
    }

    [TestCase("../x", SandboxVerdict.Outside)]
    [TestCase("/etc", SandboxVerdict.Outside)]
    [TestCase("base", SandboxVerdict.Inside)]
    [TestCase("nope", SandboxVerdict.Missing)]
    [TestCase("https://example.com/x.yaml", SandboxVerdict.Remote)]
    [TestCase("git@github.com:org/repo.git", SandboxVerdict.Remote)]
    [TestCase("escape/cm.yaml", SandboxVerdict.Outside)]
    public void ResolveGivesTheVerdict(string reference, SandboxVerdict expected)
    {
        repo.WithSymlink("escape", outside);

        Assert.That(RepoSandbox.Resolve(repo.Tree(), string.Empty, reference).Verdict, Is.EqualTo(expected));
    }
}
