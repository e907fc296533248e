using PlatformValidation.Tests;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Rendering.Helm;

/// <summary>Kustomize helmCharts: inflated in process when --enable-helm is on, Argo CD's own error otherwise.</summary>
[Category(TestCategories.ExternalTool)]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public class KustomizeHelmChartsTests
{
    [OneTimeSetUp]
    public void RequireKubectl()
    {
        if (ToolRunner.Locate("kubectl") is null)
        {
            Assert.Ignore("kubectl is not on PATH; install kubectl (it includes kustomize) to run the kustomize tests.");
        }
    }

    private static TempRepo Repo() => new TempRepo()
        .With("app/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources: [extra.yaml]
            helmCharts:
            - name: web
              releaseName: shop
              namespace: prod
              valuesInline: {replicas: 4}
            """)
        .With("app/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n")
        .With("app/charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n")
        .With("app/charts/web/values.yaml", "replicas: 1\n")
        .With("app/charts/web/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  replicas: {{ .Values.replicas }}\n");

    [Test]
    public async Task WithoutEnableHelmItIsRender001WithKustomizesMessage()
    {
        using var repo = Repo();
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]));

        var result = await renderer.RenderAsync(Apps.WithPath("app"));

        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER001"));
        Assert.That(result.Outcome.Reason, Does.Contain("must specify --enable-helm"));
    }

    [Test]
    public async Task WithEnableHelmTheChartIsInflatedInProcess()
    {
        using var repo = Repo();
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]), new RenderOptions { KustomizeEnableHelm = true });

        var result = await renderer.RenderAsync(Apps.WithPath("app"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        var deployment = result.Objects.Single(o => o.Kind == "Deployment");
        Assert.That(deployment.Name, Is.EqualTo("shop-web"));
        Assert.That(deployment.Body["spec"]!["replicas"]!.GetValue<double>(), Is.EqualTo(4));
        Assert.That(result.Objects.Any(o => o.Name == "extra"), Is.True);
    }

    [TestCase("argocd/argocd-cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: argocd-cm, namespace: argocd}\ndata:\n  kustomize.buildOptions: --load-restrictor LoadRestrictionsNone --enable-helm\n")]
    [TestCase("gitops/argocd.yaml", "apiVersion: argoproj.io/v1beta1\nkind: ArgoCD\nmetadata: {name: openshift-gitops, namespace: openshift-gitops}\nspec:\n  kustomizeBuildOptions: --enable-helm\n")]
    public async Task TheRepositorysOwnArgoCdConfigEnablesHelm(string file, string config)
    {
        using var repo = Repo().With(file, config);
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]));

        var result = await renderer.RenderAsync(Apps.WithPath("app"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        Assert.That(result.Objects.Single(o => o.Kind == "Deployment").Name, Is.EqualTo("shop-web"));
    }

    [Test]
    public async Task AnArgoCdConfigWithoutEnableHelmOrAnotherConfigMapDoesNotEnableIt()
    {
        using var repo = Repo()
            .With("argocd/argocd-cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: argocd-cm}\ndata:\n  kustomize.buildOptions: --load-restrictor LoadRestrictionsNone\n")
            .With("other/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes}\ndata:\n  kustomize.buildOptions: --enable-helm\n");
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]));

        var result = await renderer.RenderAsync(Apps.WithPath("app"));

        Assert.That(result.Outcome.Reason, Does.Contain("must specify --enable-helm"));
    }
}
