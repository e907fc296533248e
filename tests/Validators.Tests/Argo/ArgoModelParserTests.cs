using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Tests.Argo;

public class ArgoModelParserTests
{
    private static ManifestObject Load(string yaml) => new ManifestLoader().LoadText(yaml, "app.yaml").Objects.Single();

    [Test]
    public void ParsesASingleSourceApplicationWithEveryCommonField()
    {
        var result = ArgoModelParser.ParseApplication(Load("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: raw-vllm
              namespace: argocd
              annotations:
                argocd.argoproj.io/sync-wave: "-2"
              finalizers: [resources-finalizer.argocd.argoproj.io]
            spec:
              project: platform
              source:
                repoURL: https://github.com/org/platform.git
                path: serving/raw-vllm
                kustomize:
                  namePrefix: p-
                  images: [vllm=fake:1]
                  replicas: [{name: vllm, count: 0}]
              destination:
                server: https://kubernetes.default.svc
                namespace: serving
              syncPolicy:
                automated: {prune: true, selfHeal: true}
                syncOptions: [CreateNamespace=true, "RespectIgnoreDifferences = true"]
              ignoreDifferences:
              - group: apps
                kind: Deployment
                jsonPointers: [/spec/replicas]
            """));

        Assert.That(result.Findings, Is.Empty);
        var app = result.Value!;
        Assert.That(app.Name, Is.EqualTo("raw-vllm"));
        Assert.That(app.Project, Is.EqualTo("platform"));
        Assert.That(app.IsMultiSource, Is.False);
        Assert.That(app.Sources.Single().Path, Is.EqualTo("serving/raw-vllm"));
        Assert.That(app.Sources[0].TargetRevision, Is.EqualTo("HEAD"));
        Assert.That(app.Sources[0].ExplicitTool, Is.EqualTo(SourceTool.Kustomize));
        Assert.That(app.Sources[0].Kustomize!.Replicas.Single(), Is.EqualTo(new KustomizeReplica("vllm", 0)));
        Assert.That(app.Destination.IsInCluster, Is.True);
        Assert.That(app.IsAutomated, Is.True);
        Assert.That(app.HasSyncOption("RespectIgnoreDifferences=true"), Is.True);
        Assert.That(app.IgnoreDifferences.Single().JsonPointers, Is.EqualTo(new[] { "/spec/replicas" }));
        Assert.That(app.SyncWave, Is.EqualTo(-2));
        Assert.That(app.HasResourcesFinalizer, Is.True);
    }

    [Test]
    public void NonEmptySourcesMakeTheAppMultiSourceAndIgnoreSource_ArgoCdMultipleSourcesRule()
    {
        var app = ArgoModelParser.ParseApplication(Load("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: litellm}
            spec:
              source: {repoURL: https://ignored, path: x}
              sources:
              - repoURL: https://charts.example
                chart: litellm
                targetRevision: 1.2.3
                helm:
                  valueFiles: [$values/llm-gateway/litellm/values.yaml]
              - repoURL: https://github.com/org/platform
                ref: values
              destination: {name: in-cluster, namespace: llm}
            """)).Value!;

        Assert.That(app.IsMultiSource, Is.True);
        Assert.That(app.Sources.Select(s => s.RepoUrl), Is.EqualTo(new[] { "https://charts.example", "https://github.com/org/platform" }));
        Assert.That(app.Sources[1].IsRefOnly, Is.True);
        Assert.That(app.Sources[0].Helm!.ValueFiles.Single(), Is.EqualTo("$values/llm-gateway/litellm/values.yaml"));
        Assert.That(app.Project, Is.EqualTo("default"));
    }

    [Test]
    public void DestinationWithBothServerAndNameIsArgo001AtTheDestination_ArgoCdGetDestinationServer()
    {
        var result = ArgoModelParser.ParseApplication(Load("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: a}
            spec:
              source: {repoURL: r, path: p}
              destination:
                server: https://kubernetes.default.svc
                name: in-cluster
            """));

        var f = result.Findings.Single();
        Assert.That(f.Id, Is.EqualTo("ARGO001"));
        Assert.That(f.Message, Does.Contain("can't have both name and server defined"));
        Assert.That(f.Location!.Line, Is.EqualTo(6));
        Assert.That(f.App, Is.EqualTo("a"));
    }

    [Test]
    public void WrongTypesAreArgo001AtTheField()
    {
        var result = ArgoModelParser.ParseApplication(Load("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: a}
            spec:
              source: {repoURL: r, path: p}
              destination: {server: s}
              syncPolicy:
                automated:
                  prune: "yes please"
            """));

        var f = result.Findings.Single();
        Assert.That(f.Message, Does.Contain("spec.syncPolicy.automated.prune must be true or false"));
        Assert.That(f.Location!.Line, Is.EqualTo(9));
    }

    [Test]
    public void MissingSourceAndSeveralToolBlocksAreArgo001()
    {
        var noSource = ArgoModelParser.ParseApplication(Load("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec:\n  destination: {server: s}\n"));
        var twoTools = ArgoModelParser.ParseApplication(Load("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec:\n  destination: {server: s}\n  source: {repoURL: r, path: p, helm: {}, kustomize: {}}\n"));

        Assert.That(noSource.Findings.Single().Message, Does.Contain("has no source"));
        Assert.That(twoTools.Findings.Single().Message, Does.Contain("multiple application sources defined: helm,kustomize"));
    }

    [Test]
    public void AutomatedEnabledFalseTurnsAutoSyncOff_ArgoCdAutoSyncRule()
    {
        var app = ArgoModelParser.ParseApplication(Load("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec:\n  source: {repoURL: r, path: p}\n  destination: {server: s}\n  syncPolicy:\n    automated: {enabled: false}\n")).Value!;
        var emptyAutomated = ArgoModelParser.ParseApplication(Load("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec:\n  source: {repoURL: r, path: p}\n  destination: {server: s}\n  syncPolicy:\n    automated: {}\n")).Value!;

        Assert.That(app.IsAutomated, Is.False);
        Assert.That(emptyAutomated.IsAutomated, Is.True);
    }

    [Test]
    public void ParsesApplicationSetGeneratorsTemplateAndPolicy()
    {
        var result = ArgoModelParser.ParseApplicationSet(Load("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: serving, namespace: argocd}
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              generators:
              - matrix:
                  generators:
                  - git:
                      repoURL: https://github.com/org/platform
                      revision: HEAD
                      files: [{path: "clusters/ai-dev/catalog/serving/*.yaml"}]
                  - list:
                      elements: [{tier: a}]
                selector:
                  matchLabels: {enabled: "true"}
              - merge:
                  mergeKeys: [name]
                  generators:
                  - list: {elements: [{name: x}]}
                  - list: {elements: [{name: x, extra: y}]}
              - clusters: {}
              - pullRequest: {github: {owner: o, repo: r}}
              template:
                metadata: {name: '{{.name}}'}
                spec:
                  project: platform
                  source: {repoURL: r, path: '{{.path.path}}'}
                  destination: {server: https://kubernetes.default.svc}
              syncPolicy: {preserveResourcesOnDeletion: true, applicationsSync: create-update}
            """));

        Assert.That(result.Findings, Is.Empty);
        var set = result.Value!;
        Assert.That(set.GoTemplate && set.MissingKeyIsError, Is.True);
        Assert.That(set.Generators.Select(g => g.Kind), Is.EqualTo(new[] { "matrix", "merge", "clusters", "pullRequest" }));
        var matrix = (MatrixGeneratorSpec)set.Generators[0];
        Assert.That(matrix.Selector!.MatchLabels["enabled"], Is.EqualTo("true"));
        Assert.That(((GitGeneratorSpec)matrix.Generators[0]).Files.Single().Path, Is.EqualTo("clusters/ai-dev/catalog/serving/*.yaml"));
        Assert.That(((MergeGeneratorSpec)set.Generators[1]).MergeKeys, Is.EqualTo(new[] { "name" }));
        Assert.That(set.Generators[3], Is.TypeOf<UnsupportedGeneratorSpec>());
        Assert.That(set.SyncPolicy, Is.EqualTo(new ApplicationSetSyncPolicy("create-update", true)));
    }

    [Test]
    public void MatrixWithoutTwoChildrenAndMergeWithoutKeysAreArgo001_ArgoCdMatrixMergeRules()
    {
        var result = ArgoModelParser.ParseApplicationSet(Load("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: s}
            spec:
              generators:
              - matrix:
                  generators:
                  - list: {elements: []}
              - merge:
                  generators:
                  - list: {elements: []}
                  - list: {elements: []}
              template: {metadata: {name: x}, spec: {}}
            """));

        Assert.That(result.Findings.Select(f => f.Message), Has.Some.Contains("exactly two child generators"));
        Assert.That(result.Findings.Select(f => f.Message), Has.Some.Contains("needs mergeKeys"));
    }

    [Test]
    public void ParsesAppProjectListsKeepingAbsentAndEmptyWhitelistsApart_ArgoCdProjectRule()
    {
        var absent = ArgoModelParser.ParseAppProject(Load("""
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata: {name: platform}
            spec:
              sourceRepos: [https://github.com/org/platform, '!https://evil/*']
              destinations: [{server: https://kubernetes.default.svc, namespace: '*'}]
              clusterResourceWhitelist: [{group: '*', kind: '*'}]
              sourceNamespaces: [argocd]
            """)).Value!;
        var empty = ArgoModelParser.ParseAppProject(Load("apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\nspec:\n  namespaceResourceWhitelist: []\n")).Value!;

        Assert.That(absent.SourceRepos, Has.Count.EqualTo(2));
        Assert.That(absent.Destinations.Single().Namespace, Is.EqualTo("*"));
        Assert.That(absent.ClusterResourceWhitelist.Single(), Is.EqualTo(new GroupKindRule("*", "*", null)));
        Assert.That(absent.NamespaceResourceWhitelist, Is.Null);
        Assert.That(empty.NamespaceResourceWhitelist, Is.Empty);
    }
}
