using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Tests.Expansion;

/// <summary>
/// The clusters generator over declared cluster Secrets, as applicationset/generators/cluster.go GenerateParams builds
/// its parameters [ARGOCD-SEMANTICS §7.1].
/// </summary>
public class ClustersGeneratorTests
{
    private static readonly ArgoCluster Staging = ArgoCluster.Declared("staging-eu", "https://staging.example:6443", "platform",
        new Dictionary<string, string> { ["environment"] = "staging", ["enable_metrics"] = "true" },
        new Dictionary<string, string> { ["repo_url"] = "https://github.com/org/addons", ["region"] = "eu-west-1" });

    private static readonly ArgoCluster Prod = ArgoCluster.Declared("Prod_US", "https://prod.example:6443", null,
        new Dictionary<string, string> { ["environment"] = "prod" },
        new Dictionary<string, string>());

    private static ApplicationSetExpansion Expand(string yaml, params ArgoCluster[] clusters)
    {
        var parsed = ArgoModelParser.ParseApplicationSet(new ManifestLoader().LoadText(yaml, "appsets/set.yaml").Objects.Single());
        Assert.That(parsed.Findings, Is.Empty, () => string.Join("; ", parsed.Findings.Select(f => f.Message)));
        var options = ApplicationSetExpanderOptions.Default with { ClusterSecrets = () => clusters };
        return new ApplicationSetExpander(new StaticRepoResolver([]), options).Expand(parsed.Value!);
    }

    [Test]
    public void ASelectorMatchesDeclaredClustersByLabelAndNeverTheLocalEntry()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: addons}
            spec:
              generators:
              - clusters:
                  selector:
                    matchExpressions: [{key: enable_metrics, operator: In, values: ['true']}]
              template:
                metadata: {name: 'metrics-{{name}}'}
                spec: {project: '{{project}}', source: {repoURL: '{{metadata.annotations.repo_url}}', path: 'envs/{{metadata.labels.environment}}'}, destination: {server: '{{server}}'}}
            """, Staging, Prod);

        var app = expansion.Applications.Single();
        Assert.That(app.Model.Name, Is.EqualTo("metrics-staging-eu"));
        Assert.That(app.Model.Project, Is.EqualTo("platform"), "project comes from the Secret's data.project");
        Assert.That(app.Model.Sources[0].RepoUrl, Is.EqualTo("https://github.com/org/addons"), "fasttemplate sees annotations as metadata.annotations.KEY");
        Assert.That(app.Model.Sources[0].Path, Is.EqualTo("envs/staging"));
        Assert.That(app.Model.Destination.Server, Is.EqualTo("https://staging.example:6443"));
    }

    [Test]
    public void WithoutASelectorEveryClusterSecretThenTheLocalEntryWithNormalizedNames()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: all}
            spec:
              generators: [{clusters: {}}]
              template: {metadata: {name: 'x-{{nameNormalized}}'}, spec: {project: p, source: {repoURL: r, path: x}, destination: {server: '{{server}}'}}}
            """, Staging, Prod);

        Assert.That(expansion.Applications.Select(a => a.Model.Name), Is.EquivalentTo(new[] { "x-staging-eu", "x-prod-us", "x-in-cluster" }));
    }

    [Test]
    public void ASecretForTheInClusterServerReplacesTheLocalEntry()
    {
        var local = ArgoCluster.Declared("hub", "https://kubernetes.default.svc", null, new Dictionary<string, string>(), new Dictionary<string, string>());
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: all}
            spec:
              generators: [{clusters: {}}]
              template: {metadata: {name: 'x-{{name}}'}, spec: {project: p, source: {repoURL: r, path: x}, destination: {server: '{{server}}'}}}
            """, local);

        Assert.That(expansion.Applications.Select(a => a.Model.Name), Is.EqualTo(new[] { "x-hub" }));
    }

    [Test]
    public void GoTemplateSeesLabelsAndAnnotationsUnderMetadataIncludingTheSecretTypeLabel()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: go}
            spec:
              goTemplate: true
              goTemplateOptions: [missingkey=error]
              generators:
              - clusters:
                  selector: {matchLabels: {argocd.argoproj.io/secret-type: cluster, environment: staging}}
                  values: {tier: '{{ index .metadata.labels "environment" }}-tier'}
              template:
                metadata: {name: '{{ .name }}-{{ .values.tier }}', annotations: {region: '{{ .metadata.annotations.region }}'}}
                spec: {project: p, source: {repoURL: r, path: x}, destination: {name: '{{ .name }}'}}
            """, Staging, Prod);

        var app = expansion.Applications.Single();
        Assert.That(app.Model.Name, Is.EqualTo("staging-eu-staging-tier"), "values are templated with the cluster's parameters");
        Assert.That(app.Model.Metadata.Annotations["region"], Is.EqualTo("eu-west-1"));
    }

    [Test]
    public void FlatListFoldsEveryClusterIntoOneParameterSet()
    {
        var expansion = Expand("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: flat}
            spec:
              goTemplate: true
              generators: [{clusters: {flatList: true}}]
              template:
                metadata: {name: 'fleet', annotations: {servers: '{{ range .clusters }}{{ .name }};{{ end }}'}}
                spec: {project: p, source: {repoURL: r, path: x}, destination: {server: https://kubernetes.default.svc}}
            """, Staging, Prod);

        var app = expansion.Applications.Single();
        Assert.That(app.Model.Metadata.Annotations["servers"], Is.EqualTo("Prod_US;staging-eu;in-cluster;"));
    }

    [Test]
    public void ASecretObjectReadsDataAsBase64WithStringDataWinningAndOtherSecretsAreNoClusters()
    {
        var secret = JsonNode.Parse("""
            {"apiVersion": "v1", "kind": "Secret",
             "metadata": {"name": "c", "namespace": "argocd", "labels": {"argocd.argoproj.io/secret-type": "cluster", "env": "dev"}, "annotations": {"a": "b"}},
             "data": {"name": "ZGV2", "server": "aHR0cHM6Ly9vbGQ=", "project": "!!not-base64"},
             "stringData": {"server": "https://dev.example"}}
            """)!.AsObject();

        var cluster = ArgoCluster.FromSecret(secret)!;
        Assert.That((cluster.Name, cluster.Server, cluster.Project), Is.EqualTo(("dev", "https://dev.example", string.Empty)));
        Assert.That(cluster.Labels["env"], Is.EqualTo("dev"));
        Assert.That(cluster.Annotations["a"], Is.EqualTo("b"));

        secret["metadata"]!["labels"]!["argocd.argoproj.io/secret-type"] = "repository";
        Assert.That(ArgoCluster.FromSecret(secret), Is.Null);
    }

    [Test]
    public void AnExternalsFileDeclaresClustersWithTheirErrorsNamingTheLine()
    {
        var declared = ExternalsFile.ParseDeclaration("""
            externals: []
            clusters:
              - name: hub
                server: https://kubernetes.default.svc
                labels: {environment: dev}
                annotations: {addons_repo_url: 'https://github.com/org/addons'}
            """, "ext.yaml");
        var hub = declared.Clusters.Single();
        Assert.That(hub.Labels, Does.ContainKey(ArgoCluster.SecretTypeLabel), "a declared cluster is a cluster Secret");
        Assert.That(hub.Annotations["addons_repo_url"], Is.EqualTo("https://github.com/org/addons"));

        var e = Assert.Throws<ScenarioException>(() => ExternalsFile.ParseDeclaration("""
            clusters:
              - {name: a, server: https://a.example}
              - {name: a, server: not a url}
              - {name: b}
            """, "ext.yaml"));
        var text = string.Join("\n", e!.Errors.Select(x => x.ToString()));
        Assert.That(text, Does.Contain("ext.yaml:3").And.Contain("declared twice"));
        Assert.That(text, Does.Contain("not an absolute URL"));
        Assert.That(text, Does.Contain("ext.yaml:4").And.Contain("server"));
    }
}
