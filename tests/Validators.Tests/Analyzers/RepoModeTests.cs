using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Reporting;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Analyzers;

/// <summary>
/// <c>validate --repo</c> without a scenario: findings say what Argo CD would do, conventions of the sample platform
/// are warnings, kind scopes are never guessed, and the repo's URL, roots and coverage are reported as Argo CD sees them.
/// Each test builds a small repo of plain directory apps (no external tool needed).
/// </summary>
public class RepoModeTests
{
    private const string Url = "https://github.com/example/platform";

    private static string App(string name, string path, string? ns = "apps", string extra = "", string repoUrl = Url, string finalizers = "  finalizers: [resources-finalizer.argocd.argoproj.io]\n", string appNamespace = "argocd") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: {appNamespace}
        {finalizers}spec:
          project: default
          source:
            repoURL: {repoUrl}
            targetRevision: main
            path: {path}
        {extra}  destination:
            server: https://kubernetes.default.svc
        {(ns is null ? string.Empty : $"    namespace: {ns}\n")}  syncPolicy:
            automated: {"{"}prune: true{"}"}
            syncOptions: [CreateNamespace=true]
        """;

    private static Task<ValidationReport> Validate(TempRepo repo, StaticValidatorOptions? options = null) =>
        new StaticValidator((options ?? StaticValidatorOptions.Default) with { RepoUrl = (options ?? StaticValidatorOptions.Default).RepoUrl ?? Url })
            .DiscoverAndValidateAsync(repo.Root);

    private static string Deployment(string name, string resources = "", string env = "") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {"{"}name: {name}{"}"}
        spec:
          replicas: 1
          selector: {"{"}matchLabels: {"{"}app: {name}{"}"}{"}"}
          template:
            metadata: {"{"}labels: {"{"}app: {name}{"}"}{"}"}
            spec:
              containers:
                - name: c
                  image: registry.example/{name}:1.0.0
        {resources}{env}
        """;

    [Test]
    public async Task ClusterScopedKindsOfTheTablesNeedNoNamespaceAndUnknownKindsAreOnlyWarned()
    {
        using var repo = new TempRepo()
            .With("apps/dsc.yaml", App("dsc", "dsc", ns: null))
            .With("dsc/dsc.yaml", "apiVersion: datasciencecluster.opendatahub.io/v1\nkind: DataScienceCluster\nmetadata: {name: default-dsc}\n")
            .With("dsc/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: cluster}\n");

        var report = await Validate(repo, StaticValidatorOptions.Default with { Externals = ExternalsFile.Parse("externals:\n  - {apiVersion: datasciencecluster.opendatahub.io/v1, kind: DataScienceCluster, name: '*'}\n  - {apiVersion: example.com/v1, kind: Widget, name: '*'}\n", "ext.yaml") });

        var argo = report.Findings.Where(f => f.Id == "ARGO001").ToList();
        Assert.That(argo, Has.Count.EqualTo(1), string.Join("\n", report.Findings.Select(f => f.Message)));
        Assert.That(argo[0].Severity, Is.EqualTo(Severity.Warning));
        Assert.That(argo[0].Message, Does.Contain("Widget").And.Contain("scope is unknown"));
        var suggestion = report.SuggestedProjects.Single();
        Assert.That(suggestion.ClusterResources.Select(k => k.Kind), Does.Contain("DataScienceCluster"));
        Assert.That(suggestion.NamespaceResources.Select(k => k.Kind), Does.Not.Contain("Widget"));
        Assert.That(suggestion.UnknownScope.Select(k => k.Kind), Is.EqualTo(new[] { "Widget" }));
        Assert.That(suggestion.ToYaml(), Does.Contain("Scope unknown"));
    }

    [Test]
    public async Task UrlsArgoCdTreatsAsTheSameRepoAreNotReportedAndAForeignUrlOverLocalPathsIsAWarning()
    {
        using var repo = new TempRepo()
            .With("apps/a.yaml", App("a", "a", repoUrl: "https://GitHub.com/example/platform.git"))
            .With("apps/b.yaml", App("b", "b", repoUrl: Url + "/"))
            .With("apps/c.yaml", App("c", "c", repoUrl: "https://github.com/someone-else/platform"))
            .With("a/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")
            .With("b/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")
            .With("c/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");

        var report = await Validate(repo);

        var repo001 = report.Findings.Where(f => f.Id == FindingIds.Repo001).ToList();
        Assert.That(repo001, Has.Count.EqualTo(1));
        Assert.That(repo001[0].App, Is.EqualTo("c"));
        Assert.That(repo001[0].Severity, Is.EqualTo(Severity.Warning));
        Assert.That(repo001[0].FixHint, Does.Not.Contain("fork-init"));
        Assert.That(report.Discovery!.RepoUrlOrigin, Is.EqualTo(RepoDiscovery.FromFlag));
    }

    [Test]
    public async Task AGuessedRepoUrlIgnoresPlaceholdersWhosePathsDoNotExistAndThenReportsNoRepo001()
    {
        using var repo = new TempRepo()
            .With("apps/a.yaml", App("a", "base-a", repoUrl: "patch-me-see-clusters-overlays"))
            .With("apps/b.yaml", App("b", "base-b", repoUrl: "patch-me-see-clusters-overlays"))
            .With("apps/c.yaml", App("c", "c"))
            .With("c/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");

        var report = await new StaticValidator().DiscoverAndValidateAsync(repo.Root);

        Assert.That(report.Discovery!.CanonicalRepoUrl, Is.EqualTo(Url));
        Assert.That(report.Discovery.RepoUrlOrigin, Is.EqualTo(RepoDiscovery.Guessed));
        Assert.That(report.Findings.Where(f => f.Id == FindingIds.Repo001), Is.Empty);
    }

    [Test]
    public async Task PlatformConventionsAreWarningsAndOnlyBillableAcceleratorsAreGate001()
    {
        const string Intel = "          resources: {limits: {gpu.intel.com/i915: 1}}\n";
        const string Nvidia = "          resources: {limits: {nvidia.com/gpu: 1}}\n";
        using var repo = new TempRepo()
            .With("root.yaml", App("root", "apps", finalizers: string.Empty))
            .With("apps/media.yaml", App("media", "media"))
            .With("apps/llm.yaml", App("llm", "llm"))
            .With("media/d.yaml", Deployment("jellyfin", Intel))
            .With("llm/d.yaml", Deployment("vllm", Nvidia));

        var report = await Validate(repo);

        var gates = report.Findings.Where(f => f.Id == FindingIds.Gate001).ToList();
        Assert.That(gates.Select(g => g.App), Is.EqualTo(new[] { "llm" }));
        Assert.That(gates[0].Severity, Is.EqualTo(Severity.Warning));
        Assert.That(gates[0].FixHint, Does.Not.Contain("scenario"));
        Assert.That(report.Findings.Single(f => f.Id == FindingIds.Narrow004).Severity, Is.EqualTo(Severity.Warning));
        Assert.That(report.HasErrors, Is.False);
    }

    [Test]
    public async Task ApplicationSetsThatPreserveResourcesOnDeletionAreNotNarrow004()
    {
        using var repo = new TempRepo()
            .With("set.yaml", $$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: apps, namespace: argocd}
                spec:
                  goTemplate: true
                  syncPolicy: {preserveResourcesOnDeletion: true}
                  generators:
                    - list: {elements: [{name: one}]}
                  template:
                    metadata: {name: '{{.name}}'}
                    spec:
                      project: default
                      source: {repoURL: {{{Url}}}, targetRevision: main, path: 'svc/{{.name}}'}
                      destination: {server: https://kubernetes.default.svc, namespace: apps}
                      syncPolicy: {automated: {}, syncOptions: [CreateNamespace=true]}
                """)
            .With("svc/one/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\n");

        var report = await Validate(repo);

        Assert.That(report.Findings.Where(f => f.Id == FindingIds.Narrow004), Is.Empty);
        Assert.That(report.Profiles.Single().Apps, Is.EqualTo(1));
    }

    private static TempRepo OpenShiftRepo(string argoNamespace) => new TempRepo()
        .With("root.yaml", App("root", "apps", appNamespace: argoNamespace))
        .With("apps/web.yaml", App("web", "web", appNamespace: argoNamespace))
        .With("web/route.yaml", "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: web}\nspec: {to: {kind: Service, name: web}}\n")
        .With("web/sub.yaml", "apiVersion: operators.coreos.com/v1alpha1\nkind: Subscription\nmetadata: {name: kueue, namespace: openshift-operators}\nspec: {name: kueue, source: redhat-operators, sourceNamespace: openshift-marketplace}\n")
        .With("web/cm.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: in-gitops, namespace: {argoNamespace}}}\n")
        .With("web/queue.yaml", "apiVersion: kueue.x-k8s.io/v1beta1\nkind: ClusterQueue\nmetadata: {name: team}\nspec: {}\n");

    [Test]
    public async Task TheArgoCdNamespacePlatformPresetsAndAnExternalsFileCountAsProvided()
    {
        using var gitops = OpenShiftRepo("gitops");
        var plain = await Validate(gitops);
        var plainDeps = plain.Findings.Where(f => f.Id == FindingIds.Dep001).ToList();
        Assert.That(plainDeps.Select(f => f.Message), Has.Some.Contains("Route"), "k3s serves no Route");
        Assert.That(plainDeps.Single(f => f.Message.Contains("Subscription.operators.coreos.com", StringComparison.Ordinal)).Severity, Is.EqualTo(Severity.Error), "k3s has no OLM");
        Assert.That(plainDeps.Select(f => f.Message), Has.None.Contains("namespace gitops"), "the Argo CD namespace is provided");
        Assert.That(plainDeps.Single(f => f.Message.Contains("ClusterQueue", StringComparison.Ordinal)).Severity, Is.EqualTo(Severity.Warning), "an OLM Subscription may install the CRD");
        Assert.That(plain.Discovery!.Platforms, Is.EqualTo(new[] { "k3s" }));

        var externals = ExternalsFile.Parse("externals:\n  - {apiVersion: kueue.x-k8s.io/v1beta1, kind: ClusterQueue, name: '*'}\n", "ext.yaml");
        var openshift = await Validate(gitops, StaticValidatorOptions.Default with { Platforms = ["openshift"], Externals = externals });
        var deps = openshift.Findings.Where(f => f.Id == FindingIds.Dep001).Select(f => f.Message).ToList();
        Assert.That(deps, Is.Empty, string.Join("\n", deps));
        Assert.That(openshift.Findings.Where(f => f.Id == "ARGO001"), Is.Empty, "ClusterQueue is cluster-scoped: no namespace needed");

        using var openShiftGitOps = OpenShiftRepo("openshift-gitops");
        var detected = await Validate(openShiftGitOps);
        Assert.That(detected.Discovery!.Platforms, Is.EqualTo(new[] { "openshift" }));
        Assert.That(detected.Discovery.PlatformDetected, Is.True);
        Assert.That(detected.Findings.Where(f => f.Id == FindingIds.Dep001).Select(f => f.Message), Has.None.Contains("Route"));
    }

    [Test]
    public void AnExternalsFileWithAnUnknownFieldIsRejectedWithFileAndLine()
    {
        var e = Assert.Throws<ScenarioException>(() => ExternalsFile.Parse("externals:\n  - {kind: StorageClass, name: fast, colour: blue}\n", "ext.yaml"));
        Assert.That(e!.Message, Does.Contain("ext.yaml:2"));
    }

    [Test]
    public async Task ADirectoryAppWithManifestsOnlyInSubdirectoriesRendersNothingAndSaysWhy()
    {
        using var repo = new TempRepo()
            .With("apps/web.yaml", App("web", "web"))
            .With("apps/picky.yaml", App("picky", "picky", extra: "    directory: {include: '*.yml'}\n"))
            .With("web/base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n")
            .With("picky/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: picky}\n");

        var report = await Validate(repo);

        var empty = report.Findings.Single(f => f.Id == FindingIds.Argo004);
        Assert.That(empty.App, Is.EqualTo("web"));
        Assert.That(empty.FixHint, Does.Contain("recurse: true"));
        Assert.That(empty.Location!.File, Is.EqualTo("apps/web.yaml"));
        var include = report.Findings.Single(f => f.Id == FindingIds.Argo005);
        Assert.That(include.App, Is.EqualTo("picky"));
        Assert.That(include.Message, Does.Contain("'*.yml'"));
    }

    [Test]
    public async Task ANonKubernetesDocumentBesideObjectsFailsTheDirectoryAppAsArgoCdDoes()
    {
        // Argo CD's repo server splits each YAML file into objects; a document without kind fails the app ("Object
        // 'Kind' is missing in …", argo-cd issues 10648 and 19326) when the file also holds objects. A file with no
        // object that does not look like a manifest (a values file) is ignored.
        using var repo = new TempRepo()
            .With("apps/web.yaml", App("web", "web"))
            .With("web/all.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n---\nreplicas: 2\nimage: nginx\n")
            .With("web/values.yaml", "replicas: 2\nimage: nginx\n");

        var report = await Validate(repo);

        var render = report.Findings.Single(f => f.Id == "RENDER001");
        Assert.That(render.Severity, Is.EqualTo(Severity.Error));
        Assert.That(render.App, Is.EqualTo("web"));
        Assert.That(render.Location!.File, Is.EqualTo("web/all.yaml").Or.EqualTo("apps/web.yaml"));
        Assert.That(report.Findings.Select(f => f.Location?.File), Has.None.EqualTo("web/values.yaml"));
    }

    [Test]
    public async Task AnApplicationSetWhoseGeneratorsYieldNothingIsArgo006()
    {
        using var repo = new TempRepo()
            .With("set.yaml", $$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: services, namespace: argocd}
                spec:
                  goTemplate: true
                  generators:
                    - git: {repoURL: {{{Url}}}, revision: main, directories: [{path: 'services/*'}]}
                  template:
                    metadata: {name: '{{.path.basename}}'}
                    spec:
                      project: default
                      source: {repoURL: {{{Url}}}, targetRevision: main, path: '{{.path.path}}'}
                      destination: {server: https://kubernetes.default.svc, namespace: apps}
                """)
            .With("service/one/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\n");

        var report = await Validate(repo);

        var none = report.Findings.Single(f => f.Id == FindingIds.Argo006);
        Assert.That(none.Message, Does.Contain("ApplicationSet services"));
        Assert.That(none.Severity, Is.EqualTo(Severity.Warning));
    }

    [Test]
    public async Task AClusterSelectorWithNoDeclaredClusterNamesTheCauseAndDeclaredClustersExpandTheSet()
    {
        using var repo = new TempRepo()
            .With("addons/metrics.yaml", $$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: metrics, namespace: argocd}
                spec:
                  generators:
                    - merge:
                        mergeKeys: [server]
                        generators:
                          - clusters:
                              selector: {matchLabels: {enable_metrics: 'true'}}
                          - clusters:
                              selector: {matchLabels: {environment: prod}}
                  template:
                    metadata: {name: 'metrics-{{name}}'}
                    spec:
                      project: default
                      source: {repoURL: '{{metadata.annotations.addons_repo_url}}', targetRevision: main, path: metrics}
                      destination: {server: '{{server}}', namespace: monitoring}
                """)
            .With("metrics/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: metrics}\n");

        var bare = await Validate(repo);
        var none = bare.Findings.Single(f => f.Id == FindingIds.Argo006);
        Assert.That(none.Message, Does.Contain("enable_metrics=true").And.Contain("no cluster is declared"));
        Assert.That(none.FixHint, Does.Contain("clusters:").And.Contain("--externals"));
        Assert.That(none.Location!.Line, Is.EqualTo(10), "points at the clusters generator's selector");

        var declared = ExternalsFile.ParseDeclaration($"""
            clusters:
              - name: hub
                server: https://kubernetes.default.svc
                labels: {"{"}enable_metrics: 'true'{"}"}
                annotations: {"{"}addons_repo_url: '{Url}'{"}"}
            """, "clusters.yaml");
        var report = await Validate(repo, StaticValidatorOptions.Default with { Clusters = declared.Clusters });
        Assert.That(report.Findings.Where(f => f.Id == FindingIds.Argo006), Is.Empty);
        Assert.That(report.Profiles.Single().Apps, Is.EqualTo(1), "the Application the set generates for hub");
    }

    [Test]
    public async Task AProjectNoFileDefinesIsAWarningInRepoModeAndNothingOnceDeclaredExternal()
    {
        using var repo = new TempRepo()
            .With("apps/web.yaml", App("web", "web").Replace("project: default", "project: cluster-config", StringComparison.Ordinal))
            .With("web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n");

        var report = await Validate(repo);
        var missing = report.Findings.Single(f => f.Id == FindingIds.Proj001);
        Assert.That(missing.Severity, Is.EqualTo(Severity.Warning), "discovery cannot see a project a bootstrap step or an operator creates");
        Assert.That(missing.Message, Does.Contain("references project cluster-config, which no manifest of this repository defines"));
        Assert.That(missing.FixHint, Does.Contain("kind: AppProject, name: cluster-config").And.Contain("--externals"));

        var declared = await Validate(repo, StaticValidatorOptions.Default with { Externals = ExternalsFile.Parse("externals:\n  - {apiVersion: argoproj.io/v1alpha1, kind: AppProject, name: cluster-config}\n", "ext.yaml") });
        Assert.That(declared.Findings.Where(f => f.Id.StartsWith("PROJ", StringComparison.Ordinal)), Is.Empty, "a declared project exists; its rules are unknown, so nothing is checked against them");
    }

    [Test]
    public async Task AnotherToolsManifestTemplateIsNoScanErrorButAnAppRenderingItStillFails()
    {
        const string Jinja = "apiVersion: cilium.io/v2alpha1\nkind: CiliumLoadBalancerIPPool\nmetadata:\n  name: default\nspec:\n  blocks:\n    {% for cidr in pools %}\n    - cidr: {{ cidr }}\n    {% endfor %}\n";
        using var repo = new TempRepo()
            .With("apps/web.yaml", App("web", "web"))
            .With("web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n")
            .With("metal/roles/cilium/templates/pool.yaml", Jinja);

        var report = await Validate(repo);
        Assert.That(report.Findings.Where(f => f.Severity == Severity.Error), Is.Empty, "an Ansible template no Application reads is not YAML yet, and not an error");

        repo.With("web/pool.yaml", Jinja);
        var rendered = await Validate(repo);
        Assert.That(rendered.Findings.Where(f => f.Severity == Severity.Error && f.Location?.File == "web/pool.yaml"), Is.Not.Empty, "Argo CD fails on it when an Application renders it");
    }

    [Test]
    public async Task AProjectDefinedTwiceMakesADenialOnlyOneDefinitionMakesAWarning()
    {
        const string Open = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: prod, namespace: argocd}\nspec:\n  sourceRepos: ['*']\n  destinations: [{namespace: '*', server: https://kubernetes.default.svc}]\n  clusterResourceWhitelist: [{group: '*', kind: '*'}]\n";
        const string Tight = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: prod, namespace: argocd}\nspec:\n  sourceRepos: ['*']\n  destinations: [{namespace: prod, server: https://kubernetes.default.svc}]\n";
        using var repo = new TempRepo()
            .With("apps/web.yaml", App("web", "web").Replace("project: default", "project: prod", StringComparison.Ordinal))
            .With("web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n")
            .With("tight/project.yaml", Tight);

        var alone = (await Validate(repo)).Findings.Single(f => f.Id == FindingIds.Proj003);
        Assert.That(alone.Severity, Is.EqualTo(Severity.Error), "one definition, and it denies namespace apps");

        // A second, open definition of the same project elsewhere: which one Argo CD holds depends on the apply order.
        repo.With("open/project.yaml", Open);
        var report = await Validate(repo);
        var denied = report.Findings.Single(f => f.Id == FindingIds.Proj003);
        Assert.That(denied.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(denied.Message, Does.Contain("AppProject prod is defined more than once").And.Contain("allows it"));
    }

    [Test]
    public async Task TheSameObjectInTwoAppsIsAnError()
    {
        using var repo = new TempRepo()
            .With("apps/a.yaml", App("a", "a"))
            .With("apps/b.yaml", App("b", "b"))
            .With("a/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n")
            .With("b/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n");

        var report = await Validate(repo);

        var shared = report.Findings.Single(f => f.Id == FindingIds.Argo007);
        Assert.That(shared.Severity, Is.EqualTo(Severity.Error));
        Assert.That(shared.Message, Does.Contain("ConfigMap apps/shared"));
    }

    [Test]
    public async Task AnObjectSharedByAppsOfRootsInDifferentDirectoriesIsAWarningNamingBothRoots()
    {
        // Two example trees of one repo, each with its own root: nothing says both are applied.
        using var repo = new TempRepo()
            .With("examples/one/app.yaml", App("one", "base"))
            .With("examples/two/app.yaml", App("two", "base"))
            .With("base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n");

        var report = await Validate(repo);

        var shared = report.Findings.Single(f => f.Id == FindingIds.Argo007);
        Assert.That(shared.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(shared.Message, Does.Contain("under different roots (examples/one/app.yaml and examples/two/app.yaml); when both roots are applied"));
        Assert.That(shared.FixHint, Does.Contain("--root FILE"));
    }

    [Test]
    public async Task SecretsWrittenAsLiteralEnvValuesAreSec002WithoutTheValue()
    {
        const string Env = "          env:\n            - {name: DB_PASSWORD, value: hunter2-literal}\n            - {name: MAX_TOKENS, value: '512'}\n            - {name: API_TOKEN_FILE, value: /run/token}\n            - {name: apiKey, value: '$(KEY)'}\n";
        using var repo = new TempRepo()
            .With("apps/web.yaml", App("web", "web"))
            .With("web/d.yaml", Deployment("web", env: Env));

        var report = await Validate(repo);

        var sec = report.Findings.Where(f => f.Id == FindingIds.Sec002).ToList();
        Assert.That(sec, Has.Count.EqualTo(1));
        Assert.That(sec[0].Message, Does.Contain("DB_PASSWORD").And.Not.Contain("hunter2"));
        Assert.That(sec[0].Severity, Is.EqualTo(Severity.Warning));
    }

    [Test]
    public async Task AFileUnderAnApplicationSetTemplatePathIsNotDeployedNotARoot()
    {
        using var repo = new TempRepo()
            .With("groups.yaml", "groups:\n  - {layer: experience, group: gateway}\n")
            .With("set.yaml", $$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: experience, namespace: argocd}
                spec:
                  goTemplate: true
                  generators:
                    - list: {elements: [{layer: experience, group: gateway}]}
                  template:
                    metadata: {name: 'group-{{.group}}'}
                    spec:
                      project: default
                      source: {repoURL: {{{Url}}}, targetRevision: main, path: 'catalog/{{.layer}}/{{.group}}'}
                      destination: {server: https://kubernetes.default.svc, namespace: apps}
                """)
            .With("catalog/experience/gateway/app.yaml", App("gateway", "gateway"))
            .With("gateway/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\n")
            .With("catalog/experience/crds/app.yaml", App("gateway-crds", "crds"))
            .With("crds/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: crds}\n");

        var report = await Validate(repo);

        Assert.That(report.Discovery!.RootFiles, Is.EqualTo(new[] { "set.yaml" }));
        Assert.That(report.Discovery.NotDeployed, Has.Some.Contains("gateway-crds"));
        Assert.That(report.Profiles.Single().AppNames, Does.Not.Contain("gateway-crds"));
    }

    [Test]
    public async Task ApplicationsKeptInAnUnusedDirectoryAreNotDeployedNotRoots()
    {
        using var repo = new TempRepo()
            .With("bootstrap/root.yaml", App("root", "apps"))
            .With("apps/web.yaml", App("web", "web"))
            .With("web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n")
            .With("resources/unused/old/application.yaml", App("old", "apps/old/install"));

        var report = await Validate(repo);

        Assert.That(report.Discovery!.RootFiles, Is.EqualTo(new[] { "bootstrap/root.yaml" }));
        Assert.That(report.Discovery.NotDeployed, Has.Some.Contains("resources/unused/old/application.yaml"));
        Assert.That(report.HasErrors, Is.False, string.Join("\n", report.Findings.Select(f => f.Message)));
    }

    [Test]
    public async Task AnApplicationInAKustomizeBaseUsedByAnOverlayIsNotARootAndItsPlaceholdersAreNoFindings()
    {
        if (PlatformValidation.Validators.Rendering.ToolRunner.Locate("kubectl") is null)
        {
            Assert.Ignore("kubectl is not on PATH; install kubectl (it includes kustomize) to run the kustomize tests.");
        }

        // The base holds placeholders the overlay replaces (name prefix, path, namespace); Argo CD only ever applies
        // the overlay's output, so the raw base must not be validated as a root.
        using var repo = new TempRepo()
            .With("bootstrap/root.yaml", App("root", "apps/overlays/dev"))
            .With("apps/base/kustomization.yaml", "resources: [guestbook.yaml]\n")
            .With("apps/base/guestbook.yaml", App("guestbook", "REPLACE_ME/path", ns: "CHANGE_ME_NAMESPACE"))
            .With("apps/overlays/dev/kustomization.yaml", """
                namePrefix: dev-
                resources: [../../base]
                patches:
                  - target: {kind: Application}
                    patch: |
                      - {op: replace, path: /spec/source/path, value: web}
                      - {op: replace, path: /spec/destination/namespace, value: apps}
                """)
            .With("web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n");

        var report = await Validate(repo);

        Assert.That(report.Discovery!.RootFiles, Is.EqualTo(new[] { "bootstrap/root.yaml" }));
        Assert.That(report.Discovery.NotDeployed, Has.Some.Contains("apps/base/guestbook.yaml").And.Contains("kustomize base of apps/overlays/dev"));
        Assert.That(report.Profiles.Single().AppNames, Is.EquivalentTo(new[] { "root", "dev-guestbook" }));
        // Findings on the overlay's app (dev-guestbook) point back at the base file, as kustomize output does; none is
        // about the raw base app or its placeholders.
        Assert.That(report.Findings.Where(f => f.App == "guestbook" || f.Message.Contains("REPLACE_ME", StringComparison.Ordinal) || f.Message.Contains("CHANGE_ME", StringComparison.Ordinal)), Is.Empty);
        Assert.That(report.HasErrors, Is.False, string.Join("\n", report.Findings.Select(f => f.Message)));

        // Without the overlay the same file is applied as written: a root, and its placeholder path fails as in Argo CD.
        File.Delete(Path.Combine(repo.Root, "apps/overlays/dev/kustomization.yaml"));
        repo.With("bootstrap/root.yaml", App("root", "web"));
        var raw = await Validate(repo);
        Assert.That(raw.Discovery!.RootFiles, Does.Contain("apps/base/guestbook.yaml"));
        Assert.That(raw.HasErrors, Is.True);
    }

    [Test]
    public async Task RootOptionValidatesOnlyTheNamedRootsAndRejectsAFileWithoutAnApp()
    {
        using var repo = new TempRepo()
            .With("examples/one/app.yaml", App("one", "examples/one/manifests"))
            .With("examples/one/manifests/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n")
            .With("examples/two/app.yaml", App("two", "examples/two/manifests"))
            .With("examples/two/manifests/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n");

        var both = await Validate(repo);
        Assert.That(both.Findings.Any(f => f.Id == FindingIds.Argo007), Is.True, "two example trees merged into one profile collide");

        var one = await Validate(repo, StaticValidatorOptions.Default with { Roots = ["examples/one/app.yaml"] });
        Assert.That(one.Profiles.Single().AppNames, Is.EquivalentTo(new[] { "one" }));
        Assert.That(one.Findings.Where(f => f.Id == FindingIds.Argo007), Is.Empty);
        Assert.That(one.Discovery!.Roots.Single(), Does.Contain("examples/one/app.yaml").And.Contain("namespace argocd"));

        var e = Assert.ThrowsAsync<ScenarioException>(() => Validate(repo, StaticValidatorOptions.Default with { Roots = ["examples/one/manifests/cm.yaml"] }));
        Assert.That(e!.Message, Does.Contain("holds no Application"));
    }

    [Test]
    public async Task AChildAppRenderedTwiceUnderOneRootIsAnErrorAndAcrossIndependentRootsAWarning()
    {
        // One root (bootstrap/root.yaml) renders two app-of-apps that both render Application "shared": applying the
        // root applies both parents, so Argo CD reports SharedResourceWarning on it — an error in any mode.
        using var oneRoot = new TempRepo()
            .With("bootstrap/root.yaml", App("root", "parents"))
            .With("parents/a.yaml", App("parent-a", "children/a"))
            .With("parents/b.yaml", App("parent-b", "children/b"))
            .With("children/a/shared.yaml", App("shared", "web"))
            .With("children/b/shared.yaml", App("shared", "web"))
            .With("web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n");

        var same = await Validate(oneRoot);
        var shared = same.Findings.Where(f => f.App == "shared" && (f.Id == FindingIds.Argo007 || f.Id == FindingIds.Narrow003)).ToList();
        Assert.That(shared, Has.Count.EqualTo(1), string.Join("\n", same.Findings.Select(f => $"{f.Id} {f.Message}")));
        Assert.That(shared[0].Id, Is.EqualTo(FindingIds.Argo007));
        Assert.That(shared[0].Severity, Is.EqualTo(Severity.Error));
        Assert.That(shared[0].Message, Does.Contain("Application parent-a").And.Contain("Application parent-b").And.Contain("bootstrap/root.yaml"));

        // Two independent roots (two example trees) that each render "shared": whether both are ever applied to one
        // cluster is the platform's convention, so without a scenario it is NARROW003 as a warning naming both roots.
        using var twoRoots = new TempRepo()
            .With("examples/a/root.yaml", App("root-a", "examples/a/apps"))
            .With("examples/b/root.yaml", App("root-b", "examples/b/apps"))
            .With("examples/a/apps/shared.yaml", App("shared", "web"))
            .With("examples/b/apps/shared.yaml", App("shared", "web"))
            .With("web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n");

        var independent = await Validate(twoRoots);
        var claimed = independent.Findings.Where(f => f.App == "shared" && (f.Id == FindingIds.Argo007 || f.Id == FindingIds.Narrow003)).ToList();
        Assert.That(claimed, Has.Count.EqualTo(1), string.Join("\n", independent.Findings.Select(f => $"{f.Id} {f.Message}")));
        Assert.That(claimed[0].Id, Is.EqualTo(FindingIds.Narrow003));
        Assert.That(claimed[0].Severity, Is.EqualTo(Severity.Warning));
        Assert.That(claimed[0].Message, Does.Contain("examples/a/root.yaml").And.Contain("examples/b/root.yaml"));
    }

    [Test]
    public async Task CoverageIsReportedAndChecksOverUnrenderedAppsAreNotOk()
    {
        using var repo = new TempRepo()
            .With("apps/web.yaml", App("web", "web"))
            .With("apps/remote.yaml", App("remote", "deploy", repoUrl: "https://github.com/elsewhere/charts"))
            .With("web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n");

        var report = await Validate(repo);
        var text = new StringWriter();
        TextReport.Write(report, text);

        var profile = report.Profiles.Single();
        Assert.That(profile.Coverage, Is.EqualTo("rendered 1 of 2 apps, 1 resources"));
        Assert.That(profile.NotRendered, Is.EqualTo(new[] { "remote" }));
        Assert.That(text.ToString(), Does.Contain("coverage: rendered 1 of 2 apps").And.Contain("partial 1/2"));
        Assert.That(FindingFamilies.Cell("dependencies", profile, 0, 0), Is.EqualTo("partial 1/2"));
    }

    [Test]
    public async Task WithoutAScenarioOnlyWhatFailsTheSyncIsAnErrorAndOnlyAPlausibleUnrenderedProviderWeakensIt()
    {
        using var repo = new TempRepo()
            .With("apps/web.yaml", App("web", "web"))
            .With("apps/remote.yaml", App("remote", "deploy", ns: "other", repoUrl: "https://github.com/elsewhere/things"))
            .With("apps/widgets.yaml", App("widgets", "deploy", ns: "other", repoUrl: "https://github.com/elsewhere/widgets"))
            .With("web/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: registry.example/x:1.0.0\n      envFrom: [{secretRef: {name: db}}]\n")
            .With("web/gadget.yaml", "apiVersion: gadgets.example.com/v1\nkind: Gadget\nmetadata: {name: g}\n")
            .With("web/widget.yaml", "apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata: {name: w}\n");

        var report = await Validate(repo);

        var deps = report.Findings.Where(f => f.Id == FindingIds.Dep001).ToList();
        var secret = deps.Single(f => f.Message.Contains("Secret apps/db", StringComparison.Ordinal));
        Assert.That(secret.Severity, Is.EqualTo(Severity.Warning), "a missing Secret does not fail the sync");
        Assert.That(secret.Message, Does.Contain("fails at run time"));
        Assert.That(secret.FixHint, Does.Contain("--externals"));
        var gadget = deps.Single(f => f.Message.Contains("Gadget", StringComparison.Ordinal));
        Assert.That(gadget.Severity, Is.EqualTo(Severity.Error), "no unrendered app could install the Gadget CRD; Argo CD fails the sync");
        Assert.That(gadget.Message, Does.Not.Contain("could not be rendered"));
        var widget = deps.Single(f => f.Message.Contains("Widget", StringComparison.Ordinal));
        Assert.That(widget.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(widget.Message, Does.Contain("widgets could not be rendered"));
    }

    [Test]
    public async Task RepeatedFindingsAreFoldedIntoOneWithACount()
    {
        var findings = Enumerable.Range(1, 3).Select(i => new Finding("PIN001", Severity.Warning, "same message", PlatformValidation.Validators.Loading.SourceLocation.OfFile($"f{i}.yaml"), "fix")).ToList();

        var folded = StaticValidator.FoldRepeats(findings);

        Assert.That(folded, Has.Count.EqualTo(1));
        Assert.That(folded[0].Message, Does.Contain("3 occurrences").And.Contain("f2.yaml").And.Contain("f3.yaml"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task AnApplicationWhoseSpecIsAListIsAFileLineFindingNotACrash()
    {
        using var repo = new TempRepo()
            .With("apps/ok.yaml", App("ok", "ok"))
            .With("ok/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n")
            .With("apps/bad.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: bad, namespace: argocd}\nspec:\n  - project: default\n");

        var report = await Validate(repo);

        var bad = report.Findings.Where(f => f.Location?.File == "apps/bad.yaml").ToList();
        Assert.That(bad, Is.Not.Empty);
        Assert.That(bad.Select(f => f.Message), Has.None.Contains("JsonObject"));
        Assert.That(bad[0].Location!.Line, Is.GreaterThan(0));
    }
}
