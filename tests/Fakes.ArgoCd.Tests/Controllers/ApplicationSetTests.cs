using k8s;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;
using static PlatformValidation.Fakes.ArgoCd.Tests.Support.Apps;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Controllers;

/// <summary>ApplicationSet controller [as/*; ARGOCD-SEMANTICS §7]: git files generator over a groups file.</summary>
public class ApplicationSetTests : HarnessTest
{
    private const string Groups = "- group: a\n  app: app-a\n  enabled: true\n- group: b\n  app: app-b\n  enabled: true\n";

    private static string AppSet(string policy = "sync") => """
        {"apiVersion":"argoproj.io/v1alpha1","kind":"ApplicationSet","metadata":{"name":"layer","namespace":"argocd"},
         "spec":{"generators":[{"git":{"repoURL":"__REPO__","revision":"HEAD","files":[{"path":"groups.yaml"}]},"selector":{"matchLabels":{"enabled":"true"}}}],
                 "syncPolicy":{"applicationsSync":"__POLICY__"},
                 "template":{"metadata":{"name":"{{app}}"},
                             "spec":{"project":"default","source":{"repoURL":"__REPO__","path":"workload","targetRevision":"HEAD"},
                                     "destination":{"server":"https://kubernetes.default.svc","namespace":"{{app}}"},
                                     "syncPolicy":{"automated":{"prune":true},"syncOptions":["CreateNamespace=true"]}}}}}
        """.Replace("__REPO__", ArgoCdHarness.RepoUrl, StringComparison.Ordinal).Replace("__POLICY__", policy, StringComparison.Ordinal);

    protected override void Seed(GitRepo repo)
    {
        repo.Write("groups.yaml", Groups);
        repo.Write("workload/cm.yaml", ConfigMap("workload-config"));
    }

    [Test]
    public async Task DisablingAGroupDeletesExactlyItsApplicationAndCascadesToItsWorkloads()
    {
        await H.ApplyAppAsync(AppSet());
        var a = await H.WaitForAppAsync("app-a", ArgoCdHarness.SyncedHealthy, "app-a generated and synced");
        await H.WaitForAppAsync("app-b", ArgoCdHarness.SyncedHealthy, "app-b generated and synced");
        Assert.Multiple(() =>
        {
            Assert.That(Str(a["metadata"]!["ownerReferences"]![0], "kind"), Is.EqualTo("ApplicationSet"));
            Assert.That(a["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()), Does.Contain("resources-finalizer.argocd.argoproj.io"), "finalizer injected");
        });

        Repo.Write("groups.yaml", Groups.Replace("app: app-b\n  enabled: true", "app: app-b\n  enabled: false", StringComparison.Ordinal));
        Repo.Commit("disable b");
        await KubeExtensions.EventuallyAsync(async () => await H.GetAppAsync("app-b") is null, "app-b deleted");
        Assert.Multiple(async () =>
        {
            Assert.That(await H.Client.TryReadConfigMapAsync("workload-config", "app-b"), Is.Null, "its workloads were cascade-deleted");
            Assert.That(await H.GetAppAsync("app-a"), Is.Not.Null);
            Assert.That(await H.Client.TryReadConfigMapAsync("workload-config", "app-a"), Is.Not.Null);
        });
    }

    [Test]
    public async Task CreateOnlyPolicyNeverDeletesApplications()
    {
        await H.ApplyAppAsync(AppSet("create-only"));
        await H.WaitForAppAsync("app-b", ArgoCdHarness.SyncedHealthy, "app-b generated");
        // The same commit adds group c: once app-c exists the controller has applied this revision (create-only still creates).
        Repo.Write("groups.yaml", Groups.Replace("app: app-b\n  enabled: true", "app: app-b\n  enabled: false", StringComparison.Ordinal) + "- group: c\n  app: app-c\n  enabled: true\n");
        Repo.Commit("disable b, add c");
        await KubeExtensions.EventuallyAsync(async () => await H.GetAppAsync("app-c") is not null, "app-c generated from the new revision");
        await H.Argo.WaitForQuiescenceAsync(TimeSpan.FromMilliseconds(500), PlatformValidation.Tests.TestTimeouts.Medium); // that reconcile, deletions included, is over
        var b = await H.GetAppAsync("app-b");
        Assert.That(b, Is.Not.Null);
        Assert.That(b!["metadata"]?["deletionTimestamp"], Is.Null, "not being deleted either");
    }

    [Test]
    public async Task GeneratorErrorChangesNothingAndReportsErrorOccurred()
    {
        await H.ApplyAppAsync(AppSet());
        await H.WaitForAppAsync("app-a", ArgoCdHarness.SyncedHealthy, "app-a generated");
        Repo.Write("groups.yaml", "- group: [broken\n");
        Repo.Commit("break the groups file");
        var set = await H.WaitForAppAsync("layer", s => s["status"]?["conditions"]?.AsArray().Any(c => Str(c, "type") == "ErrorOccurred" && Str(c, "status") == "True") == true, "ErrorOccurred", plural: "applicationsets");
        Assert.That(await H.GetAppAsync("app-a"), Is.Not.Null, "no Application is deleted while generation fails");
    }

    [Test]
    public async Task AClusterSecretThatMatchesTheSelectorGeneratesAnApplicationAndItsRemovalDeletesIt()
    {
        const string Set = """
            {"apiVersion":"argoproj.io/v1alpha1","kind":"ApplicationSet","metadata":{"name":"fleet","namespace":"argocd"},
             "spec":{"generators":[{"clusters":{"selector":{"matchLabels":{"env":"prod"}}}}],
                     "template":{"metadata":{"name":"fleet-{{name}}"},
                                 "spec":{"project":"default","source":{"repoURL":"__REPO__","path":"workload","targetRevision":"HEAD"},
                                         "destination":{"server":"{{server}}","namespace":"fleet-{{metadata.labels.env}}"},
                                         "syncPolicy":{"automated":{},"syncOptions":["CreateNamespace=true"]}}}}}
            """;
        await H.ApplyAppAsync(Set.Replace("__REPO__", ArgoCdHarness.RepoUrl, StringComparison.Ordinal));
        await H.WaitForAppAsync("fleet", s => s["status"]?["conditions"] is not null, "the set reconciled once", plural: "applicationsets");
        Assert.That(await H.GetAppAsync("fleet-prod"), Is.Null, "no cluster Secret yet: the selector matches nothing (not even in-cluster)");

        var secret = new k8s.Models.V1Secret
        {
            Metadata = new k8s.Models.V1ObjectMeta
            {
                Name = "cluster-prod",
                NamespaceProperty = "argocd",
                Labels = new Dictionary<string, string> { ["argocd.argoproj.io/secret-type"] = "cluster", ["env"] = "prod" },
            },
            StringData = new Dictionary<string, string> { ["name"] = "prod", ["server"] = "https://kubernetes.default.svc" },
        };
        await H.Client.CoreV1.CreateNamespacedSecretAsync(secret, "argocd");
        var app = await H.WaitForAppAsync("fleet-prod", ArgoCdHarness.SyncedHealthy, "generated for the registered cluster and synced");
        Assert.That(Str(app["spec"]!["destination"], "namespace"), Is.EqualTo("fleet-prod"), "the Secret's labels are parameters");
        Assert.That(await H.Client.TryReadConfigMapAsync("workload-config", "fleet-prod"), Is.Not.Null);

        await H.Client.CoreV1.DeleteNamespacedSecretAsync("cluster-prod", "argocd");
        await KubeExtensions.EventuallyAsync(async () => await H.GetAppAsync("fleet-prod") is null, "the cluster is gone, so is its Application");
    }
}
