using System.Text.Json.Nodes;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Argo.Projects;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Argo;

/// <summary>
/// The AppProject policy both the static analyzers (a project parsed from Git, through <see cref="ProjectRules"/>) and
/// the simulated Argo CD (a project's spec read from the cluster, through <see cref="ProjectPolicy.FromSpec"/>) run.
/// Every case is asked both ways and must agree with Argo CD's answer (cases from upstream's
/// pkg/apis/application/v1alpha1/types_test.go TestAppProject_IsNegated*Permitted, plus scp URLs and braces).
/// </summary>
public class ProjectPolicyTests
{
    private static (AppProject Parsed, ProjectPolicy FromSpec) Both(JsonObject spec)
    {
        var yaml = $"apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {{name: p, namespace: argocd}}\nspec: {spec.ToJsonString()}\n";
        var manifest = TestApps.Load(yaml, "p.yaml").Single();
        return (ArgoModelParser.ParseAppProject(manifest).Value!, ProjectPolicy.FromSpec("p", spec));
    }

    private static JsonObject Sources(params string[] repos) => new() { ["sourceRepos"] = new JsonArray(repos.Select(r => (JsonNode)r).ToArray()) };

    // Upstream's negated-source table.
    [TestCase("!https://github.com/argoproj/test.git", "https://github.com/argoproj/test.git", false)]
    [TestCase("!ssh://git@GITHUB.com:argoproj/test", "ssh://git@github.com:argoproj/test", false)]
    [TestCase("!https://github.com/argoproj/*", "https://github.com/argoproj/argoproj.git", false)]
    [TestCase("https://github.com/test1/test.git|!https://github.com/test2/test.git", "https://github.com/test2/test.git", false)]
    [TestCase("!https://github.com/argoproj/foo*", "https://github.com/argoproj/foo1", false)]
    [TestCase("!https://gitlab.com/group/*/*", "https://gitlab.com/group/repo/owner", false)]
    [TestCase("!https://gitlab.com/group/*/*/*", "https://gitlab.com/group/sub-group/repo/owner", false)]
    [TestCase("!https://gitlab.com/group/**", "https://gitlab.com/group/sub-group/repo/owner", false)]
    [TestCase("*", "https://github.com/argoproj/test.git", true)]
    [TestCase("https://github.com/argoproj/test1.git|*", "https://github.com/argoproj/test2.git", true)]
    [TestCase("!https://github.com/argoproj/*.git|*", "https://github.com/argoproj1/test2.git", true)]
    // A deny pattern that does not match counts as a match (upstream globMatch), so a deny-only list allows the rest.
    [TestCase("!https://github.com/argoproj/secret", "https://github.com/argoproj/other", true)]
    // scp-style SSH URLs normalize to the ssh:// form (util/git NormalizeGitURL), in patterns and in sources.
    [TestCase("git@github.com:org/platform.git", "ssh://git@github.com/org/platform", true)]
    [TestCase("ssh://git@github.com/org/*", "git@github.com:org/apps.git", true)]
    [TestCase("*|!git@github.com:org/secret", "ssh://git@github.com/org/secret.git", false)]
    [TestCase("https://github.com/org/*", "git@github.com:org/apps.git", false)]
    // {a,b} alternation.
    [TestCase("https://github.com/org/{platform,apps}", "https://github.com/org/apps.git", true)]
    [TestCase("https://github.com/org/{platform,apps}", "https://github.com/org/other", false)]
    [TestCase("*|!https://github.com/org/{secret,private}*", "https://github.com/org/private-x", false)]
    public void SourceReposAgreeWithArgoCd(string patterns, string repoUrl, bool expected)
    {
        var (parsed, fromSpec) = Both(Sources(patterns.Split('|')));

        Assert.Multiple(() =>
        {
            Assert.That(ProjectRules.AllowsRepo(parsed, repoUrl), Is.EqualTo(expected), "static side");
            Assert.That(fromSpec.IsSourcePermitted(repoUrl), Is.EqualTo(expected), "simulated Argo CD side");
        });
    }

    // Upstream's negated-destination table: "server;name;namespace" entries separated by '|'.
    [TestCase("!https://kubernetes.default.svc;;default", "https://kubernetes.default.svc", "", "default", false)]
    [TestCase("https://kubernetes.default.svc;;!default", "https://kubernetes.default.svc", "", "kube-system", true)]
    [TestCase("!https://my-cluster;;default", "https://kubernetes.default.svc", "", "default", true)]
    [TestCase("!https://kubernetes.default.svc;;*", "https://kubernetes.default.svc", "", "kube-system", false)]
    [TestCase("!https://*.default.svc;;default", "https://kubernetes.default.svc", "", "default", false)]
    [TestCase("!https://team1-*;;default", "https://test2-dev-cluster", "", "default", true)]
    [TestCase("https://kubernetes.default.svc;;!test-*", "https://kubernetes.default.svc", "", "test-foo", false)]
    [TestCase("https://kubernetes.default.svc;;!test-*", "https://kubernetes.default.svc", "", "test", true)]
    [TestCase(";!test;*", "", "test", "test", false)]
    [TestCase(";!test2;*", "", "test", "test", true)]
    [TestCase("*;;kube-system|*;;!kube-system", "https://kubernetes.default.svc", "", "kube-system", false)]
    [TestCase("*;;*|*;;!kube-system", "https://kubernetes.default.svc", "", "kube-system", false)]
    [TestCase("https://kubernetes.default.svc;;*|!https://kubernetes.default.svc;;*", "https://kubernetes.default.svc", "", "kube-system", false)]
    [TestCase("*;;*|!https://kubernetes.default.svc;;kube-system", "https://kubernetes.default.svc", "", "kube-system", false)]
    [TestCase("*;;*|!https://kubernetes.default.svc;;kube-system|*;;!kube-system", "https://kubernetes.default.svc", "", "default", true)]
    [TestCase("*;;*|!https://kubernetes.default.svc;;kube-system|*;;!kube-system", "https://test-dev-cluster", "", "kube-system", false)]
    [TestCase(";test;*|;!test;*", "", "test", "test", false)]
    [TestCase("*;;test|!https://test-server;;other", "https://test-server", "", "test", true)]
    [TestCase("*;;*|https://test-server;;!other", "https://other-test-server", "", "other", true)]
    // The in-cluster name and server stand for each other; braces work in namespaces.
    [TestCase("https://kubernetes.default.svc;;{dev,prod}", "", "in-cluster", "prod", true)]
    [TestCase("https://kubernetes.default.svc;;{dev,prod}", "", "in-cluster", "test", false)]
    public void DestinationsAgreeWithArgoCd(string entries, string server, string name, string ns, bool expected)
    {
        var destinations = new JsonArray();
        foreach (var entry in entries.Split('|'))
        {
            var parts = entry.Split(';');
            var d = new JsonObject { ["namespace"] = parts[2] };
            if (parts[0].Length > 0)
            {
                d["server"] = parts[0];
            }

            if (parts[1].Length > 0)
            {
                d["name"] = parts[1];
            }

            destinations.Add(d);
        }

        var (parsed, fromSpec) = Both(new JsonObject { ["destinations"] = destinations });
        var s = server.Length == 0 ? null : server;
        var n = name.Length == 0 ? null : name;

        Assert.Multiple(() =>
        {
            Assert.That(ProjectRules.AllowsDestination(parsed, s, n, ns), Is.EqualTo(expected), "static side");
            Assert.That(fromSpec.IsDestinationPermitted(s, n, ns), Is.EqualTo(expected), "simulated Argo CD side");
        });
    }

    // IsGroupKindNamePermitted with filepath.Match on group, kind and (cluster-scoped only) name.
    [TestCase("{\"clusterResourceWhitelist\":[{\"group\":\"\",\"kind\":\"Namespace\",\"name\":\"team1-*\"}]}", "", "Namespace", "team1-a", false, true)]
    [TestCase("{\"clusterResourceWhitelist\":[{\"group\":\"\",\"kind\":\"Namespace\",\"name\":\"team1-*\"}]}", "", "Namespace", "team2-a", false, false)]
    [TestCase("{\"clusterResourceWhitelist\":[{\"group\":\"*\",\"kind\":\"*\"}],\"clusterResourceBlacklist\":[{\"group\":\"\",\"kind\":\"Namespace\",\"name\":\"kube-*\"}]}", "", "Namespace", "kube-system", false, false)]
    [TestCase("{\"clusterResourceWhitelist\":[{\"group\":\"*\",\"kind\":\"*\"}],\"clusterResourceBlacklist\":[{\"group\":\"\",\"kind\":\"Namespace\",\"name\":\"kube-*\"}]}", "", "Namespace", "team", false, true)]
    [TestCase("{\"clusterResourceWhitelist\":[]}", "", "Namespace", "x", false, false)]
    [TestCase("{\"namespaceResourceWhitelist\":[]}", "", "ConfigMap", "x", true, false)]
    [TestCase("{\"namespaceResourceBlacklist\":[{\"group\":\"*.k8s.io\",\"kind\":\"*\"}]}", "networking.k8s.io", "NetworkPolicy", "x", true, false)]
    [TestCase("{\"namespaceResourceWhitelist\":[{\"group\":\"apps\",\"kind\":\"[\"}]}", "apps", "[", "x", true, false)]
    public void KindsAgreeWithArgoCd(string spec, string group, string kind, string objectName, bool namespaced, bool expected)
    {
        var (parsed, fromSpec) = Both(JsonNode.Parse(spec)!.AsObject());

        Assert.Multiple(() =>
        {
            Assert.That(ProjectRules.AllowsKind(parsed, group, kind, objectName, namespaced), Is.EqualTo(expected), "static side");
            Assert.That(fromSpec.IsGroupKindPermitted(group, kind, objectName, namespaced), Is.EqualTo(expected), "simulated Argo CD side");
        });
    }

    [TestCase("git@github.com:org/repo.git", "git@github.com/org/repo")]
    [TestCase("ssh://git@github.com/org/repo.git", "git@github.com/org/repo")]
    [TestCase("  HTTPS://GitHub.com/Org/Repo.git ", "https://github.com/org/repo")]
    [TestCase("https://github.com/org/repo/", "https://github.com/org/repo/")]
    public void RepoUrlsNormalizeAsNormalizeGitUrl(string url, string expected) =>
        Assert.That(RepoUrl.NormalizeGitUrl(url), Is.EqualTo(expected));

    [Test]
    public void AUrlWithANonNumericPortDoesNotParse() =>
        Assert.That(RepoUrl.NormalizeGitUrl("ssh://git@github.com:argoproj/test"), Is.Null);
}
