using System.Text.Json.Nodes;
using k8s;
using PlatformValidation.Fakes.ArgoCd.Hosting;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Tests;
using YamlDotNet.RepresentationModel;
using static PlatformValidation.Fakes.ArgoCd.Tests.Support.Apps;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Sample;

/// <summary>
/// The bundled sample platform (scenarios/sample.yaml) applied profile by profile with KubernetesClient only, as
/// <c>make root PROFILE=…</c> does: the AppProject, then the layer roots in order. Assertions are about the
/// mechanism (every automated app, every manual app), not about the sample's particular names.
/// </summary>
[Category(TestCategories.Slow)]
[NonParallelizable]
public class SampleProfileTests
{
    private GitRepo repo = null!;
    private SimulatedCluster cluster = null!;
    private SimulatedArgoCd argo = null!;
    private k8s.Kubernetes client = null!;
    private YamlMappingNode scenario = null!;
    private string repoUrl = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var root = FindUp("scenarios/sample.yaml");
        if (root is null)
        {
            Assert.Fail("scenarios/sample.yaml is missing from this checkout: the sample profile tests need the bundled sample");
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(root!, "scenarios/sample.yaml"))));
        scenario = (YamlMappingNode)stream.Documents[0].RootNode;
        repoUrl = ((YamlSequenceNode)((YamlMappingNode)scenario["repo"])["urls"]).Children[0].ToString();
        repo = new GitRepo();
        repo.CopyFrom(Path.Combine(root!, "scenarios", scenario["repo"]["path"].ToString()));
        repo.Commit("sample");
        repo.Branch(scenario["repo"]["revision"].ToString());
        cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { PodStartDelay = TimeSpan.FromMilliseconds(100), GpuNodes = 1 });
        client = cluster.CreateClient();
        argo = await SimulatedArgoCd.StartAsync(client, new ArgoCdOptions
        {
            Repositories = new Dictionary<string, string> { [repoUrl] = repo.Directory },
            ReconciliationInterval = TimeSpan.FromSeconds(1),
            SyncWaveDelay = TimeSpan.FromMilliseconds(50),
            OperationPollInterval = TimeSpan.FromMilliseconds(200),
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (argo is not null)
        {
            await argo.DisposeAsync();
        }

        client?.Dispose();
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        repo?.Dispose();
    }

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, relative)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private IEnumerable<string> ManifestsOf(string profile)
    {
        foreach (var m in (YamlSequenceNode)scenario["alwaysApply"])
        {
            yield return m.ToString();
        }

        var layers = ((YamlSequenceNode)scenario["layers"]).Children.OfType<YamlMappingNode>().ToDictionary(l => l["name"].ToString());
        foreach (var layer in (YamlSequenceNode)scenario["profiles"][profile])
        {
            foreach (var m in (YamlSequenceNode)layers[layer.ToString()]["manifests"])
            {
                yield return m.ToString();
            }
        }
    }

    private async Task ApplyProfileAsync(string profile)
    {
        foreach (var manifest in ManifestsOf(profile))
        {
            await ManifestApplier.ApplyFileAsync(client, Path.Combine(repo.Directory, manifest));
        }
    }

    private static bool IsAutomated(JsonObject app) => app["spec"]?["syncPolicy"]?["automated"] is JsonObject a && a["enabled"]?.GetValue<bool>() != false;

    /// <summary>Waits until every automated app is Synced+Healthy and every manual app has been compared.</summary>
    private async Task<List<JsonObject>> WaitConvergedAsync(string profile)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Scale(TimeSpan.FromSeconds(90));
        List<JsonObject> apps = [];
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            apps = await ManifestApplier.ListAppsAsync(client);
            var pending = apps.Where(a => IsAutomated(a) ? !ArgoCdHarness.SyncedHealthy(a) : SyncOf(a) is null).ToList();
            if (apps.Count > 0 && pending.Count == 0 && argo.ApplicationSets.IsIdle)
            {
                return apps;
            }
        }

        var stuckApps = apps.Where(a => IsAutomated(a) && !ArgoCdHarness.SyncedHealthy(a)).ToList();
        var stuck = stuckApps.Select(a =>
            $"{Str(a, "metadata", "name")}: sync={SyncOf(a)} health={HealthOf(a)} op={OpMessage(a)} conditions={a["status"]?["conditions"]?.ToJsonString()}");
        Assert.Fail($"profile {profile} did not converge:\n" + string.Join("\n", stuck));
        return apps;
    }

    [Test]
    [Order(2)]
    [CancelAfter(600_000)]
    public async Task ProfilesConvergeInWaveOrderAndManualAppsDeployNothing()
    {
        foreach (var profile in ((YamlMappingNode)scenario["profiles"]).Children.Keys.Select(k => k.ToString()))
        {
            await ApplyProfileAsync(profile);
            var apps = await WaitConvergedAsync(profile);
            foreach (var manual in apps.Where(a => !IsAutomated(a)))
            {
                Assert.That(SyncOf(manual), Is.EqualTo("OutOfSync"), $"manual app {Str(manual, "metadata", "name")} stays OutOfSync in profile {profile}");
                Assert.That(manual["status"]?["operationState"], Is.Null, $"manual app {Str(manual, "metadata", "name")} was never synced");
                Assert.That(manual["status"]?["resources"]?.AsArray().OfType<JsonObject>().All(r => Str(r, "status") == "OutOfSync") ?? true, Is.True, "nothing of a manual app is deployed");
            }

            // Child Applications were synced by their root in wave order.
            foreach (var rootApp in apps.Where(a => a["status"]?["summary"]?["isAppOfApps"]?.GetValue<bool>() == true))
            {
                var waves = rootApp["status"]?["operationState"]?["syncResult"]?["resources"]?.AsArray().OfType<JsonObject>()
                    .Where(r => Str(r, "kind") == "Application")
                    .Select(r => apps.FirstOrDefault(a => Str(a, "metadata", "name") == Str(r, "name")))
                    .OfType<JsonObject>()
                    .Select(a => int.Parse(Str(a, "metadata", "annotations", "argocd.argoproj.io/sync-wave") ?? "0", System.Globalization.CultureInfo.InvariantCulture))
                    .ToList() ?? [];
                Assert.That(waves, Is.Ordered, $"root {Str(rootApp, "metadata", "name")} synced its children in wave order");
            }
        }
    }

    [Test]
    [Order(1)]
    [CancelAfter(600_000)]
    public async Task ReapplyingNarrowProfilePrunesNothingCostGateSurvivesHardRefreshAndLayerDeletionIsExact()
    {
        // Bring up the two narrowest profiles (these converge fully in the simulated cluster).
        var profiles = ((YamlMappingNode)scenario["profiles"]).Children.Keys.Select(k => k.ToString()).ToList();
        await ApplyProfileAsync(profiles[1]);
        var apps = await WaitConvergedAsync(profiles[1]);
        var deployments = await client.AppsV1.ListDeploymentForAllNamespacesAsync();
        var uids = deployments.Items.ToDictionary(d => d.Metadata.NamespaceProperty + "/" + d.Metadata.Name, d => d.Metadata.Uid);
        var appUids = apps.ToDictionary(a => Str(a, "metadata", "name")!, a => Str(a, "metadata", "uid"));

        // `make root PROFILE=<narrowest>` after a wider one prunes nothing.
        await ApplyProfileAsync(profiles[0]);
        await Task.Delay(2000);
        await argo.WaitForQuiescenceAsync(TimeSpan.FromSeconds(1), TestTimeouts.Medium);
        var after = await client.AppsV1.ListDeploymentForAllNamespacesAsync();
        Assert.That(after.Items.ToDictionary(d => d.Metadata.NamespaceProperty + "/" + d.Metadata.Name, d => d.Metadata.Uid), Is.EquivalentTo(uids), "no workload was deleted or recreated");
        Assert.That((await ManifestApplier.ListAppsAsync(client)).ToDictionary(a => Str(a, "metadata", "name")!, a => Str(a, "metadata", "uid")), Is.EquivalentTo(appUids));

        // A manual app whose replicas are owned by scaling: sync it, scale by hand, hard refresh, sync again.
        var gated = apps.FirstOrDefault(a => !IsAutomated(a) && a["spec"]?["ignoreDifferences"]?.AsArray().OfType<JsonObject>()
            .Any(i => Str(i, "kind") == "Deployment" && (i["jsonPointers"]?.AsArray().Any(p => p!.GetValue<string>() == "/spec/replicas") ?? false)) == true);
        if (gated is not null)
        {
            var name = Str(gated, "metadata", "name")!;
            var rule = gated["spec"]!["ignoreDifferences"]!.AsArray().OfType<JsonObject>().First(i => Str(i, "kind") == "Deployment");
            var ns = Str(gated, "spec", "destination", "namespace")!;
            await client.SyncAppAsync(name);
            await KubeExtensions.EventuallyAsync(async () => OpPhase((await ManifestApplier.ListAppsAsync(client)).First(a => Str(a, "metadata", "name") == name)) == "Succeeded", $"{name} synced");
            var deploymentName = Str(rule, "name") ?? (await client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items[0].Metadata.Name;
            await client.AppsV1.PatchNamespacedDeploymentScaleAsync(new k8s.Models.V1Patch("{\"spec\":{\"replicas\":1}}", k8s.Models.V1Patch.PatchType.MergePatch), deploymentName, ns);
            await client.PatchAppAsync(name, JsonNode.Parse("{\"metadata\":{\"annotations\":{\"argocd.argoproj.io/refresh\":\"hard\"}}}")!.AsObject());
            await KubeExtensions.EventuallyAsync(async () => (await ManifestApplier.ListAppsAsync(client)).First(a => Str(a, "metadata", "name") == name)["metadata"]?["annotations"]?["argocd.argoproj.io/refresh"] is null, $"{name} hard-refreshed (the controller removes the refresh annotation when done)");
            await client.SyncAppAsync(name);
            await KubeExtensions.EventuallyAsync(async () => (await ManifestApplier.ListAppsAsync(client)).First(a => Str(a, "metadata", "name") == name) is var g && g["operation"] is null && OpPhase(g) == "Succeeded", $"{name} re-synced");
            Assert.That((await client.AppsV1.ReadNamespacedDeploymentAsync(deploymentName, ns)).Spec.Replicas, Is.EqualTo(1), "the hand scale-up survives hard refresh and sync");
        }

        // Deleting a layer root removes exactly that layer's Applications.
        var layer = ((YamlSequenceNode)scenario["profiles"][profiles[1]]).Children.Last().ToString();
        var layerRoot = ((YamlSequenceNode)scenario["layers"]).OfType<YamlMappingNode>().First(l => l["name"].ToString() == layer)["manifests"];
        var rootNames = ((YamlSequenceNode)layerRoot).SelectMany(m => ManifestApplier.Load(Path.Combine(repo.Directory, m.ToString()))).Select(o => Str(o, "metadata", "name")!).ToHashSet();
        var before = await ManifestApplier.ListAppsAsync(client);
        var layerApps = before.Where(a => rootNames.Contains(Str(a, "metadata", "name")!)).Select(a => Str(a, "metadata", "name")!).ToHashSet();
        foreach (var rootApp in before.Where(a => rootNames.Contains(Str(a, "metadata", "name")!)))
        {
            foreach (var child in rootApp["status"]?["resources"]?.AsArray().OfType<JsonObject>().Where(r => Str(r, "kind") == "Application") ?? [])
            {
                layerApps.Add(Str(child, "name")!);
            }
        }

        foreach (var m in (YamlSequenceNode)layerRoot)
        {
            await ManifestApplier.DeleteFileAsync(client, Path.Combine(repo.Directory, m.ToString()));
        }

        await KubeExtensions.EventuallyAsync(async () => !(await ManifestApplier.ListAppsAsync(client)).Any(a => layerApps.Contains(Str(a, "metadata", "name")!)), $"layer {layer} is gone", TestTimeouts.Long);
        var remaining = await ManifestApplier.ListAppsAsync(client);
        Assert.That(remaining.Select(a => Str(a, "metadata", "name")), Is.EquivalentTo(before.Select(a => Str(a, "metadata", "name")).Where(n => !layerApps.Contains(n!))), "exactly the layer's Applications were removed");
    }
}
