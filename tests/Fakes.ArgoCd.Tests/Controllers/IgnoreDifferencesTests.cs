using k8s;
using k8s.Models;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;
using static PlatformValidation.Fakes.ArgoCd.Tests.Support.Apps;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Controllers;

/// <summary>ignoreDifferences + RespectIgnoreDifferences on a replicas-owned workload [ug/diffing; ug/sync-options].</summary>
public class IgnoreDifferencesTests : HarnessTest
{
    protected override void Seed(GitRepo repo)
    {
        repo.Write("scaled/deploy.yaml", Deployment("model", replicas: 0));
        repo.Write("scaled/cm.yaml", ConfigMap("model-config"));
    }

    [Test]
    public async Task HandScaleUpOfAReplicasIgnoredWorkloadSurvivesHardRefreshAndSync()
    {
        const string ignore = "{\"ignoreDifferences\":[{\"group\":\"apps\",\"kind\":\"Deployment\",\"jsonPointers\":[\"/spec/replicas\"]}]}";
        await H.ApplyAppAsync(App("model", "scaled", syncPolicy: "{\"syncOptions\":[\"CreateNamespace=true\",\"RespectIgnoreDifferences=true\"]}", extraSpec: ignore));
        await H.WaitForAppAsync("model", a => SyncOf(a) == "OutOfSync", "compared");
        await H.Client.SyncAppAsync("model");
        await H.WaitForAppAsync("model", ArgoCdHarness.SyncedHealthy, "synced at replicas 0");

        await H.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":2}}", V1Patch.PatchType.MergePatch), "model", "demo");
        await H.Client.PatchAppAsync("model", System.Text.Json.Nodes.JsonNode.Parse("{\"metadata\":{\"annotations\":{\"argocd.argoproj.io/refresh\":\"hard\"}}}")!.AsObject());
        await H.WaitForAppAsync("model", a => Str(a, "metadata", "annotations", "argocd.argoproj.io/refresh") is null && SyncOf(a) == "Synced", "hard refresh done, still Synced");

        await H.Client.SyncAppAsync("model");
        await H.WaitForAppAsync("model", a => a["operation"] is null && OpPhase(a) == "Succeeded" && a["status"]?["history"]?.AsArray().Count == 2, "second sync done");
        Assert.That((await H.Client.AppsV1.ReadNamespacedDeploymentAsync("model", "demo")).Spec.Replicas, Is.EqualTo(2), "RespectIgnoreDifferences keeps the live replicas");
    }
}
