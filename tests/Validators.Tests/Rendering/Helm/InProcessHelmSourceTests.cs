using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Rendering.Helm;

/// <summary>Helm sources of Applications rendered in process, with the helm block as Argo CD passes it to `helm template`.</summary>
public class InProcessHelmSourceTests
{
    private static TempRepo ChartRepo() => new TempRepo()
        .With("charts/api/Chart.yaml", "apiVersion: v2\nname: api\nversion: 1.0.0\n")
        .With("charts/api/values.yaml", "replicas: 1\nimage:\n  tag: v1\nflag: \"\"\n")
        .With("charts/api/values-prod.yaml", "replicas: 2\n")
        .With("charts/api/config.txt", "from-file\n")
        .With("env/prod/values.yaml", "replicas: 3\n")
        .With("charts/api/templates/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
              namespace: {{ .Release.Namespace }}
              annotations:
                tag: {{ .Values.image.tag | quote }}
                flag: {{ .Values.flag | quote }}
                kind-of-flag: {{ kindOf .Values.flag }}
                file: {{ .Values.fromFile | default "" | trim | quote }}
                kube: {{ .Capabilities.KubeVersion.Version }}
            spec:
              replicas: {{ .Values.replicas }}
            """)
        .With("charts/api/templates/hook.yaml", """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate
              annotations:
                helm.sh/hook: pre-install
            """);

    private static async Task<RenderResult> RenderAsync(TempRepo repo, string helmBlock, string extraSources = "")
    {
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]));
        var app = Apps.Parse($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: api}
            spec:
              sources:
              - repoURL: {{Apps.RepoUrl}}
                path: charts/api
            {{helmBlock}}
            {{extraSources}}
              destination: {server: https://kubernetes.default.svc, namespace: prod}
            """);
        return await renderer.RenderAsync(app);
    }

    [Test]
    public async Task TheHelmBlockBecomesValuesReleaseAndCapabilitiesWithoutAHelmBinary()
    {
        using var repo = ChartRepo();

        var result = await RenderAsync(
            repo,
            """
                helm:
                  releaseName: api-prod
                  kubeVersion: 1.31.0
                  valueFiles: [values-prod.yaml, $values/env/prod/values.yaml, missing.yaml]
                  ignoreMissingValueFiles: true
                  values: |
                    image:
                      tag: v2
                  parameters: [{name: flag, value: "true"}, {name: image.tag, value: "007", forceString: true}]
                  fileParameters: [{name: fromFile, path: config.txt}]
            """,
            """
              - repoURL: https://github.com/org/platform.git
                ref: values
            """);

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        var deployment = result.Objects.Single(o => o.Kind == "Deployment");
        Assert.That(deployment.Name, Is.EqualTo("api-prod"));
        Assert.That(deployment.Namespace, Is.EqualTo("prod"));
        Assert.That(deployment.Body["spec"]!["replicas"]!.GetValue<double>(), Is.EqualTo(3));
        var annotations = deployment.Body["metadata"]!["annotations"]!;
        Assert.That(annotations["tag"]!.GetValue<string>(), Is.EqualTo("007"));
        Assert.That(annotations["kind-of-flag"]!.GetValue<string>(), Is.EqualTo("bool"));
        Assert.That(annotations["file"]!.GetValue<string>(), Is.EqualTo("from-file"));
        Assert.That(annotations["kube"]!.GetValue<string>(), Is.EqualTo("v1.31.0"));
        Assert.That(deployment.Location.File, Is.EqualTo("charts/api/templates/deployment.yaml"));
        Assert.That(result.Objects.Any(o => o.Kind == "Job" && o.Name == "migrate"), Is.True, "hooks are kept with their annotations");
    }

    [Test]
    public async Task AValueFileClimbingOutOfTheRepoIsRefused()
    {
        using var repo = ChartRepo();

        var result = await RenderAsync(repo, "    helm:\n      valueFiles: [../../../etc/passwd]\n");

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed));
        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER001"));
        Assert.That(result.Outcome.Reason, Does.Contain("outside the repository"));
    }

    [Test]
    public async Task AValueFileSymlinkedOutOfTheRepoIsRefusedEvenWhenMissingFilesAreIgnored()
    {
        using var outside = new TempRepo().With("secret.yaml", "replicas: 9\n");
        using var repo = ChartRepo().WithSymlink("charts/api/linked.yaml", Path.Combine(outside.Root, "secret.yaml"));

        var result = await RenderAsync(repo, "    helm:\n      valueFiles: [linked.yaml]\n      ignoreMissingValueFiles: true\n");

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Failed), "RepoSandbox: a link out of the repository is refused, not skipped as missing");
        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER001"));
        Assert.That(result.Outcome.Reason, Does.Contain("outside the repository"));
    }

    [Test]
    public async Task AChartDirectorySymlinkedOutOfTheRepoIsRefusedAndNothingOutsideIsRead()
    {
        using var outside = new TempRepo()
            .With("chart/Chart.yaml", "apiVersion: v2\nname: stolen\nversion: 1.0.0\n")
            .With("chart/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stolen\n");
        using var repo = new TempRepo().WithSymlink("charts/api", Path.Combine(outside.Root, "chart"));

        var result = await RenderAsync(repo, string.Empty);

        Assert.That(result.Outcome.Status, Is.Not.EqualTo(RenderStatus.Rendered));
        Assert.That(result.Objects, Is.Empty);
        Assert.That(result.Outcome.Reason, Does.Contain("outside"));
    }

    [Test]
    public async Task AChartCallingRandomOrGeneratorFunctionsIsRender003ButStillRendersReproducibly()
    {
        using var repo = ChartRepo()
            .With("charts/api/templates/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: api
                stringData:
                  password: {{ .Values.password | default (randAlphaNum 16) }}
                  {{- if .Values.tls }}
                  ca: {{ (genCA "api" 365).Cert | b64enc }}
                  {{- end }}
                """);

        var first = await RenderAsync(repo, string.Empty);
        var second = await RenderAsync(repo, string.Empty);
        var given = await RenderAsync(repo, "    helm:\n      values: 'password: fixed'\n");

        Assert.That(first.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => first.Outcome.Reason ?? string.Empty);
        var finding = first.Findings.Single(f => f.Id == "RENDER003");
        Assert.That(finding.Severity, Is.EqualTo(PlatformValidation.Validators.Findings.Severity.Warning));
        Assert.That(finding.Message, Does.Contain("calls randAlphaNum, which return a new value on every render"));
        Assert.That(finding.Message, Does.Not.Contain("genCA"), "only what the render called: the tls branch did not run");
        Assert.That(first.Objects.Single(o => o.Kind == "Secret").Body.ToJsonString(), Is.EqualTo(second.Objects.Single(o => o.Kind == "Secret").Body.ToJsonString()));
        Assert.That(given.Findings.Where(f => f.Id == "RENDER003"), Is.Empty, "Go evaluates `default`'s fallback anyway, but with a password given the output does not change");
    }

    [Test]
    public async Task AMissingValueFileFailsUnlessIgnored()
    {
        using var repo = ChartRepo();

        var result = await RenderAsync(repo, "    helm:\n      valueFiles: [nope.yaml]\n");

        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER001"));
        Assert.That(result.Outcome.Reason, Does.Contain("nope.yaml"));
    }

    [Test]
    public async Task ATemplateErrorIsRender001NamingTheTemplateLine()
    {
        using var repo = ChartRepo().With("charts/api/templates/bad.yaml", "x: {{ required \"set image.registry\" .Values.image.registry }}\n");

        var result = await RenderAsync(repo, string.Empty);

        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER001"));
        Assert.That(result.Outcome.Reason, Does.Contain("execution error at (api/templates/bad.yaml:1): set image.registry"));
    }

    [Test]
    public async Task RepositoryChartsRenderFromTheChartCache()
    {
        using var repo = ChartRepo();
        using var cache = new TempRepo().WithBytes("cnpg-0.22.0.tgz", ChartArchives.Build("cnpg", ("Chart.yaml", "apiVersion: v2\nname: cnpg\nversion: 0.22.0\n"), ("templates/sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}\n")));
        var app = Apps.Parse("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: cnpg}
            spec:
              source: {repoURL: https://cloudnative-pg.github.io/charts, chart: cnpg, targetRevision: 0.22.x}
              destination: {server: https://kubernetes.default.svc, namespace: cnpg-system}
            """);

        using var without = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]));
        var missing = await without.RenderAsync(app);
        Assert.That(missing.Outcome.Finding!.Id, Is.EqualTo("RENDER002"));
        Assert.That(missing.Outcome.Finding.FixHint, Does.Contain("--chart-cache"));

        using var with = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]), new RenderOptions { ChartCacheDirectory = cache.Root });
        var rendered = await with.RenderAsync(app);
        Assert.That(rendered.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => rendered.Outcome.Reason ?? string.Empty);
        Assert.That(rendered.Objects.Single().Name, Is.EqualTo("cnpg"));
        Assert.That(rendered.Objects.Single().Namespace, Is.EqualTo("cnpg-system"));
    }
}
