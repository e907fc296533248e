using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Rendering.Helm;

/// <summary>validate --repo on an app-of-apps whose children come out of a Helm chart (argocd-example-apps' layout).</summary>
public class HelmDiscoveryTests
{
    private const string RepoUrl = "https://github.com/argoproj/argocd-example-apps";

    /// <summary>The layout of argocd-example-apps, in small: an `apps` chart that writes one Application per entry.</summary>
    private static TempRepo ExampleAppsLayout() => new TempRepo()
        .With("apps/Chart.yaml", "apiVersion: v2\nname: applications\nversion: 0.1.0\n")
        .With("apps/values.yaml", $"config:\n  repoURL: {RepoUrl}\napplications:\n- name: guestbook\n- name: helm-guestbook\n  tool:\n    helm:\n      releaseName: helm-guestbook\n")
        .With("apps/templates/applications.yaml", """
            {{- range .Values.applications }}
            {{- $config := $.Values.config -}}
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: {{ printf "example.%s" .name | quote }}
              namespace: argocd
              finalizers:
              - resources-finalizer.argocd.argoproj.io
            spec:
              destination:
                namespace: {{ .namespace | default .name | quote }}
                server: https://kubernetes.default.svc
              project: default
              source:
                path: {{ .path | default .name | quote }}
                repoURL: {{ $config.repoURL }}
                targetRevision: HEAD
                {{- with .tool }}
                {{- . | toYaml | nindent 4 }}
                {{- end }}
            ---
            {{ end -}}
            """)
        .With("guestbook/guestbook-ui-svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: guestbook-ui\nspec:\n  ports:\n  - port: 80\n")
        .With("helm-guestbook/Chart.yaml", "apiVersion: v2\nname: helm-guestbook\nversion: 0.1.0\n")
        .With("helm-guestbook/values.yaml", "replicaCount: 1\n")
        .With("helm-guestbook/templates/_helpers.tpl", "{{- define \"hg.fullname\" -}}{{ printf \"%s-%s\" .Release.Name .Chart.Name | trunc 63 }}{{- end -}}")
        .With("helm-guestbook/templates/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include \"hg.fullname\" . }}\nspec:\n  ports:\n  - port: 80\n");

    [Test]
    public async Task AHelmAppOfAppsIsDiscoveredAndItsChildrenRenderWithoutAHelmBinary()
    {
        using var repo = ExampleAppsLayout();

        var report = await new StaticValidator().DiscoverAndValidateAsync(repo.Root);

        Assert.That(report.Discovery!.RootFiles, Is.EqualTo(new[] { "apps" }));
        Assert.That(report.Findings.Where(f => f.Id.StartsWith("RENDER", StringComparison.Ordinal)), Is.Empty, () => string.Join("\n", report.Findings.Select(f => f.Message)));
        Assert.That(report.Discovery.Applications, Is.EqualTo(2));
    }

    [Test]
    public void AChartWhoseArgoTemplatesDoNotRenderIsNamedWhenNothingIsFound()
    {
        using var repo = new TempRepo()
            .With("apps/Chart.yaml", "apiVersion: v2\nname: applications\nversion: 0.1.0\n")
            .With("apps/templates/app.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {{ required \"pass --values with .name\" .Values.name }}\n");

        var ex = Assert.ThrowsAsync<ScenarioException>(() => new StaticValidator().DiscoverAndValidateAsync(repo.Root));

        Assert.That(ex!.Message, Does.Contain("apps/templates/ holds Helm-templated Argo CD objects").And.Contain("pass --values with .name"));
    }

    private const string GuestbookService = "apiVersion: v1\nkind: Service\nmetadata:\n  name: guestbook-ui\n";

    private const string GuestbookServiceWithPort = GuestbookService + "spec:\n  ports:\n  - port: 80\n";

    /// <summary>YAML nested one level (two spaces), as a wrapper chart's values hold a dependency's.</summary>
    private static string Indented(string yaml) => string.Join("\n", yaml.Split('\n').Select(l => "  " + l)) + "\n";

    private const string PlatformValues = """
        projects:
          platform:
            sourceRepos: ['*']
            destinations: [{namespace: '*', server: https://kubernetes.default.svc}]
        applications:
          guestbook:
            namespace: argocd
            project: platform
            source: {repoURL: https://github.com/argoproj/argocd-example-apps, path: guestbook, targetRevision: HEAD}
            destination: {server: https://kubernetes.default.svc, namespace: guestbook}
        """;

    [Test]
    public async Task AWrapperChartWithAnUnvendoredDependencyBesideArgocdAppsStillYieldsItsRootsAndSaysWhatIsLeftOut()
    {
        // The homelab bootstrap shape: one chart installs argo-cd and, through argocd-apps, the root ApplicationSet;
        // neither dependency is vendored, and a bootstrap script runs `helm template --dependency-update`.
        using var repo = new TempRepo()
            .With("system/argocd/Chart.yaml", "apiVersion: v2\nname: argocd\nversion: 0.0.0\ndependencies:\n- {name: argo-cd, version: 7.5.2, repository: https://argoproj.github.io/argo-helm}\n- {name: argocd-apps, version: 2.0.0, repository: https://argoproj.github.io/argo-helm}\n")
            .With("system/argocd/values.yaml", "argo-cd:\n  dex: {enabled: false}\nargocd-apps:\n" + Indented(PlatformValues))
            .With("guestbook/svc.yaml", GuestbookServiceWithPort);

        var report = await new StaticValidator(new StaticValidatorOptions { RepoUrl = RepoUrl }).DiscoverAndValidateAsync(repo.Root);

        Assert.That(report.Findings.Any(f => f.App == "guestbook"), Is.True, "the Application argocd-apps declares is found and checked");
        var omitted = report.Findings.Single(f => f.Id == "RENDER002" && f.Location?.File == "system/argocd/Chart.yaml");
        Assert.That(omitted.Message, Does.Contain("missing in charts/ directory: argo-cd").And.Contain("not validated"));
    }

    [Test]
    public async Task AnArgocdAppsBootstrapIsExpandedWithoutTheRemoteChart()
    {
        using var repo = new TempRepo()
            .With("bootstrap/root.yaml", $$"""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: root, namespace: argocd}
                spec:
                  project: default
                  sources:
                  - repoURL: https://argoproj.github.io/argo-helm
                    chart: argocd-apps
                    targetRevision: 2.0.5
                    helm:
                      valueFiles: [$values/platform/values.yaml]
                  - {repoURL: {{RepoUrl}}, targetRevision: HEAD, ref: values}
                  destination: {server: https://kubernetes.default.svc, namespace: argocd}
                """)
            .With("platform/values.yaml", PlatformValues)
            .With("guestbook/svc.yaml", GuestbookServiceWithPort);

        var report = await new StaticValidator(new StaticValidatorOptions { RepoUrl = RepoUrl }).DiscoverAndValidateAsync(repo.Root);

        Assert.That(report.Discovery!.RootFiles, Is.EqualTo(new[] { "bootstrap/root.yaml" }));
        Assert.That(report.Findings.Where(f => f.Id is "RENDER001" or "RENDER002" or "ARGO008"), Is.Empty, () => string.Join("\n", report.Findings.Select(f => f.Id + " " + f.Message)));
        Assert.That(report.Findings.Any(f => f.App == "guestbook"), Is.True, "the Application the values declare is expanded and checked");
        Assert.That(report.Findings.Where(f => f.Id is "PROJ001" && f.App == "guestbook"), Is.Empty, "its AppProject comes from the same values");
    }

    [Test]
    public async Task AWrapperChartOfArgocdAppsIsARoot()
    {
        using var repo = new TempRepo()
            .With("bootstrap/Chart.yaml", "apiVersion: v2\nname: bootstrap\nversion: 0.1.0\ndependencies:\n- name: argocd-apps\n  version: 2.0.5\n  repository: https://argoproj.github.io/argo-helm\n")
            .With("bootstrap/values.yaml", "argocd-apps:\n" + Indented(PlatformValues))
            .With("guestbook/svc.yaml", GuestbookService);

        var report = await new StaticValidator(new StaticValidatorOptions { RepoUrl = RepoUrl }).DiscoverAndValidateAsync(repo.Root);

        Assert.That(report.Discovery!.RootFiles, Is.EqualTo(new[] { "bootstrap" }));
        Assert.That(report.Discovery.Projects, Does.Contain("platform"));
        Assert.That(report.Findings.Where(f => f.Id is "RENDER001" or "RENDER002" or "ARGO008"), Is.Empty, () => string.Join("\n", report.Findings.Select(f => f.Id + " " + f.Message)));
    }

    [Test]
    public void ABareArgocdAppsValuesFileIsNamedWhenNothingIsFound()
    {
        using var repo = new TempRepo().With("platform/values.yaml", PlatformValues);

        var ex = Assert.ThrowsAsync<ScenarioException>(() => new StaticValidator().DiscoverAndValidateAsync(repo.Root));

        Assert.That(ex!.Message, Does.Contain("platform/values.yaml holds argocd-apps chart values (applications.guestbook, projects.platform)").And.Contain("chart argocd-apps"));
    }

    [Test]
    public async Task ABareArgocdAppsValuesFileBesideOtherAppsIsArgo008()
    {
        using var repo = new TempRepo()
            .With("platform/values.yaml", PlatformValues)
            .With("apps/web.yaml", $"apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {{name: web, namespace: argocd}}\nspec:\n  project: default\n  source: {{repoURL: {RepoUrl}, path: guestbook, targetRevision: HEAD}}\n  destination: {{server: https://kubernetes.default.svc, namespace: web}}\n")
            .With("guestbook/svc.yaml", GuestbookService);

        var report = await new StaticValidator().DiscoverAndValidateAsync(repo.Root);

        var finding = report.Findings.Single(f => f.Id == "ARGO008");
        Assert.That(finding.Severity, Is.EqualTo(PlatformValidation.Validators.Findings.Severity.Warning));
        Assert.That(finding.Location!.File, Is.EqualTo("platform/values.yaml"));
        Assert.That(finding.Location.Line, Is.EqualTo(1));
    }

    [Test]
    public async Task AValuesFileAKustomizationInflatesWithHelmChartsNamesThatKustomizationUnlessAnApplicationRendersIt()
    {
        const string Kustomization = "helmCharts:\n- name: argocd-app-of-app\n  version: 0.4.1\n  repo: https://charts.example.org\n  valuesFile: values.yaml\n  namespace: argocd\n";
        const string Web = $"apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {{name: web, namespace: argocd}}\nspec:\n  project: default\n  source: {{repoURL: {RepoUrl}, path: guestbook, targetRevision: HEAD}}\n  destination: {{server: https://kubernetes.default.svc, namespace: web}}\n";
        using var repo = new TempRepo()
            .With("bootstrap/hub/kustomization.yaml", Kustomization)
            .With("bootstrap/hub/values.yaml", PlatformValues)
            .With("apps/web.yaml", Web)
            .With("guestbook/svc.yaml", GuestbookService);

        var report = await new StaticValidator().DiscoverAndValidateAsync(repo.Root);

        var finding = report.Findings.Single(f => f.Id == "ARGO008");
        Assert.That(finding.Message, Does.Contain("bootstrap/hub/kustomization.yaml renders with helmCharts argocd-app-of-app 0.4.1 (https://charts.example.org)"));
        Assert.That(finding.Message, Does.Not.Contain("no Application in this repository installs"), "the values are used, by a kustomization");
        Assert.That(finding.FixHint, Does.Contain("source path bootstrap/hub").And.Contain("--kustomize-enable-helm"));

        // An Application that renders the kustomization's directory renders its chart and values too: nothing to report.
        repo.With("apps/bootstrap.yaml", Web.Replace("name: web", "name: bootstrap", StringComparison.Ordinal).Replace("path: guestbook", "path: bootstrap/hub", StringComparison.Ordinal));
        var rendered = await new StaticValidator().DiscoverAndValidateAsync(repo.Root);
        Assert.That(rendered.Findings.Where(f => f.Id == "ARGO008"), Is.Empty);
    }

    [Test]
    public async Task AValuesFileAnApplicationSetTemplateNamesWithParametersIsNotArgo008()
    {
        // One argocd-apps Application per cluster directory, each reading clusters/<name>/apps.yaml: the files fit the
        // template's value-file pattern, so they may well be installed, and are not reported as orphans.
        using var repo = new TempRepo()
            .With("clusters/dev/apps.yaml", PlatformValues)
            .With("clusters/prod/apps.yaml", PlatformValues)
            .With("other/values.yaml", PlatformValues)
            .With("bootstrap/set.yaml", $$"""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: per-cluster, namespace: argocd}
                spec:
                  goTemplate: true
                  generators:
                  - git: {repoURL: {{RepoUrl}}, revision: HEAD, directories: [{path: clusters/*}]}
                  template:
                    metadata: {name: 'apps-{{ "{{" }}.path.basename{{ "}}" }}'}
                    spec:
                      project: default
                      sources:
                      - repoURL: https://argoproj.github.io/argo-helm
                        chart: argocd-apps
                        targetRevision: 2.0.5
                        helm:
                          valueFiles: ['$values/clusters/{{ "{{" }}.path.basename{{ "}}" }}/apps.yaml']
                      - {repoURL: {{RepoUrl}}, targetRevision: HEAD, ref: values}
                      destination: {server: https://kubernetes.default.svc, namespace: argocd}
                """)
            .With("guestbook/svc.yaml", GuestbookService);

        var report = await new StaticValidator(new StaticValidatorOptions { RepoUrl = RepoUrl }).DiscoverAndValidateAsync(repo.Root);

        var orphans = report.Findings.Where(f => f.Id == "ARGO008").Select(f => f.Location!.File).ToList();
        Assert.That(orphans, Is.EqualTo(new[] { "other/values.yaml" }), () => string.Join("\n", report.Findings.Select(f => f.Id + " " + f.Message)));
    }

    /// <summary>A checkout of argoproj/argocd-example-apps, when PV_ARGOCD_EXAMPLE_APPS names one (never committed here).</summary>
    [Test]
    public async Task TheArgoCdExampleAppsCheckoutRendersItsLocalCharts()
    {
        var checkout = Environment.GetEnvironmentVariable("PV_ARGOCD_EXAMPLE_APPS");
        if (string.IsNullOrEmpty(checkout))
        {
            Assert.Ignore("PV_ARGOCD_EXAMPLE_APPS is not set: point it at a checkout of argoproj/argocd-example-apps to run this check.");
        }

        var report = await new StaticValidator().DiscoverAndValidateAsync(checkout!);

        Assert.That(report.Discovery!.RootFiles, Does.Contain("apps"));
        var render002 = report.Findings.Where(f => f.Id == "RENDER002").Select(f => f.Message).ToList();
        Assert.That(render002.Where(m => m.Contains("helm-guestbook", StringComparison.Ordinal) || m.Contains("helm is not installed", StringComparison.Ordinal)), Is.Empty, () => string.Join("\n", render002));
    }
}
