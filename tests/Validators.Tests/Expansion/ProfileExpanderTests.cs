using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Expansion;

public class ProfileExpanderTests
{
    private const string Url = "https://github.com/org/platform.git";

    private static string App(string name, string path, string ns = "default", string extra = "") => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {{name}}
          namespace: argocd
          finalizers: [resources-finalizer.argocd.argoproj.io]
        spec:
          project: platform
          source:
            repoURL: {{Url}}
            path: {{path}}
            {{extra}}
          destination:
            server: https://kubernetes.default.svc
            namespace: {{ns}}

        """;

    private static TempRepo Platform() => new TempRepo()
        .With("project.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: platform, namespace: argocd}\nspec:\n  sourceRepos: ['*']\n")
        .With("roots/platform.yaml", App("platform-root", "apps/platform", "argocd", "directory: {recurse: true}"))
        .With("apps/platform/cert-manager.yaml", App("cert-manager", "workloads/cert-manager", "cert-manager"))
        .With("apps/platform/crds/widgets.yaml", App("widget-crds", "workloads/crds"))
        .With("workloads/cert-manager/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cert-manager}\nspec: {replicas: 1}\n")
        .With("workloads/crds/crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: Cluster\n  names: {kind: Widget, plural: widgets}\n  versions: [{name: v1, served: true, storage: true}]\n")
        .With("roots/serving.yaml", $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: serving, namespace: argocd}
            spec:
              goTemplate: true
              generators:
              - git:
                  repoURL: {{{Url}}}
                  revision: HEAD
                  files: [{path: catalog/serving/*.yaml}]
              template:
                metadata: {name: '{{.name}}'}
                spec:
                  project: platform
                  source: {repoURL: '{{{Url}}}', path: 'workloads/{{.name}}'}
                  destination: {server: https://kubernetes.default.svc, namespace: serving}
            """)
        .With("catalog/serving/raw-vllm.yaml", "name: raw-vllm\n")
        .With("workloads/raw-vllm/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: vllm}\nspec: {replicas: 0}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: gpu-pool}\n---\napiVersion: other.example.com/v1\nkind: Gadget\nmetadata: {name: g}\n")
        .With("roots/demos.yaml", App("demos-root", "apps/demos", "argocd"))
        .With("apps/demos/cert-manager.yaml", App("cert-manager", "workloads/cert-manager", "cert-manager"));

    private static ProfileDefinition Profile(string name, params (string Layer, string Manifest)[] layers) =>
        new(name, layers.Select(l => new LayerDefinition(l.Layer, [l.Manifest])).ToList()) { CommonManifests = ["project.yaml"] };

    private static async Task<ExpandedProfile> Expand(TempRepo repo, ProfileDefinition profile)
    {
        var tree = repo.Tree();
        using var expander = new ProfileExpander(tree, StaticRepoResolver.For(tree, [Url]));
        return await expander.ExpandAsync(profile);
    }

    [Test]
    public async Task RootsRenderTheirChildApplicationsWhichRenderTheirResources()
    {
        using var repo = Platform();

        var result = await Expand(repo, Profile("platform", ("platform", "roots/platform.yaml")));

        Assert.That(result.Findings, Is.Empty, () => string.Join("\n", result.Findings.Select(f => $"{f.Id} {f.Location} {f.Message}")));
        Assert.That(result.Layers.Select(l => l.Name), Is.EqualTo(new[] { "common", "platform" }));
        Assert.That(result.Projects.Single().Name, Is.EqualTo("platform"));
        Assert.That(result.Apps.Select(a => (a.Name, a.Parent?.ToString(), a.Depth, a.Layer)), Is.EqualTo(new[]
        {
            ("platform-root", (string?)null, 0, "platform"),
            ("cert-manager", "Application/platform-root", 1, "platform"),
            ("widget-crds", "Application/platform-root", 1, "platform"),
        }));
        var certManager = result.Apps.Single(a => a.Name == "cert-manager");
        Assert.That(certManager.Manifest.Location, Is.EqualTo(new SourceLocation("apps/platform/cert-manager.yaml", 1, 1)));
        Assert.That(certManager.Resources.Single().Namespace, Is.EqualTo("cert-manager"));
        Assert.That(certManager.Outcome.Status, Is.EqualTo(RenderStatus.Rendered));
    }

    [Test]
    public async Task ApplicationSetsGenerateAppsAndCrdsFromOtherAppsDecideScope_ArgoCdNamespaceDefaulting()
    {
        using var repo = Platform();

        var result = await Expand(repo, Profile("serving", ("platform", "roots/platform.yaml"), ("serving", "roots/serving.yaml")));

        var set = result.ApplicationSets.Single();
        Assert.That(set.GeneratedApps, Is.EqualTo(new[] { "raw-vllm" }));
        var raw = result.Apps.Single(a => a.Name == "raw-vllm");
        Assert.That(raw.Parent, Is.EqualTo(new AppParent("ApplicationSet", "serving")));
        Assert.That(raw.Layer, Is.EqualTo("serving"));
        Assert.That(raw.Manifest.Location.File, Is.EqualTo("roots/serving.yaml"));
        Assert.That(raw.Resources.Single(r => r.Kind == "Widget").Namespace, Is.Null, "Widget's CRD (in another app) is cluster-scoped");
        Assert.That(raw.Resources.Single(r => r.Kind == "Gadget").Namespace, Is.EqualTo("serving"), "an unknown kind counts as namespaced");
        Assert.That(raw.Model.HasResourcesFinalizer, Is.True);
    }

    [Test]
    public async Task AChildProducedByTwoRootsIsKeptTwice()
    {
        using var repo = Platform();

        var result = await Expand(repo, Profile("full", ("platform", "roots/platform.yaml"), ("demos", "roots/demos.yaml")));

        Assert.That(result.Apps.Where(a => a.Name == "cert-manager").Select(a => a.Parent!.Name), Is.EquivalentTo(new[] { "platform-root", "demos-root" }));
    }

    [Test]
    public async Task ARootThatManagesItselfTerminatesWithAFinding()
    {
        using var repo = new TempRepo()
            .With("roots/self.yaml", App("self", "roots", "argocd"));

        var result = await Expand(repo, new ProfileDefinition("p", [new LayerDefinition("l", ["roots/self.yaml"])]));

        Assert.That(result.Apps.Select(a => a.Name), Is.EqualTo(new[] { "self" }));
        var f = result.Findings.Single();
        Assert.That(f.Id, Is.EqualTo("ARGO002"));
        Assert.That(f.Message, Does.Contain("manages itself"));
        Assert.That(f.Profile, Is.EqualTo("p"));
    }

    [Test]
    public async Task TwoAppsThatManageEachOtherTerminateWithAFinding()
    {
        using var repo = new TempRepo()
            .With("roots/a.yaml", App("a", "apps/b", "argocd"))
            .With("apps/b/b.yaml", App("b", "apps/a", "argocd"))
            .With("apps/a/a.yaml", App("a", "apps/b", "argocd"));

        var result = await Expand(repo, new ProfileDefinition("p", [new LayerDefinition("l", ["roots/a.yaml"])]));

        Assert.That(result.Apps.Select(a => a.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(result.Findings.Single().Message, Does.Contain("cycle (a → b → a)"));
    }

    [Test]
    public async Task AnAppPathEscapingTheRepoIsRender001OnThatApp()
    {
        using var repo = new TempRepo().With("roots/escape.yaml", App("escape", "../..", "argocd"));

        var result = await Expand(repo, new ProfileDefinition("p", [new LayerDefinition("l", ["roots/escape.yaml"])]));

        var app = result.Apps.Single();
        Assert.That(app.Outcome.Status, Is.EqualTo(RenderStatus.Failed));
        Assert.That(app.Outcome.Finding!.Id, Is.EqualTo("RENDER001"));
        Assert.That(result.Findings.Single().Location!.File, Is.EqualTo("roots/escape.yaml"));
    }

    [Test]
    public async Task AnUnknownRepoUrlIsRender002UnlessADirectoryIsSuppliedForIt()
    {
        using var repo = new TempRepo().With("roots/fork.yaml", App("fork", "x", "ns").Replace(Url, "https://github.com/other/charts.git", StringComparison.Ordinal));
        using var other = new TempRepo().With("x/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-other}\n");
        var profile = new ProfileDefinition("p", [new LayerDefinition("l", ["roots/fork.yaml"])]);

        var missing = await Expand(repo, profile);
        using var expander = new ProfileExpander(repo.Tree(), StaticRepoResolver.For(repo.Tree(), [Url], new Dictionary<string, RepoTree> { ["https://github.com/other/charts"] = other.Tree() }));
        var supplied = await expander.ExpandAsync(profile);

        Assert.That(missing.Apps.Single().Outcome.Status, Is.EqualTo(RenderStatus.NotRendered));
        Assert.That(missing.Findings.Single().Id, Is.EqualTo("RENDER002"));
        Assert.That(supplied.Apps.Single().Resources.Single().Name, Is.EqualTo("from-other"));
    }

    [Test]
    public async Task NamespacedResourcesWithoutAnyNamespaceAreArgo001_ArgoCdMissingNamespace()
    {
        using var repo = new TempRepo()
            .With("roots/nons.yaml", App("nons", "w", "''"))
            .With("w/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n");

        var result = await Expand(repo, new ProfileDefinition("p", [new LayerDefinition("l", ["roots/nons.yaml"])]));

        var f = result.Findings.Single();
        Assert.That(f.Id, Is.EqualTo("ARGO001"));
        Assert.That(f.Message, Does.Contain("Namespace for cm v1, Kind=ConfigMap is missing"));
        Assert.That(f.Location!.File, Is.EqualTo("w/cm.yaml"));
    }

    [Test]
    public void AMissingLayerManifestIsALoadExceptionNamingIt()
    {
        using var repo = new TempRepo().With("roots/a.yaml", App("a", "x"));

        var ex = Assert.ThrowsAsync<LoadException>(() => Expand(repo, new ProfileDefinition("p", [new LayerDefinition("serving", ["roots/serving.yaml"])])));
        Assert.That(ex!.Message, Does.Contain("roots/serving.yaml").And.Contain("layer 'serving'").And.Contain("does not exist"));
    }

    [Test]
    public async Task InvalidYamlInALayerIsAFindingAndTheRestStillExpands()
    {
        using var repo = Platform().With("roots/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x}\n");

        var result = await Expand(repo, new ProfileDefinition("p", [new LayerDefinition("platform", ["roots/platform.yaml", "roots/broken.yaml"])]));

        Assert.That(result.Findings.Single().Id, Is.EqualTo("YAML001"));
        Assert.That(result.Apps, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task TwoRootsThatManageEachOtherAreReportedAsACycle()
    {
        using var repo = new TempRepo()
            .With("a/app-b.yaml", App("app-b", "b", "argocd"))
            .With("b/app-a.yaml", App("app-a", "a", "argocd"));

        var result = await Expand(repo, new ProfileDefinition("all", [new LayerDefinition("all", ["a/app-b.yaml", "b/app-a.yaml"])]));

        Assert.That(result.Findings.Select(f => f.Id), Is.All.EqualTo("ARGO002"));
        Assert.That(result.Findings.Select(f => f.Message), Has.Some.Contains("cycle (app-b → app-a → app-b)"));
    }
}
