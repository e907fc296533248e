using k8s;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;
using static PlatformValidation.Fakes.ArgoCd.Tests.Support.Apps;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Controllers;

/// <summary>Deletion and app-of-apps pruning [ug/app_deletion; ARGOCD-SEMANTICS §6].</summary>
public class DeletionTests : HarnessTest
{
    private const string Finalizer = "[\"resources-finalizer.argocd.argoproj.io\"]";

    protected override void Seed(GitRepo repo)
    {
        repo.Write("workload/cm.yaml", ConfigMap("workload-config"));
        repo.Write("workload/late.yaml", ConfigMap("workload-late", annotations: "argocd.argoproj.io/sync-wave: '3'"));
        repo.Write("workload/keep.yaml", ConfigMap("workload-keep", annotations: "argocd.argoproj.io/sync-options: Delete=false"));
        repo.Write("children/a.yaml", App("child-a", "workload", ns: "child-a", finalizers: Finalizer));
        repo.Write("children/b.yaml", App("child-b", "workload", ns: "child-b", finalizers: Finalizer));
    }

    [Test]
    public async Task ResourcesFinalizerCascadesExceptDeleteFalse()
    {
        await H.ApplyAppAsync(App("cascade", "workload", ns: "cascade", finalizers: Finalizer));
        await H.WaitForAppAsync("cascade", ArgoCdHarness.SyncedHealthy, "synced");
        await H.Client.DeleteAppAsync("cascade");
        await KubeExtensions.EventuallyAsync(async () => await H.GetAppAsync("cascade") is null, "the Application is gone after its cascade");
        Assert.Multiple(async () =>
        {
            Assert.That(await H.Client.TryReadConfigMapAsync("workload-config", "cascade"), Is.Null);
            Assert.That(await H.Client.TryReadConfigMapAsync("workload-late", "cascade"), Is.Null);
            Assert.That(await H.Client.TryReadConfigMapAsync("workload-keep", "cascade"), Is.Not.Null, "Delete=false keeps the resource");
        });
    }

    [Test]
    public async Task DeletingWithoutTheFinalizerOrphansResources()
    {
        await H.ApplyAppAsync(App("orphaning", "workload", ns: "orphan"));
        await H.WaitForAppAsync("orphaning", ArgoCdHarness.SyncedHealthy, "synced");
        await H.Client.DeleteAppAsync("orphaning");
        await KubeExtensions.EventuallyAsync(async () => await H.GetAppAsync("orphaning") is null, "the Application is gone");
        var cm = await H.Client.TryReadConfigMapAsync("workload-config", "orphan");
        Assert.That(cm?.Metadata.Annotations["argocd.argoproj.io/tracking-id"], Is.EqualTo("orphaning:/ConfigMap:orphan/workload-config"), "orphaned resources keep their tracking metadata");
    }

    [Test]
    public async Task ChildRemovedFromGitUnderAPruningRootIsDeletedWithItsWorkloads()
    {
        await H.ApplyAppAsync(App("root", "children", ns: "argocd"));
        await H.WaitForAppAsync("root", ArgoCdHarness.SyncedHealthy, "root synced");
        await H.WaitForAppAsync("child-a", ArgoCdHarness.SyncedHealthy, "child-a synced");
        await H.WaitForAppAsync("child-b", ArgoCdHarness.SyncedHealthy, "child-b synced");
        var keptUid = (await H.Client.CoreV1.ReadNamespacedConfigMapAsync("workload-config", "child-a")).Metadata.Uid;

        Repo.Delete("children/b.yaml");
        Repo.Commit("remove child-b");
        await KubeExtensions.EventuallyAsync(async () => await H.GetAppAsync("child-b") is null, "child-b is pruned");
        await H.WaitForAppAsync("root", a => ArgoCdHarness.SyncedHealthy(a) && Resource(a, "Application", "child-b") is null, "root settles");
        Assert.Multiple(async () =>
        {
            Assert.That(await H.Client.TryReadConfigMapAsync("workload-config", "child-b"), Is.Null, "the child's finalizer cascades to its workloads");
            Assert.That((await H.Client.CoreV1.ReadNamespacedConfigMapAsync("workload-config", "child-a")).Metadata.Uid, Is.EqualTo(keptUid), "the other child is untouched");
        });
    }
}
