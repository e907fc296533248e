using k8s;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;
using static PlatformValidation.Fakes.ArgoCd.Tests.Support.Apps;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Controllers;

/// <summary>Waves, health gating, hooks and missing CRDs [ug/sync-waves; ARGOCD-SEMANTICS §4.2–4.4, §4.8].</summary>
public class SyncWaveTests : HarnessTest
{
    protected override void Seed(GitRepo repo)
    {
        repo.Write("waves/db.yaml", Deployment("db", annotations: "argocd.argoproj.io/sync-wave: '0'"));
        repo.Write("waves/app.yaml", ConfigMap("after-db", annotations: "argocd.argoproj.io/sync-wave: '1'"));
        repo.Write("crd-consumer/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec: {}\n");
        repo.Write("crd-consumer/cm.yaml", ConfigMap("consumer-config"));
        repo.Write("crd-provider/crd.yaml", WidgetCrd);
        repo.Write("crd-together/crd.yaml", WidgetCrd.Replace("name: widgets.example.com", "name: widgets.example.com\n  annotations:\n    argocd.argoproj.io/sync-wave: '5'", StringComparison.Ordinal));
        repo.Write("crd-together/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w2\nspec: {}\n");
        repo.Write("hooks/cm.yaml", ConfigMap("hooked"));
        repo.Write("hooks/presync.yaml", ConfigMap("pre-hook", annotations: "argocd.argoproj.io/hook: PreSync;argocd.argoproj.io/hook-delete-policy: HookSucceeded"));
        repo.Write("hooks/postsync.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: post-job\n  annotations:\n    argocd.argoproj.io/hook: PostSync\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n");
    }

    private const string WidgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    [Test]
    public async Task LaterWaveWaitsUntilEarlierWaveIsHealthy()
    {
        await H.ApplyAppAsync(App("waves", "waves"));
        var app = await H.WaitForAppAsync("waves", a => OpMessage(a)?.StartsWith("waiting for healthy state of apps/Deployment/db", StringComparison.Ordinal) == true || ArgoCdHarness.SyncedHealthy(a), "the operation waits on the wave-0 Deployment");
        if (!ArgoCdHarness.SyncedHealthy(app))
        {
            Assert.That(await H.Client.TryReadConfigMapAsync("after-db", "demo"), Is.Null, "wave 1 is not applied while wave 0 is Progressing");
        }

        await H.WaitForAppAsync("waves", ArgoCdHarness.SyncedHealthy, "Synced+Healthy once the Deployment is available");
        var db = await H.Client.AppsV1.ReadNamespacedDeploymentAsync("db", "demo");
        var cm = await H.Client.CoreV1.ReadNamespacedConfigMapAsync("after-db", "demo");
        Assert.That(cm.Metadata.CreationTimestamp, Is.GreaterThanOrEqualTo(db.Metadata.CreationTimestamp!.Value));
    }

    [Test]
    public async Task CustomResourceWithoutItsCrdFailsValidationAndAppliesNothing()
    {
        await H.ApplyAppAsync(App("consumer", "crd-consumer", syncPolicy: Manual));
        await H.WaitForAppAsync("consumer", a => SyncOf(a) == "OutOfSync", "compared");
        await H.Client.SyncAppAsync("consumer");
        var app = await H.WaitForAppAsync("consumer", a => OpPhase(a) == "Failed", "the sync fails");
        var widget = app["status"]!["operationState"]!["syncResult"]!["resources"]!.AsArray().First(r => Str(r, "kind") == "Widget")!;
        Assert.Multiple(async () =>
        {
            Assert.That(OpMessage(app), Does.StartWith("one or more synchronization tasks are not valid"));
            Assert.That(Str(widget, "status"), Is.EqualTo("SyncFailed"));
            Assert.That(Str(widget, "message"), Is.EqualTo("The Kubernetes API could not find example.com/Widget for requested resource demo/w1. Make sure the \"Widget\" CRD is installed on the destination cluster."));
            Assert.That(await H.Client.TryReadConfigMapAsync("consumer-config", "demo"), Is.Null, "nothing is applied when validation fails");
        });
    }

    [Test]
    public async Task SkipDryRunOnMissingResourceDefersTheFailureToApplyTime()
    {
        await H.ApplyAppAsync(App("consumer", "crd-consumer", syncPolicy: "{\"syncOptions\":[\"CreateNamespace=true\",\"SkipDryRunOnMissingResource=true\"]}"));
        await H.WaitForAppAsync("consumer", a => SyncOf(a) == "OutOfSync", "compared");
        await H.Client.SyncAppAsync("consumer");
        var app = await H.WaitForAppAsync("consumer", a => OpPhase(a) is "Failed" or "Succeeded", "the sync ends");
        Assert.Multiple(async () =>
        {
            // gitops-engine: the wave's ConfigMap was still Running when the Widget failed, so the failure is reported
            // on the next iteration as "completed unsuccessfully" with kubectl's apply error as the reason.
            Assert.That(OpPhase(app), Is.EqualTo("Failed"));
            Assert.That(OpMessage(app), Does.Contain("no matches for kind \"Widget\" in version \"example.com/v1\""));
            Assert.That(await H.Client.TryReadConfigMapAsync("consumer-config", "demo"), Is.Not.Null, "validation passed, so the ConfigMap was applied");
        });

        // Once the provider installs the CRD, the next sync succeeds.
        await H.ApplyAppAsync(App("provider", "crd-provider"));
        await H.WaitForAppAsync("provider", ArgoCdHarness.SyncedHealthy, "CRD installed");
        await H.Client.SyncAppAsync("consumer");
        await H.WaitForAppAsync("consumer", a => OpPhase(a) == "Succeeded" && SyncOf(a) == "Synced", "second sync succeeds");
    }

    [Test]
    public async Task CrdInTheSameAppIsAppliedBeforeItsCustomResourcesWhateverTheWave()
    {
        await H.ApplyAppAsync(App("together", "crd-together"));
        var app = await H.WaitForAppAsync("together", ArgoCdHarness.SyncedHealthy, "Synced+Healthy");
        var order = app["status"]!["operationState"]!["syncResult"]!["resources"]!.AsArray().Select(r => Str(r, "kind")).ToList();
        Assert.That(order.IndexOf("CustomResourceDefinition"), Is.LessThan(order.IndexOf("Widget")));
    }

    [Test]
    public async Task HooksRunInTheirPhasesAndHookSucceededHooksAreDeletedAtTheEnd()
    {
        await H.ApplyAppAsync(App("hooks", "hooks"));
        var app = await H.WaitForAppAsync("hooks", ArgoCdHarness.SyncedHealthy, "Synced+Healthy");
        var results = app["status"]!["operationState"]!["syncResult"]!["resources"]!.AsArray();
        var pre = results.First(r => Str(r, "name") == "pre-hook")!;
        var post = results.First(r => Str(r, "name") == "post-job")!;
        Assert.Multiple(async () =>
        {
            Assert.That(Str(pre, "hookType"), Is.EqualTo("PreSync"));
            Assert.That(Str(post, "hookType"), Is.EqualTo("PostSync"));
            Assert.That(Str(post, "hookPhase"), Is.EqualTo("Succeeded"), "the PostSync Pod ran to completion before the operation succeeded");
            Assert.That(await H.Client.TryReadConfigMapAsync("pre-hook", "demo"), Is.Null, "HookSucceeded deletes the hook");
            Assert.That(Resource(app, "ConfigMap", "pre-hook")?["hook"]?.GetValue<bool>(), Is.True);
            Assert.That(SyncOf(app), Is.EqualTo("Synced"), "hooks do not count toward sync status");
        });
    }
}
