using PlatformValidation.Tests;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Analyzers;

/// <summary>Rules the sample's fixtures do not reach, each on a small repo built by the test.</summary>
[Category(TestCategories.ExternalTool)]
public class AnalyzerRuleTests
{
    private const string Url = "https://example.org/platform.git";

    private static string App(string name, string path, string ns, string extra = "", bool automated = true, string wave = "0", string finalizers = "  finalizers: [resources-finalizer.argocd.argoproj.io]\n") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
          annotations: {"{"}argocd.argoproj.io/sync-wave: "{wave}"{"}"}
        {finalizers}spec:
          project: p
          source: {"{"}repoURL: {Url}, targetRevision: main, path: {path}{"}"}
          destination: {"{"}server: https://kubernetes.default.svc, namespace: {ns}{"}"}
          syncPolicy:
        {(automated ? "    automated: {prune: true}\n" : string.Empty)}    syncOptions: [CreateNamespace=true]
        {extra}
        """;

    private static async Task<ValidationReport> Validate(TempRepo repo, string layers = "  - {name: base, manifests: [root.yaml]}\n", string profiles = "  all: [base]\n")
    {
        repo.With("project.yaml", $"apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {{name: p, namespace: argocd}}\nspec:\n  sourceRepos: ['*']\n  destinations: [{{server: '*', namespace: '*'}}]\n  clusterResourceWhitelist: [{{group: '*', kind: '*'}}]\n");
        repo.With("scenario.yaml", $"apiVersion: platformvalidation.io/v1alpha1\nkind: Scenario\nrepo: {{path: ., urls: [{Url}]}}\nalwaysApply: [project.yaml]\nlayers:\n{layers}profiles:\n{profiles}");
        return await new StaticValidator().ValidateAsync(ScenarioParser.Load(Path.Combine(repo.Root, "scenario.yaml")));
    }

    private static string Root(string name = "root", string path = "apps") =>
        App(name, path, "argocd", "    directory: {recurse: true}\n").Replace("path: apps}", "path: apps, directory: {recurse: true}}", StringComparison.Ordinal);

    [Test]
    public async Task HpaTargetWithReplicasInGitNeedsIgnoreDifferences()
    {
        using var repo = new TempRepo()
            .With("root.yaml", App("root", "apps", "argocd"))
            .With("apps/web.yaml", App("web", "web", "web"))
            .With("web/all.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: c, image: registry.example/web:1.0.0}]}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 2
                  maxReplicas: 5
                """);

        var report = await Validate(repo);

        var gate = report.Findings.Single(f => f.Id == FindingIds.Gate003);
        Assert.That(gate.App, Is.EqualTo("web"));
        Assert.That(gate.Message, Does.Contain("HorizontalPodAutoscaler web"));
        Assert.That(gate.Location!.File, Is.EqualTo("apps/web.yaml"));
    }

    [Test]
    public async Task NamespaceOnlyAManualAppCreatesIsAMissingDependencyForAnAutoSyncApp()
    {
        using var repo = new TempRepo()
            .With("root.yaml", App("root", "apps", "argocd"))
            .With("apps/gpu.yaml", App("gpu", "gpu", "llm", automated: false))
            .With("apps/pool.yaml", App("pool", "pool", "llm").Replace("[CreateNamespace=true]", "[]", StringComparison.Ordinal))
            .With("gpu/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gpu}\n")
            .With("pool/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pool}\n");

        var report = await Validate(repo);

        var dep = report.Findings.Single(f => f.Id == FindingIds.Dep001);
        Assert.That(dep.App, Is.EqualTo("pool"));
        Assert.That(dep.Message, Does.Contain("only manual-sync gpu"));
    }

    [Test]
    public async Task RootWithoutFinalizerAndUnpinnedImagesAreReported()
    {
        using var repo = new TempRepo()
            .With("root.yaml", App("root", "apps", "argocd", finalizers: string.Empty))
            .With("apps/web.yaml", App("web", "web", "web"))
            .With("web/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: nginx}\n    - {name: b, image: 'registry.example/x:latest'}\n    - {name: c, image: 'registry.example/x@sha256:abc'}\n");

        var report = await Validate(repo);

        Assert.That(report.Findings.Single(f => f.Id == FindingIds.Narrow004).Message, Does.StartWith("Root app root"));
        var pins = report.Findings.Where(f => f.Id == FindingIds.Pin001).ToList();
        Assert.That(pins.Select(p => p.Location!.Line), Is.EquivalentTo(new[] { 6, 7 }));
        Assert.That(pins.All(p => p.Severity == Severity.Warning), Is.True);
    }

    [Test]
    public async Task CrdUsedBySiblingOfTheSameApplicationSetWithoutSkipDryRunIsWave001()
    {
        using var repo = new TempRepo()
            .With("root.yaml", $$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: set, namespace: argocd}
                spec:
                  generators:
                    - list:
                        elements: [{name: crds}, {name: user}]
                  template:
                    metadata: {name: '{{name}}'}
                    spec:
                      project: p
                      source: {repoURL: {{{Url}}}, targetRevision: main, path: '{{name}}'}
                      destination: {server: https://kubernetes.default.svc, namespace: x}
                      syncPolicy: {automated: {}, syncOptions: [CreateNamespace=true]}
                """)
            .With("crds/crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.org}\nspec: {group: example.org, scope: Namespaced, names: {kind: Widget, plural: widgets}, versions: [{name: v1, served: true, storage: true}]}\n")
            .With("user/w.yaml", "apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\n");

        var report = await Validate(repo);

        var wave = report.Findings.Single(f => f.Id == FindingIds.Wave001);
        Assert.That(wave.App, Is.EqualTo("user"));
        Assert.That(wave.Message, Does.Contain("creates both at once"));
    }
}
