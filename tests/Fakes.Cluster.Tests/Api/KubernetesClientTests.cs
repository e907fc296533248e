using System.Text.Json.Nodes;
using k8s.Models;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Api;

/// <summary>KubernetesClient's generic client and callback watcher against the simulated cluster.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class KubernetesClientTests : ClusterFixture
{
    [Test]
    public async Task GenericClientCreatesReadsListsPatchesAndDeletes()
    {
        var ns = await CreateNamespaceAsync();
        using var generic = new GenericClient(Client, "apps", "v1", "deployments", disposeClient: false);
        var d = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "gen", NamespaceProperty = ns },
            Spec = new V1DeploymentSpec
            {
                Replicas = 0,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "gen" } },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "gen" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i:1" }] } },
            },
        };
        var created = await generic.CreateNamespacedAsync(d, ns);
        Assert.That(created.Metadata.Uid, Is.Not.Empty);
        var read = await generic.ReadNamespacedAsync<V1Deployment>(ns, "gen");
        Assert.That(read.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("i:1"));
        var list = await generic.ListNamespacedAsync<V1DeploymentList>(ns);
        Assert.That(list.Items.Select(i => i.Metadata.Name), Does.Contain("gen"));
        var patched = await generic.PatchNamespacedAsync<V1Deployment>(new V1Patch("""{"metadata":{"labels":{"p":"1"}}}""", V1Patch.PatchType.MergePatch), ns, "gen");
        Assert.That(patched.Metadata.Labels["p"], Is.EqualTo("1"));
        await generic.DeleteNamespacedAsync<V1Status>(ns, "gen");
        await EventuallyAsync(async () => (await Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items.Count == 0, "the deployment to be deleted");
    }

    [Test]
    public async Task WatchSeesPodsOfADeploymentBecomeReady()
    {
        var ns = await CreateNamespaceAsync();
        using var cts = new CancellationTokenSource(TestTimeouts.Medium);
        var ready = Task.Run(async () =>
        {
            await foreach (var (_, pod) in Client.CoreV1.WatchListNamespacedPodAsync(ns, cancellationToken: cts.Token))
            {
                if (pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
                {
                    return pod.Metadata.Name;
                }
            }

            return string.Empty;
        });
        await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "w" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "w" } },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "w" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i:1" }] } },
            },
        }, ns);
        var name = await ready.WaitAsync(TestTimeouts.Medium);
        Assert.That(name, Does.StartWith("w-"));
    }

    [Test]
    public async Task CustomObjectsApiWorksOnBuiltInsAsUnstructuredJson()
    {
        var ns = await CreateNamespaceAsync();
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "u" }, ["data"] = new JsonObject { ["a"] = "b" } };
        await Client.CoreV1.CreateNamespacedConfigMapAsync(KubernetesJson.Deserialize<V1ConfigMap>(body.ToJsonString()), ns);
        var (_, json, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/u");
        Assert.That(json!["data"]!["a"]!.GetValue<string>(), Is.EqualTo("b"));
    }
}
