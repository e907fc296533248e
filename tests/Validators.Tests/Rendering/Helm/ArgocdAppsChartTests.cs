using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Rendering.Helm;

/// <summary>
/// argo-helm's argocd-apps chart: without the archive its values expand into the objects its templates write (2.x map
/// form, 1.x list form); with an archive in --chart-cache the real chart renders instead.
/// </summary>
public class ArgocdAppsChartTests
{
    private const string ArgoHelm = "https://argoproj.github.io/argo-helm";

    private const string MapValues = """
        projects:
          platform:
            namespace: argocd
            description: Platform apps
            sourceRepos: ['*']
            destinations:
            - {namespace: '*', server: https://kubernetes.default.svc}
        applications:
          guestbook:
            namespace: argocd
            additionalAnnotations:
              replicas: 3
            finalizers: [resources-finalizer.argocd.argoproj.io]
            project: platform
            source:
              repoURL: https://github.com/org/platform.git
              path: guestbook
              targetRevision: HEAD
            destination: {server: https://kubernetes.default.svc, namespace: guestbook}
            revisionHistoryLimit: 0
            unknownField: dropped
          disabled: null
        applicationsets:
          clusters:
            namespace: argocd
            goTemplate: true
            generators:
            - list:
                elements: [{cluster: dev}]
            template:
              metadata:
                name: '{{.cluster}}-guestbook'
              spec:
                project: platform
                source: {repoURL: https://github.com/org/platform.git, path: guestbook, targetRevision: HEAD}
                destination: {server: https://kubernetes.default.svc, namespace: guestbook}
                revisionHistoryLimit: 5
        """;

    private static Application BootstrapApp(string targetRevision, string helm) => Apps.Parse($$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: bootstrap, namespace: argocd}
        spec:
          project: default
          sources:
          - repoURL: {{ArgoHelm}}
            chart: argocd-apps
            targetRevision: {{targetRevision}}
        {{helm}}
          - repoURL: {{Apps.RepoUrl}}
            targetRevision: HEAD
            ref: values
          destination: {server: https://kubernetes.default.svc, namespace: argocd}
        """);

    private static async Task<RenderResult> RenderAsync(TempRepo repo, Application app, RenderOptions? options = null)
    {
        using var renderer = new ApplicationRenderer(StaticRepoResolver.For(repo.Tree(), [Apps.RepoUrl]), options ?? new RenderOptions());
        return await renderer.RenderAsync(app);
    }

    [Test]
    public async Task WithoutTheChartTheMapFormExpandsAsChart2Does()
    {
        using var repo = new TempRepo().With("platform/apps.yaml", MapValues);

        var result = await RenderAsync(repo, BootstrapApp("2.0.5", "    helm:\n      valueFiles: [$values/platform/apps.yaml]"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        Assert.That(result.Objects.Select(o => $"{o.Kind}/{o.Name}"), Is.EquivalentTo(new[] { "AppProject/platform", "Application/guestbook", "ApplicationSet/clusters" }), "a null entry is skipped");
        var app = result.Objects.Single(o => o.Kind == "Application");
        Assert.That(app.Namespace, Is.EqualTo("argocd"));
        Assert.That(app.Body["metadata"]!["annotations"]!["replicas"]!.GetValue<string>(), Is.EqualTo("3"), "annotations are quoted");
        Assert.That(app.Body["spec"]!["source"]!["path"]!.GetValue<string>(), Is.EqualTo("guestbook"));
        Assert.That(app.Body["spec"]!.AsObject().ContainsKey("revisionHistoryLimit"), Is.False, "0 is empty for `with`");
        Assert.That(app.Body["spec"]!.AsObject().ContainsKey("unknownField"), Is.False, "only the fields the template names are copied");
        Assert.That(app.Location.File, Is.EqualTo("platform/apps.yaml"));
        Assert.That(app.Location.Line, Is.EqualTo(9), "located at the entry that declares it");
        var set = result.Objects.Single(o => o.Kind == "ApplicationSet");
        Assert.That(set.Body["spec"]!["goTemplate"]!.GetValue<bool>(), Is.True);
        Assert.That(set.Body["spec"]!["template"]!["metadata"]!["name"]!.GetValue<string>(), Is.EqualTo("{{.cluster}}-guestbook"), "the ApplicationSet's own templating is left to the ApplicationSet");
        Assert.That(set.Body["spec"]!["template"]!["spec"]!.AsObject().ContainsKey("revisionHistoryLimit"), Is.False, "the chart's template spec has no revisionHistoryLimit");
        Assert.That(result.Objects.Single(o => o.Kind == "AppProject").Body["spec"]!["description"]!.GetValue<string>(), Is.EqualTo("Platform apps"));
    }

    [Test]
    public async Task ValuesObjectAndATemplatedProjectRenderThroughTpl()
    {
        using var repo = new TempRepo();
        var app = BootstrapApp("2.0.5", """
                helm:
                  valuesObject:
                    team: payments
                    applications:
                      api:
                        project: '{{ .Values.team }}'
                        source: {repoURL: https://github.com/org/platform.git, path: api}
                        destination: {server: https://kubernetes.default.svc, namespace: api}
            """);

        var result = await RenderAsync(repo, app);

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        Assert.That(result.Objects.Single().Body["spec"]!["project"]!.GetValue<string>(), Is.EqualTo("payments"));
    }

    [Test]
    public async Task The1xListFormExpandsAsChart1Does()
    {
        using var repo = new TempRepo().With("bootstrap/values.yaml", """
            applications:
            - name: guestbook
              project: default
              source: {repoURL: https://github.com/org/platform.git, path: guestbook}
              destination: {server: https://kubernetes.default.svc, namespace: guestbook}
            projects:
            - name: team
              sourceRepos: ['*']
            """);

        var result = await RenderAsync(repo, BootstrapApp("1.6.2", "    helm:\n      valueFiles: [$values/bootstrap/values.yaml]"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        Assert.That(result.Objects.Select(o => $"{o.Kind}/{o.Name}"), Is.EquivalentTo(new[] { "AppProject/team", "Application/guestbook" }));
        Assert.That(result.Objects.Single(o => o.Kind == "AppProject").Body["spec"]!.AsObject().ContainsKey("description"), Is.True, "1.x always writes description (null when unset)");
    }

    [Test]
    public async Task TheListFormUnderChart2IsRender001NamingTheFix()
    {
        using var repo = new TempRepo().With("values.yaml", "applications:\n- name: guestbook\n  project: default\n");

        var result = await RenderAsync(repo, BootstrapApp("2.0.5", "    helm:\n      valueFiles: [$values/values.yaml]"));

        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER001"));
        Assert.That(result.Outcome.Reason, Does.Contain("1.x form").And.Contain("named 0, 1"));
    }

    [Test]
    public async Task AnApplicationWithoutProjectFailsAsTplDoes()
    {
        using var repo = new TempRepo().With("values.yaml", "applications:\n  guestbook:\n    destination: {namespace: x}\n");

        var result = await RenderAsync(repo, BootstrapApp("2.0.5", "    helm:\n      valueFiles: [$values/values.yaml]"));

        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER001"));
        Assert.That(result.Outcome.Reason, Does.Contain("applications.guestbook.project is missing"));
    }

    [Test]
    public async Task ItemTemplatesRenderEachItemThroughTpl()
    {
        using var repo = new TempRepo().With("values.yaml", """
            itemTemplates:
            - items:
              - name: dev
              - name: prod
              template:
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: 'web-{{ .name }}'
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: 'web-{{ .name }}'}
            """);

        var result = await RenderAsync(repo, BootstrapApp("2.0.5", "    helm:\n      valueFiles: [$values/values.yaml]"));

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        Assert.That(result.Objects.Select(o => o.Name), Is.EqualTo(new[] { "web-dev", "web-prod" }));
    }

    [Test]
    public void ItemTemplateItemsRangeLikeGoAndAStringIsAChartError()
    {
        Dictionary<string, object?> Values(object? items) => new()
        {
            ["itemTemplates"] = new List<object?> { new Dictionary<string, object?> { ["items"] = items, ["template"] = "kind: ConfigMap\nmetadata: {name: '{{ .name }}'}" } },
        };
        var request = new PlatformValidation.Validators.Rendering.Helm.HelmRenderRequest();

        var fromMap = PlatformValidation.Validators.Rendering.Helm.ArgocdAppsChart.RenderText(
            Values(new Dictionary<string, object?> { ["b"] = new Dictionary<string, object?> { ["name"] = "second" }, ["a"] = new Dictionary<string, object?> { ["name"] = "first" } }), "2.0.5", request);
        Assert.That(fromMap.IndexOf("first", StringComparison.Ordinal), Is.LessThan(fromMap.IndexOf("second", StringComparison.Ordinal)), "a map ranges over its values by key");
        Assert.That(PlatformValidation.Validators.Rendering.Helm.ArgocdAppsChart.RenderText(Values(null), "2.0.5", request), Is.Empty);
        var ex = Assert.Throws<PlatformValidation.Validators.Rendering.Helm.HelmChartException>(() => PlatformValidation.Validators.Rendering.Helm.ArgocdAppsChart.RenderText(Values("x"), "2.0.5", request));
        Assert.That(ex!.Message, Does.Contain("range can't iterate over x"));
    }

    /// <summary>
    /// A chart written for this test in the argocd-apps layout (map ranges with `continue`, `tpl` of the project,
    /// item templates with `set . "Template"`), marked so the test sees which rendering ran.
    /// </summary>
    private static byte[] LookAlikeChart() => ChartArchives.Build(
        "argocd-apps",
        ("Chart.yaml", "apiVersion: v2\nname: argocd-apps\nversion: 2.0.5\n"),
        ("values.yaml", "applications: {}\nitemTemplates: []\n"),
        ("templates/applications.yaml", """
            {{- range $name, $spec := .Values.applications }}
            {{- if not $spec }}{{- continue }}{{- end }}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: {{ $name }}
              annotations:
                rendered-by: cached-chart
            spec:
              project: {{ tpl $spec.project $ }}
              destination:
                {{- toYaml $spec.destination | nindent 4 }}
            {{- end }}
            """),
        ("templates/item-templates.yaml", """
            {{- range .Values.itemTemplates }}
            {{- $t := .template | toYaml -}}
            {{- range .items }}
            ---
            {{ tpl $t (set . "Template" $.Template) }}
            {{- end }}
            {{- end }}
            """));

    [Test]
    public async Task ARealChartInTheChartCacheWinsOverTheBuiltInExpansion()
    {
        using var repo = new TempRepo().With("platform/apps.yaml", MapValues + "\nitemTemplates:\n- items: [{name: extra}]\n  template: {apiVersion: v1, kind: ConfigMap, metadata: {name: '{{ .name }}'}}\n");
        using var cache = new TempRepo().WithBytes("argocd-apps-2.0.5.tgz", LookAlikeChart());

        var result = await RenderAsync(repo, BootstrapApp("2.0.5", "    helm:\n      valueFiles: [$values/platform/apps.yaml]"), new RenderOptions { ChartCacheDirectory = cache.Root });

        Assert.That(result.Outcome.Status, Is.EqualTo(RenderStatus.Rendered), () => result.Outcome.Reason ?? string.Empty);
        var app = result.Objects.Single(o => o.Kind == "Application");
        Assert.That(app.Name, Is.EqualTo("guestbook"), "the null entry is skipped with continue");
        Assert.That(app.Body["metadata"]!["annotations"]!["rendered-by"]!.GetValue<string>(), Is.EqualTo("cached-chart"));
        Assert.That(result.Objects.Single(o => o.Kind == "ConfigMap").Name, Is.EqualTo("extra"));
    }

    [Test]
    public void AWrapperChartDependingOnArgocdAppsRendersWithoutTheVendoredDependency()
    {
        using var repo = new TempRepo()
            .With("bootstrap/Chart.yaml", """
                apiVersion: v2
                name: bootstrap
                version: 0.1.0
                dependencies:
                - name: argocd-apps
                  version: 2.0.5
                  repository: https://argoproj.github.io/argo-helm
                  condition: argocd-apps.enabled
                """)
            .With("bootstrap/values.yaml", "argocd-apps:\n  enabled: true\n" + string.Join("\n", MapValues.Split('\n').Select(l => "  " + l)) + "\n")
            .With("bootstrap/templates/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform\n");

        var objects = PlatformValidation.Validators.Rendering.Helm.HelmChartObjects.RenderDirectory(repo.Tree(), "bootstrap", new ManifestLoader());

        Assert.That(objects.Select(o => $"{o.Kind}/{o.Name}"), Is.EquivalentTo(new[] { "Namespace/platform", "AppProject/platform", "Application/guestbook", "ApplicationSet/clusters" }));
        Assert.That(objects.Single(o => o.Kind == "Application").Location.File, Is.EqualTo("bootstrap/charts/argocd-apps/templates/argocd-apps.yaml"));

        var disabled = PlatformValidation.Validators.Rendering.Helm.HelmChartObjects.RenderDirectory(
            repo.Tree(), "bootstrap", new ManifestLoader(), new PlatformValidation.Validators.Rendering.Helm.HelmRenderRequest { Values = new() { ["argocd-apps"] = new Dictionary<string, object?> { ["enabled"] = false } } });
        Assert.That(disabled.Select(o => o.Kind), Is.EqualTo(new[] { "Namespace" }), "the dependency's condition still applies");
    }

    [Test]
    public async Task AnotherChartFromAnotherRepositoryStaysRender002()
    {
        using var repo = new TempRepo();
        var app = Apps.Parse("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: other}
            spec:
              source: {repoURL: https://charts.example.com, chart: argocd-apps, targetRevision: 2.0.5}
              destination: {server: https://kubernetes.default.svc, namespace: argocd}
            """);

        var result = await RenderAsync(repo, app);

        Assert.That(result.Outcome.Finding!.Id, Is.EqualTo("RENDER002"));
    }

    [Test]
    public void TheShapeOfAValuesFileIsRecognised()
    {
        var values = (Dictionary<string, object?>)PlatformValidation.Validators.Templating.GoValues.FromJson(JsonNode.Parse("""{"applications":{"a":{"destination":{}}},"image":{"tag":"x"}}"""))!;

        Assert.That(PlatformValidation.Validators.Rendering.Helm.ArgocdAppsChart.LooksLikeValues(values), Is.True);
        Assert.That(PlatformValidation.Validators.Rendering.Helm.ArgocdAppsChart.LooksLikeValues(new Dictionary<string, object?> { ["applications"] = new List<object?> { "x" } }), Is.False);
    }
}
