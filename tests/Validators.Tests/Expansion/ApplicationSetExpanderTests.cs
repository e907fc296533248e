using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Expansion;

/// <summary>ApplicationSet generation [ARGOCD-SEMANTICS §7.1–7.3].</summary>
public class ApplicationSetExpanderTests
{
    private const string RepoUrl = "https://github.com/org/platform.git";

    private static ApplicationSet Parse(string yaml)
    {
        var result = ArgoModelParser.ParseApplicationSet(new ManifestLoader().LoadText(yaml, "appsets/set.yaml").Objects.Single());
        Assert.That(result.Findings, Is.Empty, () => string.Join("; ", result.Findings.Select(f => f.Message)));
        return result.Value!;
    }

    private static ApplicationSetExpansion Expand(string yaml, TempRepo? repo = null)
    {
        var resolver = repo is null ? new StaticRepoResolver([]) : StaticRepoResolver.For(repo.Tree(), [RepoUrl]);
        return new ApplicationSetExpander(resolver).Expand(Parse(yaml));
    }

    private static TempRepo SampleRepo() => new TempRepo()
        .With("apps/alpha/kustomization.yaml", "resources: []\n")
        .With("apps/beta/deploy.yaml", "kind: x\n")
        .With("apps/.hidden/x.yaml", "a: 1\n")
        .With("apps/gamma/nested/x.yaml", "a: 1\n")
        .With("catalog/serving/groups.yaml", "- name: raw-vllm\n  layer: serving\n  enabled: true\n  replicas: 0\n- name: kserve\n  layer: serving\n  enabled: false\n  replicas: 1\n")
        .With("catalog/platform/cert-manager.json", "{\"name\": \"cert-manager\", \"layer\": \"platform\", \"enabled\": true, \"meta\": {\"wave\": \"-1\"}}");

    [Test]
    public void ListWithFastTemplateReplacesKnownParamsLeavesUnknownVerbatimAndAddsTheResourcesFinalizer()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: tenants, namespace: argocd}
            spec:
              generators:
              - list:
                  elements:
                  - {team: a, values: {size: small}}
                  - {team: b, values: {size: large}}
              template:
                metadata:
                  name: 'tenant-{{team}}'
                  annotations: {note: '{{unknown}} {{values.size}}'}
                spec:
                  project: platform
                  source: {repoURL: https://github.com/org/platform, path: 'tenants/{{team}}'}
                  destination: {server: https://kubernetes.default.svc, namespace: 'team-{{team}}'}
            """);

        Assert.That(expansion.Findings, Is.Empty);
        Assert.That(expansion.Applications.Select(a => a.Model.Name), Is.EqualTo(new[] { "tenant-a", "tenant-b" }));
        var first = expansion.Applications[0];
        Assert.That(first.Model.Sources[0].Path, Is.EqualTo("tenants/a"));
        Assert.That(first.Model.Destination.Namespace, Is.EqualTo("team-a"));
        Assert.That(first.Model.Metadata.Annotations["note"], Is.EqualTo("{{unknown}} small"));
        Assert.That(first.Model.Metadata.Finalizers, Is.EqualTo(new[] { "resources-finalizer.argocd.argoproj.io" }));
        Assert.That(first.Model.Namespace, Is.EqualTo("argocd"));
        Assert.That(first.Manifest.Location, Is.EqualTo(new SourceLocation("appsets/set.yaml", 10, 3)));
        Assert.That(first.Manifest.LocationOf("/spec/destination/namespace").Line, Is.EqualTo(17));
    }

    [Test]
    public void FastTemplateListElementsMustBeStrings_ArgoCdListGenerator()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: s}
            spec:
              generators:
              - list: {elements: [{name: a, replicas: 2}]}
              template: {metadata: {name: '{{name}}'}, spec: {project: p, source: {repoURL: r, path: p}, destination: {server: s}}}
            """);

        Assert.That(expansion.Succeeded, Is.False);
        Assert.That(expansion.Applications, Is.Empty);
        Assert.That(expansion.Findings.Single().Id, Is.EqualTo("ARGO001"));
        Assert.That(expansion.Findings.Single().Message, Does.Contain("error parsing value as string"));
    }

    [Test]
    public void PreserveResourcesOnDeletionOrOwnFinalizersSuppressTheInjectedFinalizer_ArgoCdFinalizerRule()
    {
        var preserved = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: s}
            spec:
              syncPolicy: {preserveResourcesOnDeletion: true}
              generators: [{list: {elements: [{name: a}]}}]
              template: {metadata: {name: '{{name}}'}, spec: {project: p, source: {repoURL: r, path: p}, destination: {server: s}}}
            """);
        var own = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: s}
            spec:
              generators: [{list: {elements: [{name: a}]}}]
              template: {metadata: {name: '{{name}}', finalizers: [example.com/keep]}, spec: {project: p, source: {repoURL: r, path: p}, destination: {server: s}}}
            """);

        Assert.That(preserved.Applications.Single().Model.Metadata.Finalizers, Is.Empty);
        Assert.That(own.Applications.Single().Model.Metadata.Finalizers, Is.EqualTo(new[] { "example.com/keep" }));
    }

    [Test]
    public void GoTemplateMissingKeyErrorFailsTheWholeSet_ArgoCdAnyErrorMeansNoApps()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: s}
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              generators: [{list: {elements: [{name: a}, {name: b, extra: x}]}}]
              template: {metadata: {name: '{{.name}}-{{.extra}}'}, spec: {project: p, source: {repoURL: r, path: p}, destination: {server: s}}}
            """);

        Assert.That(expansion.Applications, Is.Empty);
        Assert.That(expansion.Findings.Single().Message, Does.Contain("map has no entry for key \"extra\""));
    }

    [Test]
    public void GoTemplateMissingKeyRendersNoValueWithoutTheOption()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: s}
            spec:
              goTemplate: true
              generators: [{list: {elements: [{name: a}]}}]
              template: {metadata: {name: '{{.name}}', labels: {x: '{{.extra}}'}}, spec: {project: p, source: {repoURL: r, path: p}, destination: {server: s}}}
            """);

        Assert.That(expansion.Applications.Single().Model.Metadata.Labels["x"], Is.EqualTo("<no value>"));
    }

    [Test]
    public void GitDirectoriesUsePathMatchExcludeWinsAndDotDirectoriesNeverMatch_ArgoCdGitGenerator()
    {
        using var repo = SampleRepo();
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: apps}
            spec:
              generators:
              - git:
                  repoURL: https://github.com/org/platform
                  revision: HEAD
                  directories:
                  - path: apps/*
                  - path: apps/beta
                    exclude: true
              template:
                metadata: {name: '{{path.basename}}'}
                spec: {project: p, source: {repoURL: r, path: '{{path}}'}, destination: {server: s, namespace: '{{path[1]}}'}}
            """, repo);

        Assert.That(expansion.Findings, Is.Empty);
        Assert.That(expansion.Applications.Select(a => a.Model.Name), Is.EqualTo(new[] { "alpha", "gamma" }));
        Assert.That(expansion.Applications[0].Model.Destination.Namespace, Is.EqualTo("alpha"));
    }

    [Test]
    public void GitFilesYieldOneSetPerArrayElementWithNestedParamsForGoTemplate_ArgoCdGitFilesGenerator()
    {
        using var repo = SampleRepo();
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: serving}
            spec:
              goTemplate: true
              generators:
              - git:
                  repoURL: https://github.com/org/platform
                  revision: HEAD
                  files: [{path: catalog/serving/*.yaml}]
                selector:
                  matchLabels: {enabled: "true"}
              template:
                metadata: {name: '{{.name}}', labels: {layer: '{{.layer}}', dir: '{{.path.basename}}', file: '{{.path.filename}}', replicas: '{{.replicas}}'}}
                spec: {project: p, source: {repoURL: r, path: '{{.path.path}}/{{.name}}'}, destination: {server: s}}
            """, repo);

        Assert.That(expansion.Findings, Is.Empty);
        var app = expansion.Applications.Single();
        Assert.That(app.Model.Name, Is.EqualTo("raw-vllm"));
        Assert.That(app.Model.Metadata.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["layer"] = "serving", ["dir"] = "serving", ["file"] = "groups.yaml", ["replicas"] = "0" }));
        Assert.That(app.Model.Sources[0].Path, Is.EqualTo("catalog/serving/raw-vllm"));
    }

    [Test]
    public void GitFilesFlattenKeysForFastTemplateWithPathParamPrefix()
    {
        using var repo = SampleRepo();
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: platform}
            spec:
              generators:
              - git:
                  repoURL: https://github.com/org/platform
                  revision: HEAD
                  pathParamPrefix: cfg
                  files: [{path: "catalog/**/*.json"}]
              template:
                metadata: {name: '{{name}}', annotations: {wave: '{{meta.wave}}', dir: '{{cfg.path}}', seg: '{{cfg.path[1]}}', flag: '{{enabled}}'}}
                spec: {project: p, source: {repoURL: r, path: x}, destination: {server: s}}
            """, repo);

        var app = expansion.Applications.Single();
        Assert.That(app.Model.Metadata.Annotations, Is.EquivalentTo(new Dictionary<string, string> { ["wave"] = "-1", ["dir"] = "catalog/platform", ["seg"] = "platform", ["flag"] = "true" }));
    }

    [Test]
    public void MatrixSecondChildSeesTheFirstChildsParams_ArgoCdMatrixGenerator()
    {
        using var repo = SampleRepo();
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: m}
            spec:
              goTemplate: true
              generators:
              - matrix:
                  generators:
                  - list: {elements: [{layer: serving}, {layer: platform}]}
                  - git:
                      repoURL: https://github.com/org/platform
                      revision: HEAD
                      files: [{path: 'catalog/{{.layer}}/*'}]
              template:
                metadata: {name: '{{.layer}}-{{.name}}'}
                spec: {project: p, source: {repoURL: r, path: x}, destination: {server: s}}
            """, repo);

        Assert.That(expansion.Findings, Is.Empty);
        Assert.That(expansion.Applications.Select(a => a.Model.Name), Is.EqualTo(new[] { "serving-raw-vllm", "serving-kserve", "platform-cert-manager" }));
    }

    [Test]
    public void FastTemplateMatrixWithConflictingKeysFails_ArgoCdCombineStringMaps()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: m}
            spec:
              generators:
              - matrix:
                  generators:
                  - list: {elements: [{name: a}]}
                  - list: {elements: [{name: b}]}
              template: {metadata: {name: '{{name}}'}, spec: {project: p, source: {repoURL: r, path: x}, destination: {server: s}}}
            """);

        Assert.That(expansion.Findings.Single().Message, Does.Contain("found duplicate key name with different value"));
    }

    [Test]
    public void MergeOverridesBaseSetsThatShareTheMergeKeys_ArgoCdMergeGenerator()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: m}
            spec:
              generators:
              - merge:
                  mergeKeys: [name]
                  generators:
                  - list: {elements: [{name: a, size: s}, {name: b, size: s}]}
                  - list: {elements: [{name: b, size: xl}, {name: c, size: xl}]}
              template: {metadata: {name: '{{name}}', labels: {size: '{{size}}'}}, spec: {project: p, source: {repoURL: r, path: x}, destination: {server: s}}}
            """);

        Assert.That(expansion.Applications.Select(a => (a.Model.Name, a.Model.Metadata.Labels["size"])), Is.EqualTo(new[] { ("a", "s"), ("b", "xl") }));
    }

    [Test]
    public void GeneratorTemplateOverridesSpecTemplateFields()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: m}
            spec:
              generators:
              - list:
                  elements: [{name: a}]
                  template: {metadata: {}, spec: {project: special}}
              template: {metadata: {name: '{{name}}'}, spec: {project: p, source: {repoURL: r, path: x}, destination: {server: s}}}
            """);

        var app = expansion.Applications.Single().Model;
        Assert.That(app.Project, Is.EqualTo("special"));
        Assert.That(app.Sources[0].Path, Is.EqualTo("x"));
    }

    [Test]
    public void TemplatePatchAppliesButCannotChangeTheProject_ArgoCdTemplatePatch()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: m}
            spec:
              goTemplate: true
              generators: [{list: {elements: [{name: a, auto: true}, {name: b, auto: false}]}}]
              template: {metadata: {name: '{{.name}}'}, spec: {project: p, source: {repoURL: r, path: x}, destination: {server: s}}}
              templatePatch: |
                spec:
                  project: hijack
                {{- if .auto }}
                  syncPolicy:
                    automated: {prune: true}
                {{- end }}
            """);

        Assert.That(expansion.Findings, Is.Empty, () => string.Join("; ", expansion.Findings.Select(f => f.Message)));
        Assert.That(expansion.Applications.Select(a => (a.Model.Name, a.Model.IsAutomated, a.Model.Project)), Is.EqualTo(new[] { ("a", true, "p"), ("b", false, "p") }));
    }

    [Test]
    public void DuplicateGeneratedNamesDropEveryCopyWithAFinding_ArgoCdValidateGeneratedApplications()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: d}
            spec:
              generators: [{list: {elements: [{name: a}, {name: a}, {name: b}]}}]
              template: {metadata: {name: '{{name}}'}, spec: {project: p, source: {repoURL: r, path: x}, destination: {server: s}}}
            """);

        Assert.That(expansion.Applications.Select(a => a.Model.Name), Is.EqualTo(new[] { "b" }));
        Assert.That(expansion.Findings.Single().Message, Does.Contain("duplicate name: a"));
    }

    [Test]
    public void AGitGeneratorOnAnUnavailableRepoIsRender002AndNoApps()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: d}
            spec:
              generators: [{git: {repoURL: https://elsewhere/repo, revision: HEAD, directories: [{path: '*'}]}}]
              template: {metadata: {name: '{{path.basename}}'}, spec: {project: p, source: {repoURL: r, path: x}, destination: {server: s}}}
            """);

        Assert.That(expansion.Applications, Is.Empty);
        Assert.That(expansion.Findings.Single().Id, Is.EqualTo("RENDER002"));
        Assert.That(expansion.Findings.Single().Message, Does.Contain("https://elsewhere/repo"));
    }

    [Test]
    public void ClustersGeneratorYieldsTheInClusterEntryOnly()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: c}
            spec:
              generators:
              - clusters: {values: {env: 'dev-{{name}}'}}
              - clusters: {selector: {matchLabels: {env: prod}}}
              template: {metadata: {name: 'app-{{name}}', labels: {env: '{{values.env}}'}}, spec: {project: p, source: {repoURL: r, path: x}, destination: {server: '{{server}}'}}}
            """);

        var app = expansion.Applications.Single();
        Assert.That(app.Model.Name, Is.EqualTo("app-in-cluster"));
        Assert.That(app.Model.Metadata.Labels["env"], Is.EqualTo("dev-in-cluster"));
        Assert.That(app.Model.Destination.IsInCluster, Is.True);
    }
}
