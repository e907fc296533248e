using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Analyzers;

/// <summary>AppProject rules as Argo CD applies them [ARGOCD-SEMANTICS §8; docs/user-guide/projects.md].</summary>
public class ProjectRulesTests
{
    private static AppProject Project(string spec)
    {
        var manifest = TestApps.Load($"apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {{name: p, namespace: argocd}}\nspec:\n{spec}", "p.yaml").Single();
        return ArgoModelParser.ParseAppProject(manifest).Value!;
    }

    [Test]
    public void SourceReposUseGlobsWithDenyPatternsWinning()
    {
        var project = Project("  sourceRepos: ['https://github.com/org/*', '!https://github.com/org/secret*']\n");

        Assert.Multiple(() =>
        {
            Assert.That(ProjectRules.AllowsRepo(project, "https://github.com/org/platform.git"), Is.True);
            Assert.That(ProjectRules.AllowsRepo(project, "https://github.com/ORG/platform"), Is.True, "URLs are normalized");
            Assert.That(ProjectRules.AllowsRepo(project, "https://github.com/org/secret-stuff.git"), Is.False, "a deny pattern wins");
            Assert.That(ProjectRules.AllowsRepo(Project("  sourceRepos: ['https://github.com/org/*']\n"), "https://github.com/other/platform.git"), Is.False, "no allow pattern matches");
            Assert.That(ProjectRules.AllowsRepo(project, "https://github.com/other/platform.git"), Is.True, "upstream globMatch: a '!' pattern that does not match counts as a match (app_project_types.go)");
            Assert.That(ProjectRules.AllowsRepo(Project("  sourceRepos: ['https://github.com/org/*']\n"), "https://github.com/org/a/b.git"), Is.False, "'*' stays within one path segment");
        });
    }

    [Test]
    public void DestinationsMatchServerAndNamespaceAndHonourDenies()
    {
        var project = Project("  destinations:\n    - {server: https://kubernetes.default.svc, namespace: 'team-*'}\n    - {server: '*', namespace: '!team-secret'}\n");

        Assert.Multiple(() =>
        {
            Assert.That(ProjectRules.AllowsDestination(project, "https://kubernetes.default.svc", null, "team-a"), Is.True);
            Assert.That(ProjectRules.AllowsDestination(project, null, "in-cluster", "team-a"), Is.True, "the in-cluster name means the in-cluster server");
            Assert.That(ProjectRules.AllowsDestination(Project("  destinations:\n    - {server: https://kubernetes.default.svc, namespace: 'team-*'}\n"), "https://kubernetes.default.svc", null, "kube-system"), Is.False);
            Assert.That(ProjectRules.AllowsDestination(project, "https://kubernetes.default.svc", null, "kube-system"), Is.True, "upstream isDestinationMatched: '!team-secret' matches every other namespace");
            Assert.That(ProjectRules.AllowsDestination(project, "https://kubernetes.default.svc", null, "team-secret"), Is.False);
        });
    }

    [Test]
    public void EmptyClusterWhitelistAllowsNoClusterScopedKindButNamespacedKindsAreOpen()
    {
        var project = Project("  sourceRepos: ['*']\n");
        var restricted = Project("  namespaceResourceWhitelist: [{group: apps, kind: Deployment}]\n  namespaceResourceBlacklist: [{group: '', kind: Secret}]\n  clusterResourceWhitelist: [{group: '*', kind: Namespace}]\n");

        Assert.Multiple(() =>
        {
            Assert.That(ProjectRules.AllowsKind(project, "apiextensions.k8s.io", "CustomResourceDefinition", "x", namespaced: false), Is.False);
            Assert.That(ProjectRules.AllowsKind(project, string.Empty, "ConfigMap", "x", namespaced: true), Is.True);
            Assert.That(ProjectRules.AllowsKind(restricted, "apps", "Deployment", "x", namespaced: true), Is.True);
            Assert.That(ProjectRules.AllowsKind(restricted, string.Empty, "ConfigMap", "x", namespaced: true), Is.False);
            Assert.That(ProjectRules.AllowsKind(restricted, string.Empty, "Namespace", "x", namespaced: false), Is.True);
        });
    }
}
