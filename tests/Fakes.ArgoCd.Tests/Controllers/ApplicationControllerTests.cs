using k8s;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;
using PlatformValidation.Tests;
using static PlatformValidation.Fakes.ArgoCd.Tests.Support.Apps;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Controllers;

/// <summary>Automated and manual sync [ug/auto_sync; ARGOCD-SEMANTICS §2.1, §4.7, §5], driven through KubernetesClient.</summary>
[Category(TestCategories.Slow)]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public class ApplicationControllerTests
{
    private GitRepo repo = null!;
    private ArgoCdHarness h = null!;

    [SetUp]
    public async Task StartAsync()
    {
        repo = new GitRepo();
        repo.Write("apps/web/cm.yaml", ConfigMap("web-config"));
        repo.Write("apps/web/extra.yaml", ConfigMap("web-extra"));
        repo.Commit();
        h = await ArgoCdHarness.StartAsync(new Dictionary<string, string> { [ArgoCdHarness.RepoUrl] = repo.Directory });
    }

    [TearDown]
    public async Task StopAsync()
    {
        await h.DisposeAsync();
        repo.Dispose();
    }

    [Test]
    public async Task AutomatedAppSyncsAndBecomesSyncedHealthyWithAnnotationTracking()
    {
        var sha = repo.Commit("noop");
        await h.ApplyAppAsync(App("web", "apps/web"));
        var app = await h.WaitForAppAsync("web", ArgoCdHarness.SyncedHealthy, "Synced+Healthy");
        var cm = await h.Client.CoreV1.ReadNamespacedConfigMapAsync("web-config", "demo");
        Assert.Multiple(() =>
        {
            Assert.That(Str(app, "status", "sync", "revision"), Is.EqualTo(sha));
            Assert.That(cm.Metadata.Annotations["argocd.argoproj.io/tracking-id"], Is.EqualTo("web:/ConfigMap:demo/web-config"));
            Assert.That(cm.Metadata.Annotations, Does.ContainKey("kubectl.kubernetes.io/last-applied-configuration"));
            Assert.That(OpPhase(app), Is.EqualTo("Succeeded"));
            Assert.That(OpMessage(app), Is.EqualTo("successfully synced (all tasks run)"));
            Assert.That(app["status"]!["history"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(app["status"]!["operationState"]!["operation"]!["initiatedBy"]!["automated"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task ManualAppStaysOutOfSyncWithNothingDeployedUntilAnOperationSyncsIt()
    {
        await h.ApplyAppAsync(App("manual", "apps/web", syncPolicy: Manual));
        var app = await h.WaitForAppAsync("manual", a => SyncOf(a) == "OutOfSync", "OutOfSync");
        await h.Argo.WaitForQuiescenceAsync(TimeSpan.FromMilliseconds(500), TestTimeouts.Medium); // the controller is done with it: no sync started
        app = (await h.GetAppAsync("manual"))!;
        Assert.Multiple(async () =>
        {
            Assert.That(SyncOf(app), Is.EqualTo("OutOfSync"));
            Assert.That(HealthOf(app), Is.EqualTo("Missing"));
            Assert.That(app["status"]!["operationState"], Is.Null);
            Assert.That(await h.Client.TryReadConfigMapAsync("web-config", "demo"), Is.Null);
        });

        await h.Client.SyncAppAsync("manual");
        app = await h.WaitForAppAsync("manual", ArgoCdHarness.SyncedHealthy, "Synced after argocd app sync");
        Assert.Multiple(async () =>
        {
            Assert.That(await h.Client.TryReadConfigMapAsync("web-config", "demo"), Is.Not.Null);
            Assert.That(app["operation"], Is.Null, "operation is cleared on completion");
            Assert.That(Str(app, "status", "operationState", "operation", "initiatedBy", "username"), Is.EqualTo("admin"));
        });
    }

    [Test]
    public async Task ResourceRemovedFromGitIsPrunedOnlyWithPrune()
    {
        await h.ApplyAppAsync(App("noprune", "apps/web", syncPolicy: AutomatedNoPrune));
        await h.WaitForAppAsync("noprune", ArgoCdHarness.SyncedHealthy, "first sync");
        repo.Delete("apps/web/extra.yaml");
        repo.Commit("remove extra");

        // Extra resources are OutOfSync with requiresPruning even though prune is off [ARGOCD-SEMANTICS §2.1, §10].
        var app = await h.WaitForAppAsync("noprune", a => Resource(a, "ConfigMap", "web-extra")?["requiresPruning"]?.GetValue<bool>() == true, "requiresPruning");
        await h.Argo.WaitForQuiescenceAsync(TimeSpan.FromMilliseconds(500), TestTimeouts.Medium); // the controller is done with it: no prune ran
        app = (await h.GetAppAsync("noprune"))!;
        Assert.Multiple(async () =>
        {
            Assert.That(SyncOf(app), Is.EqualTo("OutOfSync"));
            Assert.That(await h.Client.TryReadConfigMapAsync("web-extra", "demo"), Is.Not.Null);
        });

        await h.Client.PatchAppAsync("noprune", System.Text.Json.Nodes.JsonNode.Parse("""{"spec":{"syncPolicy":{"automated":{"prune":true}}}}""")!.AsObject());
        await h.WaitForAppAsync("noprune", ArgoCdHarness.SyncedHealthy, "Synced after prune");
        Assert.That(await h.Client.TryReadConfigMapAsync("web-extra", "demo"), Is.Null);
    }

    [Test]
    public async Task SelfHealRevertsLiveDriftButPlainAutoSyncLeavesItOutOfSync()
    {
        await h.ApplyAppAsync(App("healing", "apps/web", ns: "heal"));
        await h.ApplyAppAsync(App("drifting", "apps/web", syncPolicy: AutomatedNoPrune, ns: "drift"));
        await h.WaitForAppAsync("healing", ArgoCdHarness.SyncedHealthy, "healing synced");
        await h.WaitForAppAsync("drifting", ArgoCdHarness.SyncedHealthy, "drifting synced");

        var drift = System.Text.Json.Nodes.JsonNode.Parse("""{"data":{"a":"changed"}}""")!.ToJsonString();
        await h.Client.CoreV1.PatchNamespacedConfigMapAsync(new k8s.Models.V1Patch(drift, k8s.Models.V1Patch.PatchType.MergePatch), "web-config", "heal");
        await h.Client.CoreV1.PatchNamespacedConfigMapAsync(new k8s.Models.V1Patch(drift, k8s.Models.V1Patch.PatchType.MergePatch), "web-config", "drift");

        await KubeExtensions.EventuallyAsync(async () => (await h.Client.CoreV1.ReadNamespacedConfigMapAsync("web-config", "heal")).Data["a"] == "1", "self-heal reverts the drift");
        var drifting = await h.WaitForAppAsync("drifting", a => SyncOf(a) == "OutOfSync", "drift detected");
        await h.Argo.WaitForQuiescenceAsync(TimeSpan.FromMilliseconds(500), TestTimeouts.Medium); // the controller is done with it: nothing reverted
        Assert.Multiple(async () =>
        {
            Assert.That((await h.Client.CoreV1.ReadNamespacedConfigMapAsync("web-config", "drift")).Data["a"], Is.EqualTo("changed"));
            Assert.That(SyncOf((await h.GetAppAsync("drifting"))!), Is.EqualTo("OutOfSync"));
        });
        var healing = await h.WaitForAppAsync("healing", ArgoCdHarness.SyncedHealthy, "healed");
        Assert.That(healing["status"]!["history"]!.AsArray(), Has.Count.EqualTo(1), "self-heal is a selective sync: no history entry");
    }

    [Test]
    public async Task NewCommitIsSyncedAutomatically()
    {
        await h.ApplyAppAsync(App("web", "apps/web"));
        await h.WaitForAppAsync("web", ArgoCdHarness.SyncedHealthy, "first sync");
        repo.Write("apps/web/cm.yaml", ConfigMap("web-config", "a: '2'"));
        var sha = repo.Commit("bump");
        await h.WaitForAppAsync("web", a => Str(a, "status", "sync", "revision") == sha && ArgoCdHarness.SyncedHealthy(a), "synced to the new commit");
        Assert.That((await h.Client.CoreV1.ReadNamespacedConfigMapAsync("web-config", "demo")).Data["a"], Is.EqualTo("2"));
    }

    [Test]
    public async Task TargetRevisionTagAndCommitAreHonoured()
    {
        repo.Write("apps/web/cm.yaml", ConfigMap("web-config", "a: 'v1'"));
        var v1 = repo.Commit("v1");
        repo.Tag("v1.0.0");
        repo.Write("apps/web/cm.yaml", ConfigMap("web-config", "a: 'v2'"));
        repo.Commit("v2");
        await h.ApplyAppAsync(App("tagged", "apps/web", revision: "v1.0.0", ns: "tag"));
        await h.ApplyAppAsync(App("pinned", "apps/web", revision: v1, ns: "sha"));
        await h.ApplyAppAsync(App("head", "apps/web", revision: "HEAD", ns: "head"));
        var tagged = await h.WaitForAppAsync("tagged", ArgoCdHarness.SyncedHealthy, "tag synced");
        await h.WaitForAppAsync("pinned", ArgoCdHarness.SyncedHealthy, "sha synced");
        await h.WaitForAppAsync("head", ArgoCdHarness.SyncedHealthy, "head synced");
        Assert.Multiple(async () =>
        {
            Assert.That(Str(tagged, "status", "sync", "revision"), Is.EqualTo(v1));
            Assert.That((await h.Client.CoreV1.ReadNamespacedConfigMapAsync("web-config", "tag")).Data["a"], Is.EqualTo("v1"));
            Assert.That((await h.Client.CoreV1.ReadNamespacedConfigMapAsync("web-config", "sha")).Data["a"], Is.EqualTo("v1"));
            Assert.That((await h.Client.CoreV1.ReadNamespacedConfigMapAsync("web-config", "head")).Data["a"], Is.EqualTo("v2"));
        });
    }
}
