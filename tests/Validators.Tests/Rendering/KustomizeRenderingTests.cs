using PlatformValidation.Tests;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Rendering;

/// <summary>Kustomize sources through the real `kubectl kustomize` [ARGOCD-SEMANTICS §1.3].</summary>
[Category(TestCategories.ExternalTool)]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public class KustomizeRenderingTests
{
    private TempRepo repo = null!;

    [OneTimeSetUp]
    public void RequireKubectl()
    {
        if (ToolRunner.Locate("kubectl") is null)
        {
            Assert.Ignore("kubectl is not on PATH; install kubectl (it includes kustomize) to run the kustomize tests.");
        }
    }

    [SetUp]
    public void BuildRepo() => repo = new TempRepo()
        .With("base/deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: vllm
              labels: {app: vllm}
            spec:
              replicas: 1
              selector: {matchLabels: {app: vllm}}
              template:
                metadata: {labels: {app: vllm}}
                spec:
                  containers:
                  - name: vllm
                    image: vllm/vllm-openai:v0.6.0
            """)
        .With("base/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: vllm\nspec:\n  ports: [{port: 8000}]\n")
        .With("base/kustomization.yaml", "resources: [deploy.yaml, svc.yaml]\n")
        .With("overlay/kustomization.yaml", "namePrefix: old-\nresources: [../base]\ncommonLabels: {team: serving}\n")
        .With("components/gpu/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations: {gpu: \"true\"}\n")
        .With("remote/kustomization.yaml", "resources: [https://github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.2.0]\n")
        .With("broken/kustomization.yaml", "resources: [missing.yaml]\n");

    [TearDown]
    public void Cleanup() => repo.Dispose();

    private async Task<RenderResult> Render(PlatformValidation.Validators.Argo.Application app, RenderOptions? options = null)
    {
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]), options);
        return await renderer.RenderAsync(app);
    }

    [Test]
    public async Task KustomizationIsDetectedBuiltAndEachObjectPointsAtItsInputFile_ArgoCdToolDetection()
    {
        var result = await Render(Apps.WithPath("overlay", ns: "serving"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        var deploy = result.Objects.Single(o => o.Kind == "Deployment");
        Assert.That(deploy.Name, Is.EqualTo("old-vllm"));
        Assert.That(deploy.Namespace, Is.EqualTo("serving"));
        Assert.That(deploy.Location.File, Is.EqualTo("base/deploy.yaml"));
        Assert.That(deploy.LocationOf("/spec/replicas"), Is.EqualTo(new SourceLocation("base/deploy.yaml", 7, 3)));
    }

    [Test]
    public async Task ApplicationOverridesAreAppliedAsKustomizeEditDoes_NamePrefixReplaces_ArgoCdKustomizeOverrides()
    {
        var result = await Render(Apps.WithPath("overlay", """
            kustomize:
              namePrefix: new-
              images: ["vllm/vllm-openai=fake-llm:1.0"]
              replicas: [{name: vllm, count: 0}]
              commonAnnotations: {owner: platform}
              namespace: gpu
              components: [../components/gpu]
              patches:
              - target: {kind: Service}
                patch: |
                  - op: add
                    path: /metadata/labels
                    value: {patched: "yes"}
            """));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        var deploy = result.Objects.Single(o => o.Kind == "Deployment");
        var svc = result.Objects.Single(o => o.Kind == "Service");
        Assert.That(deploy.Name, Is.EqualTo("new-vllm"));
        Assert.That(deploy.Namespace, Is.EqualTo("gpu"));
        Assert.That(deploy.Body["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>(), Is.EqualTo("fake-llm:1.0"));
        Assert.That(deploy.Body["spec"]!["replicas"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(deploy.Body["metadata"]!["annotations"]!["owner"]!.GetValue<string>(), Is.EqualTo("platform"));
        Assert.That(deploy.Body["metadata"]!["annotations"]!["gpu"]!.GetValue<string>(), Is.EqualTo("true"));
        Assert.That(svc.Body["metadata"]!["labels"]!["patched"]!.GetValue<string>(), Is.EqualTo("yes"));
        Assert.That(File.ReadAllText(Path.Combine(repo.Root, "overlay/kustomization.yaml")), Does.Contain("namePrefix: old-"), "the checkout under test is never edited");
    }

    [Test]
    public async Task AnExistingCommonLabelWithoutForceIsRender001_ArgoCdKustomizeEditAddLabel()
    {
        var result = await Render(Apps.WithPath("overlay", "kustomize:\n  commonLabels: {team: other}"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed));
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("label team already in kustomization file"));
    }

    [Test]
    public async Task RemoteBasesAreRender002NotASilentSkip()
    {
        var result = await Render(Apps.WithPath("remote"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.NotRendered));
        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER002"));
        Assert.That(result.Outcome.Finding.Message, Does.Contain("github.com/kubernetes-sigs/gateway-api"));
    }

    [Test]
    public async Task AFailingBuildIsRender001WithTheToolsOwnError()
    {
        var result = await Render(Apps.WithPath("broken"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed));
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("kubectl kustomize broken failed").And.Contain("missing.yaml"));
        Assert.That(result.Outcome.Finding.Location!.File, Is.EqualTo("broken/kustomization.yaml"));
    }

    [Test]
    public async Task KlogHeadersAreStrippedSoTheErrorLineComesFirst()
    {
        // kubectl writes its errors through klog: "E1207 12:00:00.000000   1234 file.go:12] message".
        var script = repo.WithExecutable("klog-kubectl.sh", "#!/bin/sh\necho 'E1207 12:00:00.000000   1234 run.go:72] error: accumulating resources: missing.yaml: no such file' >&2\nexit 1\n");

        var result = await Render(Apps.WithPath("overlay"), new RenderOptions { KustomizePath = script });

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed));
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("failed:\nerror: accumulating resources: missing.yaml"));
        Assert.That(result.Outcome.Finding.Message, Does.Not.Contain("E1207").And.Not.Contain("run.go:72]"));
    }

    [Test]
    public async Task AMissingKustomizeToolIsRender002()
    {
        var result = await Render(Apps.WithPath("overlay"), new RenderOptions { KubectlPath = "/nonexistent/kubectl", KustomizePath = "/nonexistent/kustomize" });

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.NotRendered));
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("kubectl"));
    }

    [Test]
    public async Task AHangingToolIsKilledAtTheTimeoutAndReportedAsRender001()
    {
        var script = repo.WithExecutable("slow-kubectl.sh", "#!/bin/sh\nsleep 30\n");

        var result = await Render(Apps.WithPath("overlay"), new RenderOptions { KustomizePath = script, ToolTimeout = TimeSpan.FromSeconds(1) });

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed));
        Assert.That(result.Outcome.Finding!.Message, Does.Contain("did not finish within 1 s").And.Contain("ToolTimeout"));
    }

    [Test]
    public async Task AStandaloneKustomizeIsRunAsKustomizeBuildAsArgoCdDoes()
    {
        var script = repo.WithExecutable("fake-kustomize.sh", "#!/bin/sh\nprintf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: vllm\\ndata:\\n  args: \"%s\"\\n' \"$1\"\n");

        var result = await Render(Apps.WithPath("overlay"), new RenderOptions { KustomizePath = script });

        Assert.That(result.Objects.Single().Body["data"]!["args"]!.GetValue<string>(), Is.EqualTo("build"));
    }

    [Test]
    public async Task IdenticalRendersAreServedFromTheCache()
    {
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]));
        var app = Apps.WithPath("overlay");

        var first = await renderer.RenderAsync(app);
        var second = await renderer.RenderAsync(Apps.WithPath("overlay"));

        Assert.That(second, Is.SameAs(first));
    }
}
