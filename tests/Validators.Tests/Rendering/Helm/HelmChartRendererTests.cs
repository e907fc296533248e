using PlatformValidation.Validators.Rendering.Helm;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Rendering.Helm;

/// <summary>Charts written for these tests, rendered in process as `helm template` renders them.</summary>
public class HelmChartRendererTests
{
    private const string Helpers = """
        {{- define "web.fullname" -}}
        {{- if contains .Chart.Name .Release.Name }}{{ .Release.Name | trunc 63 }}{{ else }}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{ end -}}
        {{- end -}}
        {{- define "web.labels" -}}
        app.kubernetes.io/name: {{ .Chart.Name }}
        helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
        {{- end -}}
        """;

    private static TempRepo WebChart() => new TempRepo()
        .With("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.2.0\nappVersion: \"2.0\"\n")
        .With("web/values.yaml", "replicas: 1\nimage:\n  repository: nginx\n  tag: \"1.27\"\nservice:\n  port: 80\nextra: {}\n")
        .With("web/templates/_helpers.tpl", Helpers)
        .With("web/templates/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ include "web.fullname" . }}
              namespace: {{ .Release.Namespace }}
              labels:
                {{- include "web.labels" . | nindent 4 }}
            spec:
              replicas: {{ .Values.replicas }}
              template:
                spec:
                  containers:
                  - name: web
                    image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
            """)
        .With("web/templates/service.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: {{ include "web.fullname" . }}
            spec:
              ports:
              - port: {{ .Values.service.port }}
            """)
        .With("web/templates/NOTES.txt", "Thanks for installing {{ .Chart.Name }}")
        .With("web/templates/tests/test-connection.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: test-connection
              annotations:
                "helm.sh/hook": test
            """);

    private static HelmRenderOutput Render(TempRepo repo, string dir, HelmRenderRequest? request = null) =>
        HelmChartRenderer.Render(HelmChartLoader.LoadDirectory(repo.Tree(), dir), request ?? new HelmRenderRequest());

    [Test]
    public void RendersLikeHelmTemplateWithItsDefaultsOrderAndSourceComments()
    {
        using var repo = WebChart();

        var text = Render(repo, "web").ToText();

        Assert.That(text, Is.EqualTo("""
            ---
            # Source: web/templates/service.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: release-name-web
            spec:
              ports:
              - port: 80
            ---
            # Source: web/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: release-name-web
              namespace: default
              labels:
                app.kubernetes.io/name: web
                helm.sh/chart: web-1.2.0
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - name: web
                    image: "nginx:1.27"
            ---
            # Source: web/templates/tests/test-connection.yaml
            apiVersion: v1
            kind: Pod
            metadata:
              name: test-connection
              annotations:
                "helm.sh/hook": test

            """.Replace("\r", string.Empty, StringComparison.Ordinal)));
    }

    [Test]
    public void SkipTestsDropsTestHooksAndShowOnlyFilters()
    {
        using var repo = WebChart();

        var output = Render(repo, "web", new HelmRenderRequest { SkipTests = true, ShowOnly = ["templates/deployment.yaml"] });

        Assert.That(output.Manifests.Select(m => m.Kind), Is.EqualTo(new[] { "Deployment" }));
    }

    [Test]
    public void SetValuesOverrideFilesAndTypeIntegers()
    {
        using var repo = WebChart();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        HelmValues.Merge(values, new Dictionary<string, object?> { ["replicas"] = 2.0, ["image"] = new Dictionary<string, object?> { ["tag"] = "1.0" } });
        HelmValues.ApplySet(values, "replicas=5,image.repository=registry.local/nginx", asString: false);

        var output = Render(repo, "web", new HelmRenderRequest { Values = values, ReleaseName = "shop", Namespace = "prod" }).ToText();

        Assert.That(output, Does.Contain("replicas: 5").And.Contain("image: \"registry.local/nginx:1.0\"").And.Contain("name: shop-web").And.Contain("namespace: prod"));
    }

    [Test]
    public void StrvalsParsesListsIndexesEscapesAndStrings()
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        HelmValues.ApplySet(values, "a.b[1].c=true,list={x,y},esc=a\\,b,zero=0,lead=007,n=null", asString: false);
        HelmValues.ApplySet(values, "s=42", asString: true);

        Assert.That(PlatformValidation.Validators.Templating.GoValues.ToJsonText(values), Is.EqualTo("{\"a\":{\"b\":[null,{\"c\":true}]},\"esc\":\"a,b\",\"lead\":\"007\",\"list\":[\"x\",\"y\"],\"n\":null,\"s\":\"42\",\"zero\":0}"));
    }

    [Test]
    public void NullInUserValuesDeletesTheChartDefault()
    {
        using var repo = WebChart().With("web/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  hasPort: {{ hasKey .Values.service \"port\" | quote }}\n");
        var values = new Dictionary<string, object?> { ["service"] = new Dictionary<string, object?> { ["port"] = null } };

        var output = Render(repo, "web", new HelmRenderRequest { Values = values, ShowOnly = ["templates/cm.yaml"] }).ToText();

        Assert.That(output, Does.Contain("hasPort: \"false\""));
    }

    [Test]
    public void SubchartsGetTheirValuesGlobalsAliasesAndConditions()
    {
        using var repo = new TempRepo()
            .With("app/Chart.yaml", """
                apiVersion: v2
                name: app
                version: 0.1.0
                dependencies:
                - name: db
                  version: 1.0.0
                  repository: file://../db
                  alias: database
                  condition: database.enabled
                - name: cache
                  version: 1.0.0
                  repository: https://example.invalid/charts
                  tags: [optional]
                """)
            .With("app/values.yaml", "global:\n  env: prod\ndatabase:\n  size: 10Gi\ntags:\n  optional: false\n")
            .With("app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: top-{{ .Values.global.env }}\n")
            .With("app/charts/db/Chart.yaml", "apiVersion: v2\nname: db\nversion: 1.0.0\n")
            .With("app/charts/db/values.yaml", "enabled: true\nsize: 1Gi\n")
            .With("app/charts/db/templates/pvc.yaml", "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {{ .Chart.Name }}-{{ .Values.size }}-{{ .Values.global.env }}\n")
            .With("app/charts/cache/Chart.yaml", "apiVersion: v2\nname: cache\nversion: 1.0.0\n")
            .With("app/charts/cache/templates/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: cache\n");

        var output = Render(repo, "app");

        Assert.That(output.Manifests.Select(m => m.Source), Is.EqualTo(new[] { "app/templates/cm.yaml", "app/charts/database/templates/pvc.yaml" }));
        Assert.That(output.ToText(), Does.Contain("name: database-10Gi-prod"));

        var disabled = Render(repo, "app", new HelmRenderRequest { Values = new() { ["database"] = new Dictionary<string, object?> { ["enabled"] = false }, ["tags"] = new Dictionary<string, object?> { ["optional"] = true } } });
        Assert.That(disabled.Manifests.Select(m => m.Kind), Is.EqualTo(new[] { "ConfigMap", "Service" }));
    }

    [Test]
    public void LibraryChartsLendTheirDefinesAndRenderNothing()
    {
        using var repo = new TempRepo()
            .With("app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: common\n  version: 1.0.0\n  repository: file://../common\n")
            .With("app/templates/cm.yaml", "{{ include \"common.cm\" . }}")
            .With("app/charts/common/Chart.yaml", "apiVersion: v2\nname: common\nversion: 1.0.0\ntype: library\n")
            .With("app/charts/common/templates/_cm.tpl", "{{- define \"common.cm\" -}}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-library\n{{- end -}}")
            .With("app/charts/common/templates/ignored.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: never\n");

        var output = Render(repo, "app");

        Assert.That(output.Manifests.Select(m => m.Content), Is.EqualTo(new[] { "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-library" }));
    }

    [Test]
    public void ImportValuesCopyChildExportsIntoTheParent()
    {
        using var repo = new TempRepo()
            .With("app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: child\n  version: 1.0.0\n  import-values:\n  - data\n  - child: port\n    parent: imported.port\n")
            .With("app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.fromChild }}-{{ .Values.imported.port }}\n")
            .With("app/charts/child/Chart.yaml", "apiVersion: v2\nname: child\nversion: 1.0.0\n")
            .With("app/charts/child/values.yaml", "port: 8080\nexports:\n  data:\n    fromChild: exported\n");

        Assert.That(Render(repo, "app").ToText(), Does.Contain("name: exported-8080"));
    }

    [Test]
    public void FilesCapabilitiesAndApiVersionsAreAvailable()
    {
        using var repo = new TempRepo()
            .With("app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n")
            .With("app/config/app.conf", "key=value\n")
            .With("app/templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                data:
                  conf: {{ .Files.Get "config/app.conf" | trim | quote }}
                  kube: {{ .Capabilities.KubeVersion.Version }}
                  minor: {{ .Capabilities.KubeVersion.Minor | quote }}
                  gw: {{ .Capabilities.APIVersions.Has "gateway.networking.k8s.io/v1" | quote }}
                  apps: {{ .Capabilities.APIVersions.Has "apps/v1" | quote }}
                {{ (.Files.Glob "config/*").AsConfig | indent 2 }}
                """);

        var text = Render(repo, "app", new HelmRenderRequest { KubeVersion = "1.31.2", ApiVersions = ["gateway.networking.k8s.io/v1"] }).ToText();

        Assert.That(text, Does.Contain("conf: \"key=value\"").And.Contain("kube: v1.31.2").And.Contain("minor: \"31\"").And.Contain("gw: \"true\"").And.Contain("apps: \"true\"").And.Contain("  app.conf: |").Or.Contain("app.conf: \"key=value\\n\""));
    }

    [Test]
    public void CrdsComeFirstWhenIncluded()
    {
        using var repo = WebChart().With("web/crds/widget.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n");

        Assert.That(Render(repo, "web", new HelmRenderRequest { IncludeCrds = true }).Manifests[0].Source, Is.EqualTo("web/crds/widget.yaml"));
        Assert.That(Render(repo, "web").Manifests.Any(m => m.Source.Contains("crds", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public void TemplateErrorsNameTheTemplateFileAndLine()
    {
        using var repo = WebChart().With("web/templates/bad.yaml", "a: 1\nb: {{ .Values.nope.deeper }}\n");

        var ex = Assert.Throws<HelmChartException>(() => Render(repo, "web"));

        Assert.That(ex!.Message, Does.StartWith("template: web/templates/bad.yaml:2:"));
    }

    [Test]
    public void ParseErrorsAreReportedLikeHelm()
    {
        using var repo = WebChart().With("web/templates/bad.yaml", "a: {{ if .Values.x }}\n");

        var ex = Assert.Throws<HelmChartException>(() => Render(repo, "web"));

        Assert.That(ex!.Message, Does.StartWith("parse error at (web/templates/bad.yaml:1)"));
    }

    [Test]
    public void ValuesSchemaIsChecked()
    {
        using var repo = WebChart().With("web/values.schema.json", """{"type":"object","properties":{"replicas":{"type":"integer","minimum":1}},"required":["image"]}""");

        var ex = Assert.Throws<HelmChartException>(() => Render(repo, "web", new HelmRenderRequest { Values = new() { ["replicas"] = 0L } }));

        Assert.That(ex!.Message, Does.Contain("values don't meet the specifications of the schema").And.Contain("replicas: Must be greater than or equal to 1"));
    }

    [Test]
    public void ChartKubeVersionConstraintIsEnforced()
    {
        using var repo = WebChart().With("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.2.0\nkubeVersion: \">=1.28.0-0\"\n");

        var ex = Assert.Throws<HelmChartException>(() => Render(repo, "web"));

        Assert.That(ex!.Message, Does.Contain("chart requires kubeVersion: >=1.28.0-0 which is incompatible with Kubernetes v1.20.0"));
        Assert.DoesNotThrow(() => Render(repo, "web", new HelmRenderRequest { KubeVersion = "v1.30.1" }));
    }

    [Test]
    public void ArchivedSubchartsAreUnpacked()
    {
        var archive = ChartArchives.Build("sub", ("Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.3.0\n"), ("templates/sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Chart.Name }}-{{ .Chart.Version }}\n"));
        using var repo = new TempRepo()
            .With("app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n")
            .WithBytes("app/charts/sub-0.3.0.tgz", archive);

        Assert.That(Render(repo, "app").ToText(), Does.Contain("# Source: app/charts/sub/templates/sa.yaml").And.Contain("name: sub-0.3.0"));
    }

    [Test]
    public void AnOversizedChartIsRefusedNamingTheLimit()
    {
        using var repo = WebChart().WithBytes("web/files/blob.bin", new byte[HelmChartLoader.MaxChartBytes + 1]);

        var ex = Assert.Throws<HelmChartException>(() => HelmChartLoader.LoadDirectory(repo.Tree(), "web"));

        Assert.That(ex!.Message, Does.Contain("20 MiB"));
    }

    [Test]
    public void AChartPathClimbingOutOfTheRepoIsRefused()
    {
        using var repo = WebChart();

        var ex = Assert.Throws<HelmChartException>(() => HelmChartLoader.LoadDirectory(repo.Tree(), "../outside"));

        Assert.That(ex!.Message, Does.Contain("outside"));
    }

    [Test]
    public void RangeLoopsArePerItemDocuments()
    {
        using var repo = new TempRepo()
            .With("apps/Chart.yaml", "apiVersion: v2\nname: applications\nversion: 0.1.0\n")
            .With("apps/values.yaml", "applications:\n- name: a\n- name: b\n")
            .With("apps/templates/applications.yaml", "{{- range .Values.applications }}\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {{ .name }}\n---\n{{ end -}}\n");

        Assert.That(Render(repo, "apps").Manifests.Select(m => m.Content), Is.EqualTo(new[] { "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: a\n", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: b\n" }));
    }
}
