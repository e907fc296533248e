using PlatformValidation.Fakes.ArgoCd.Sync;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Sync;

/// <summary>ARGOCD-SEMANTICS §4.1–4.2 [ge/sync/sync_tasks.go].</summary>
public class SyncOrderingTests
{
    private static SyncTask T(string apiVersion, string kind, string name, string? ns = "ns", int? wave = null, string? hook = null, bool prune = false, string? extra = null)
    {
        var o = Obj.Make(apiVersion, kind, name, ns, extra);
        var ann = new System.Text.Json.Nodes.JsonObject();
        if (wave is { } w)
        {
            ann["argocd.argoproj.io/sync-wave"] = w.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (hook is not null)
        {
            ann["argocd.argoproj.io/hook"] = hook;
        }

        o["metadata"]!["annotations"] = ann;
        var phase = SyncAnnotations.Phases(o)[0];
        return prune ? new SyncTask(phase, null, o) : new SyncTask(phase, o, null);
    }

    private static List<string> Order(params SyncTask[] tasks)
    {
        var list = tasks.ToList();
        SyncTaskOrdering.Sort(list);
        return list.Select(t => $"{t.Kind}/{t.Name}").ToList();
    }

    [Test]
    public void TasksSortByPhaseThenWaveThenKindThenName() =>
        Assert.That(
            Order(T("apps/v1", "Deployment", "b"), T("v1", "Service", "a"), T("batch/v1", "Job", "post", hook: "PostSync"), T("batch/v1", "Job", "pre", hook: "PreSync"), T("v1", "ConfigMap", "late", wave: 1), T("example.com/v1", "Widget", "w"), T("apps/v1", "Deployment", "a")),
            Is.EqualTo(new[] { "Job/pre", "Service/a", "Deployment/a", "Deployment/b", "Widget/w", "ConfigMap/late", "Job/post" }));

    [Test]
    public void NamespaceBubblesBeforeFirstResourceInItAndAdoptsItsWave()
    {
        var ns = T("v1", "Namespace", "ns", ns: null, wave: 5);
        var list = new List<SyncTask> { T("v1", "ConfigMap", "c", wave: -1), ns };
        SyncTaskOrdering.Sort(list);
        Assert.Multiple(() =>
        {
            Assert.That(list[0].Kind, Is.EqualTo("Namespace"));
            Assert.That(list[0].Wave, Is.EqualTo(-1));
        });
    }

    [Test]
    public void CrdBubblesBeforeItsFirstCustomResource()
    {
        var crd = T("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com", ns: null, wave: 3, extra: """{"spec":{"group":"example.com","names":{"kind":"Widget"}}}""");
        var list = new List<SyncTask> { T("example.com/v1", "Widget", "w", wave: 0), crd };
        SyncTaskOrdering.Sort(list);
        Assert.That(list.Select(t => t.Kind), Is.EqualTo(new[] { "CustomResourceDefinition", "Widget" }));
    }

    [Test]
    public void PruneWavesAreMirroredSoDeletionRunsInReverse()
    {
        var early = T("v1", "ConfigMap", "early", wave: -2, prune: true);
        var late = T("v1", "ConfigMap", "late", wave: 3, prune: true);
        var list = new List<SyncTask> { early, late };
        SyncTaskOrdering.AdjustPruneWaves(list, pruneLast: false);
        Assert.Multiple(() =>
        {
            Assert.That(early.Wave, Is.EqualTo(3));
            Assert.That(late.Wave, Is.EqualTo(-2));
        });
    }

    [Test]
    public void PruneLastMovesPrunesAfterTheLastSyncWave()
    {
        var prune = T("v1", "ConfigMap", "old", wave: 0, prune: true);
        var list = new List<SyncTask> { T("v1", "ConfigMap", "a", wave: 4), prune };
        SyncTaskOrdering.AdjustPruneWaves(list, pruneLast: true);
        Assert.That(prune.Wave, Is.EqualTo(5));
    }

    [Test]
    public void HookDeletePolicyDefaultsToBeforeHookCreation() =>
        Assert.That(SyncAnnotations.DeletePolicies(Obj.Make("batch/v1", "Job", "j", "ns")), Is.EqualTo(new[] { HookDeletePolicy.BeforeHookCreation }));

    [Test]
    public void HelmHooksMapToArgoPhasesOnlyWithoutArgoHookAnnotation()
    {
        var helm = Obj.Make("batch/v1", "Job", "j", "ns", """{"metadata":{"annotations":{"helm.sh/hook":"pre-install","helm.sh/hook-weight":"-3"}}}""");
        Assert.Multiple(() =>
        {
            Assert.That(SyncAnnotations.Phases(helm), Is.EqualTo(new[] { SyncPhase.PreSync }));
            Assert.That(SyncAnnotations.Wave(helm), Is.EqualTo(-3));
        });
    }

    [Test]
    public void KindsOutsideTheListSortAfterAllListedKinds() =>
        Assert.That(KindOrder.Of("Widget"), Is.GreaterThan(KindOrder.Of("APIService")));
}
