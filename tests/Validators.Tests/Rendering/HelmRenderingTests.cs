using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Rendering;

/// <summary>Helm sources: RENDER002 without helm, and the `helm template` arguments Argo CD uses [ARGOCD-SEMANTICS §1.4].</summary>
public class HelmRenderingTests
{
    private static TempRepo ChartRepo() => new TempRepo()
        .With("charts/litellm/Chart.yaml", "apiVersion: v2\nname: litellm\nversion: 1.0.0\n")
        .With("charts/litellm/values.yaml", "replicas: 1\n")
        .With("charts/litellm/values-prod.yaml", "replicas: 2\n")
        .With("env/prod/values.yaml", "replicas: 3\n")
        .With("charts/needs-deps/Chart.yaml", "apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- name: postgresql\n  repository: https://charts.bitnami.com/bitnami\n  version: 12.x\n");

    [Test]
    public async Task WithoutHelmAChartSourceIsRender002NeverASilentSkip()
    {
        using var repo = ChartRepo();
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]), new RenderOptions { HelmPath = "/nonexistent/helm" });

        var result = await renderer.RenderAsync(Apps.WithPath("charts/litellm"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.NotRendered));
        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER002"));
        Assert.That(result.Outcome.Finding.Message, Does.Contain("helm is not installed"));
        Assert.That(result.Outcome.Finding.FixHint, Does.Contain("RenderOptions.HelmPath"));
    }

    [Test]
    public async Task RemoteChartsAreRender002()
    {
        using var repo = ChartRepo();
        var helm = FakeHelm(repo);
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]), new RenderOptions { HelmPath = helm });
        var app = Apps.Parse("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: cnpg}
            spec:
              source: {repoURL: https://cloudnative-pg.github.io/charts, chart: cloudnative-pg, targetRevision: 0.22.0}
              destination: {server: https://kubernetes.default.svc, namespace: cnpg-system}
            """);

        var result = await renderer.RenderAsync(app);

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.NotRendered));
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("chart cloudnative-pg 0.22.0 from https://cloudnative-pg.github.io/charts cannot be fetched here"));
    }

    [Test]
    public async Task UnvendoredDependenciesAreRender002()
    {
        using var repo = ChartRepo();
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]), new RenderOptions { HelmPath = FakeHelm(repo) });

        var result = await renderer.RenderAsync(Apps.WithPath("charts/needs-deps"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.NotRendered));
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("postgresql"));
    }

    [Test]
    public async Task HelmTemplateIsCalledWithArgoCdsArgumentsAndItsOutputIsRendered()
    {
        using var repo = ChartRepo();
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]), new RenderOptions { HelmPath = FakeHelm(repo) });
        var app = Apps.Parse($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: litellm}
            spec:
              sources:
              - repoURL: {{Apps.RepoUrl}}
                path: charts/litellm
                helm:
                  valueFiles: [values-prod.yaml, $values/env/prod/values.yaml, missing.yaml]
                  ignoreMissingValueFiles: true
                  parameters: [{name: image.tag, value: "a,b"}]
              - repoURL: {{Apps.RepoUrl}}
                ref: values
              destination: {server: https://kubernetes.default.svc, namespace: llm}
            """);

        var result = await renderer.RenderAsync(app);

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        var args = result.Objects.Single().Body["data"]!["args"]!.GetValue<string>();
        Assert.That(args, Does.Contain("template "));
        Assert.That(args, Does.Contain("--name-template litellm --namespace llm --set image.tag=a\\,b"));
        Assert.That(args, Does.Contain("charts/litellm/values-prod.yaml --values ").And.Contain("env/prod/values.yaml --include-crds"));
        Assert.That(args, Does.Not.Contain("missing.yaml"));
        Assert.That(result.Objects.Single().Namespace, Is.EqualTo("llm"));
    }

    [Test]
    public void ArgumentBuilderFollowsArgoCdOrderAndPrecedence()
    {
        var app = Apps.Parse("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: gw}
            spec:
              source: {repoURL: r, path: chart}
              destination: {server: https://kubernetes.default.svc, namespace: dest}
            """);
        var helm = new HelmSource(
            "release", ["a.yaml"], "x: 1", null,
            [new HelmParameter("p", "1", false), new HelmParameter("s", "{a,b}", true), new HelmParameter("p", "2", false)],
            [], false)
        { Namespace = "helm-ns", SkipCrds = true, ApiVersions = ["gateway.networking.k8s.io/v1"] };

        var args = HelmTemplateArguments.Build(app, helm, "/c", ["/abs/a.yaml"], "/tmp/inline.yaml", [new HelmFileParameter("f", "/abs/f.txt")], kubeVersion: "1.32.0");

        Assert.That(args, Is.EqualTo(new[]
        {
            "template", "/c", "--name-template", "release", "--namespace", "helm-ns", "--kube-version", "1.32.0",
            "--set", "p=2", "--set-string", "s={a,b}", "--set-file", "f=/abs/f.txt",
            "--values", "/abs/a.yaml", "--values", "/tmp/inline.yaml", "--api-versions", "gateway.networking.k8s.io/v1",
        }));
    }

    [Test]
    public void ReleaseNameDefaultsToTheAppAndNamespaceToTheDestination()
    {
        var app = Apps.WithPath("chart", name: "raw-vllm", ns: "serving");

        var args = HelmTemplateArguments.Build(app, null, "/c", [], null, []);

        Assert.That(args, Is.EqualTo(new[] { "template", "/c", "--name-template", "raw-vllm", "--namespace", "serving", "--include-crds" }));
    }

    [Test]
    public void ValuesObjectReplacesValues_ArgoCdValuesPrecedence()
    {
        var helm = new HelmSource(null, [], "a: 1", new System.Text.Json.Nodes.JsonObject { ["b"] = 2 }, [], [], false);

        Assert.That(HelmRenderer.InlineValues(helm), Is.EqualTo("{\"b\":2}"));
    }

    /// <summary>A stand-in helm that prints one ConfigMap whose data records the arguments it got.</summary>
    private static string FakeHelm(TempRepo repo)
    {
        return repo.WithExecutable("fake-helm.sh", "#!/bin/sh\nprintf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: rendered\\ndata:\\n  args: '\"'\"'%s'\"'\"'\\n' \"$*\"\n");
    }
}
