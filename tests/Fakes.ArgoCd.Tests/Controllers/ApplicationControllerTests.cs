using k8s;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Controllers;

/// <summary>Application controller behaviour against an API server, driven through KubernetesClient only.</summary>
[Category(TestCategories.Slow)]
public class ApplicationControllerTests
{
    private static string App(string name, string path, string extraSpec = "", string project = "default", string ns = "demo", string revision = "HEAD") =>
        "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Application\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"argocd\"}," +
        "\"spec\":{\"project\":\"" + project + "\",\"source\":{\"repoURL\":\"" + ArgoCdHarness.RepoUrl + "\",\"path\":\"" + path + "\",\"targetRevision\":\"" + revision + "\"}," +
        "\"destination\":{\"server\":\"https://kubernetes.default.svc\",\"namespace\":\"" + ns + "\"}" + extraSpec + "}}";

    private const string Automated = ""","syncPolicy":{"automated":{"prune":true,"selfHeal":true},"syncOptions":["CreateNamespace=true"]}""";

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task AutomatedAppSyncsAndBecomesSyncedHealthy()
    {
        using var repo = new GitRepo();
        repo.Write("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  a: '1'\n");
        var sha = repo.Commit();
        await using var h = await ArgoCdHarness.StartAsync(new Dictionary<string, string> { [ArgoCdHarness.RepoUrl] = repo.Directory });
        await h.ApplyAppAsync(App("web", "apps/web", Automated));

        var app = await h.WaitForAppAsync("web", ArgoCdHarness.SyncedHealthy, "Synced+Healthy");
        var cm = await h.Client.CoreV1.ReadNamespacedConfigMapAsync("web-config", "demo");
        Assert.Multiple(() =>
        {
            Assert.That(app["status"]!["sync"]!["revision"]!.GetValue<string>(), Is.EqualTo(sha));
            Assert.That(cm.Metadata.Annotations["argocd.argoproj.io/tracking-id"], Is.EqualTo("web:/ConfigMap:demo/web-config"));
            Assert.That(app["status"]!["operationState"]!["phase"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
            Assert.That(app["status"]!["history"]!.AsArray(), Has.Count.EqualTo(1));
        });
    }
}
