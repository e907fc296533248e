using PlatformValidation.Fakes.ArgoCd.Projects;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Projects;

/// <summary>ARGOCD-SEMANTICS §8 [ug/projects; app_project_types.go].</summary>
public class AppProjectPolicyTests
{
    private static AppProjectPolicy P(string spec) => new("platform", Obj.Parse(spec));

    [Test]
    public void SourceRepoNeedsAnAllowAndNoDenyPattern()
    {
        var p = P("""{"sourceRepos":["https://github.com/org/*","!https://github.com/org/secret"]}""");
        Assert.Multiple(() =>
        {
            Assert.That(p.IsSourcePermitted("https://github.com/org/platform.git"), Is.True);
            Assert.That(p.IsSourcePermitted("https://github.com/org/secret"), Is.False);
            Assert.That(P("""{"sourceRepos":["https://github.com/org/*"]}""").IsSourcePermitted("https://github.com/other/x"), Is.False);
            Assert.That(p.IsSourcePermitted("https://github.com/other/x"), Is.True, "upstream globMatch: a '!' pattern that does not match counts as a match");
            Assert.That(p.SourceDeniedMessage("https://x"), Is.EqualTo("application repo https://x is not permitted in project 'platform'"));
        });
    }

    [Test]
    public void EmptyClusterWhitelistDeniesEveryClusterScopedKind()
    {
        var p = P("""{"sourceRepos":["*"]}""");
        Assert.Multiple(() =>
        {
            Assert.That(p.IsGroupKindPermitted("", "Namespace", "x", namespaced: false), Is.False);
            Assert.That(p.IsGroupKindPermitted("apps", "Deployment", "x", namespaced: true), Is.True, "no namespaced whitelist allows all");
        });
    }

    [Test]
    public void ExplicitEmptyNamespacedWhitelistDeniesAllAndBlacklistBeatsWhitelist()
    {
        Assert.That(P("""{"namespaceResourceWhitelist":[]}""").IsGroupKindPermitted("", "ConfigMap", "c", namespaced: true), Is.False);
        var p = P("""{"clusterResourceWhitelist":[{"group":"*","kind":"*"}],"clusterResourceBlacklist":[{"group":"","kind":"Namespace"}]}""");
        Assert.That(p.IsGroupKindPermitted("", "Namespace", "x", namespaced: false), Is.False);
        Assert.That(AppProjectPolicy.ResourceDeniedMessage("", "Namespace", "platform"), Is.EqualTo("resource :Namespace is not permitted in project platform"));
    }

    [Test]
    public void DestinationMustMatchServerAndNamespace()
    {
        var p = P("""{"destinations":[{"server":"https://kubernetes.default.svc","namespace":"team-*"},{"server":"*","namespace":"!kube-system"}]}""");
        Assert.Multiple(() =>
        {
            Assert.That(p.IsDestinationPermitted("https://kubernetes.default.svc", null, "team-a"), Is.True);
            Assert.That(p.IsDestinationPermitted("https://kubernetes.default.svc", null, "kube-system"), Is.False);
            Assert.That(p.DestinationDeniedMessage("https://kubernetes.default.svc", "x"), Is.EqualTo("application destination server 'https://kubernetes.default.svc' and namespace 'x' do not match any of the allowed destinations in project 'platform'"));
        });
    }

    [Test]
    public void DefaultProjectAllowsEverything()
    {
        var p = new AppProjectPolicy("default", AppProjectPolicy.DefaultProjectSpec());
        Assert.Multiple(() =>
        {
            Assert.That(p.IsSourcePermitted("https://anything"), Is.True);
            Assert.That(p.IsDestinationPermitted("https://kubernetes.default.svc", null, "any"), Is.True);
            Assert.That(p.IsGroupKindPermitted("", "Namespace", "x", namespaced: false), Is.True);
        });
    }
}
