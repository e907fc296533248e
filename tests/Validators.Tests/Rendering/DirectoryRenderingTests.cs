using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Rendering;

/// <summary>Directory sources and the rules shared by all sources [ARGOCD-SEMANTICS §1.1, §1.2, §1.5].</summary>
public class DirectoryRenderingTests
{
    private const string Cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {0}\n";

    private static string ConfigMap(string name) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Cm, name);

    private static async Task<RenderResult> Render(TempRepo repo, PlatformValidation.Validators.Argo.Application app)
    {
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]));
        return await renderer.RenderAsync(app);
    }

    [Test]
    public async Task OnlyFilesDirectlyInThePathAreReadWithoutRecurse_ArgoCdDirectoryRule()
    {
        using var repo = new TempRepo().With("app/a.yaml", ConfigMap("a")).With("app/sub/b.yaml", ConfigMap("b")).With("app/notes.txt", "x");

        var flat = await Render(repo, Apps.WithPath("app"));
        var deep = await Render(repo, Apps.WithPath("app", "directory: {recurse: true}"));

        Assert.That(flat.Objects.Select(o => o.Name), Is.EqualTo(new[] { "a" }));
        Assert.That(deep.Objects.Select(o => o.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(deep.Outcome.Status, Is.EqualTo(RenderStatus.Rendered));
        Assert.That(deep.Objects[1].Location, Is.EqualTo(new SourceLocation("app/sub/b.yaml", 1, 1)));
    }

    [Test]
    public async Task ExcludeIsTestedBeforeIncludeWithGlobsCrossingSlashes_ArgoCdDirectoryRule()
    {
        using var repo = new TempRepo()
            .With("app/a.yaml", ConfigMap("a")).With("app/sub/b.yaml", ConfigMap("b")).With("app/sub/c.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");

        var result = await Render(repo, Apps.WithPath("app", "directory: {recurse: true, include: '{*.yaml,*.json}', exclude: 'sub/b.yaml'}"));

        Assert.That(result.Objects.Select(o => o.Name), Is.EqualTo(new[] { "a", "c" }));
    }

    [Test]
    public async Task SkipFileRenderingMarkerSkipsTheFile_ArgoCdDirectoryRule()
    {
        using var repo = new TempRepo().With("app/a.yaml", ConfigMap("a")).With("app/b.yaml", "# +argocd:skip-file-rendering\n" + ConfigMap("b"));

        Assert.That((await Render(repo, Apps.WithPath("app"))).Objects.Select(o => o.Name), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task YamlThatIsNotAManifestIsIgnoredButABrokenManifestFailsTheApp_ArgoCdDirectoryRule()
    {
        using var ignored = new TempRepo().With("app/a.yaml", ConfigMap("a")).With("app/values.yaml", "replicaCount: 2\nimage: {repository: x}\n").With("app/broken-notes.yaml", "a: [\n");
        using var broken = new TempRepo().With("app/a.yaml", ConfigMap("a")).With("app/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n data: x\n");

        var ok = await Render(ignored, Apps.WithPath("app"));
        var failed = await Render(broken, Apps.WithPath("app"));

        Assert.That(ok.Outcome.Status, Is.EqualTo(RenderStatus.Rendered));
        Assert.That(ok.Objects.Select(o => o.Name), Is.EqualTo(new[] { "a" }));
        Assert.That(failed.Outcome.Status, Is.EqualTo(RenderStatus.Failed));
        Assert.That(failed.Outcome.Finding!.Id, Is.EqualTo("RENDER001"));
        Assert.That(failed.Outcome.Finding.Location!.File, Is.EqualTo("app/b.yaml"));
        Assert.That(failed.Findings.Select(f => f.Id), Does.Contain("YAML001"));
    }

    [Test]
    public async Task JsonnetIsReportedAsNotRenderedHere()
    {
        using var repo = new TempRepo().With("app/a.jsonnet", "{}");

        var result = await Render(repo, Apps.WithPath("app"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.NotRendered));
        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER002"));
    }

    [Test]
    public async Task NamespaceDefaultingFillsNamespacedKindsClearsClusterScopedAndKeepsExplicit_ArgoCdNormalizeTargetObjects()
    {
        using var repo = new TempRepo().With("app/all.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: defaulted}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: explicit, namespace: other}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: cr, namespace: wrong}
            ---
            apiVersion: example.com/v1
            kind: Unknown
            metadata: {name: unknown}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Cluster
              versions: [{name: v1, served: true, storage: true}]
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            """);

        var byName = (await Render(repo, Apps.WithPath("app", ns: "dest"))).Objects.ToDictionary(o => o.Name, o => o.Namespace);

        Assert.That(byName["defaulted"], Is.EqualTo("dest"));
        Assert.That(byName["explicit"], Is.EqualTo("other"));
        Assert.That(byName["cr"], Is.Null);
        Assert.That(byName["unknown"], Is.EqualTo("dest"));
        Assert.That(byName["w"], Is.Null);
        Assert.That(byName["widgets.example.com"], Is.Null);
    }

    [Test]
    public async Task MultiSourceConcatenatesInOrderLastWinsAndRefOnlySourcesRenderNothing_ArgoCdMultipleSources()
    {
        using var repo = new TempRepo()
            .With("one/cm.yaml", ConfigMap("shared") + "data: {from: one}\n---\n" + ConfigMap("first"))
            .With("two/cm.yaml", ConfigMap("shared") + "data: {from: two}\n");
        var app = Apps.Parse($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: multi}
            spec:
              sources:
              - {repoURL: {{Apps.RepoUrl}}, path: one}
              - {repoURL: {{Apps.RepoUrl}}, ref: values}
              - {repoURL: {{Apps.RepoUrl}}, path: two}
              destination: {server: https://kubernetes.default.svc, namespace: ns}
            """);

        var result = await Render(repo, app);

        Assert.That(result.Objects.Select(o => o.Name), Is.EqualTo(new[] { "first", "shared" }));
        Assert.That(result.Objects[1].Body["data"]!["from"]!.GetValue<string>(), Is.EqualTo("two"));
    }

    [Test]
    public async Task APathEscapingTheRepoIsRender001AtThePathField()
    {
        using var repo = new TempRepo().With("app/a.yaml", ConfigMap("a"));

        var result = await Render(repo, Apps.WithPath("../../etc"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed));
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("outside the repository"));
        Assert.That(result.Outcome.Finding.Location, Is.EqualTo(new SourceLocation("apps/app.yaml", 10, 5)));
    }

    [Test]
    public async Task AMissingPathIsRender001()
    {
        using var repo = new TempRepo().With("app/a.yaml", ConfigMap("a"));

        var result = await Render(repo, Apps.WithPath("nope"));

        Assert.That(result.Outcome.Finding!.Message, Does.Contain("app path does not exist"));
    }

    [Test]
    public async Task AnotherRepoUrlIsRender002RepoNotAvailableHere()
    {
        using var repo = new TempRepo().With("app/a.yaml", ConfigMap("a"));

        var result = await Render(repo, Apps.WithPath("app", repoUrl: "https://github.com/someone-else/fork.git"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.NotRendered));
        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER002"));
        Assert.That(result.Outcome.Finding.Message, Does.Contain("someone-else/fork"));
    }

    [Test]
    public async Task ACanonicalUrlWithoutDotGitResolvesToTheSameRepo()
    {
        using var repo = new TempRepo().With("app/a.yaml", ConfigMap("a"));

        var result = await Render(repo, Apps.WithPath("app", repoUrl: "https://GitHub.com/org/platform/"));

        Assert.That(result.Objects.Single().Name, Is.EqualTo("a"));
    }

    [Test]
    public async Task ASymlinkPointingOutsideTheRepoFailsTheApp_ArgoCdOutOfBoundsSymlinks()
    {
        using var outside = new TempRepo().With("secret.yaml", ConfigMap("s"));
        using var repo = new TempRepo().With("app/a.yaml", ConfigMap("a")).WithSymlink("app/leak.yaml", Path.Combine(outside.Root, "secret.yaml"));

        var result = await Render(repo, Apps.WithPath("app"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed));
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("outside the repository"));
    }

    [Test]
    public async Task ArgocdSourceFileOverridesTheSource_ArgoCdMergeSourceParameters()
    {
        using var repo = new TempRepo().With("app/a.yaml", ConfigMap("a")).With("app/sub/b.yaml", ConfigMap("b")).With("app/.argocd-source.yaml", "directory:\n  recurse: true\n");

        var result = await Render(repo, Apps.WithPath("app"));

        Assert.That(result.Objects.Select(o => o.Name), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task ANewRepoViewForTheSameRevisionRendersAgainInsteadOfUsingTheCache()
    {
        using var first = new TempRepo().With("app/a.yaml", ConfigMap("first"));
        using var second = new TempRepo().With("app/a.yaml", ConfigMap("second"));
        var resolver = new SwitchingResolver(first.Tree());
        using var renderer = new ApplicationRenderer(resolver);
        var app = Apps.WithPath("app");

        var before = await renderer.RenderAsync(app);
        resolver.Current = second.Tree();
        var after = await renderer.RenderAsync(app);

        Assert.That(before.Objects.Single().Name, Is.EqualTo("first"));
        Assert.That(after.Objects.Single().Name, Is.EqualTo("second"));
    }

    /// <summary>A resolver whose answer changes, as the reconciler's does when a new commit lands.</summary>
    private sealed class SwitchingResolver(RepoTree initial) : IRepoResolver
    {
        public RepoTree Current { get; set; } = initial;

        public RepoResolution Resolve(string repoUrl, string revision) => RepoResolution.Found(Current);
    }
}
