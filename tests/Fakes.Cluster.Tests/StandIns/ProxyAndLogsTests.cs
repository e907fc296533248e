using System.Net.Http.Headers;
using System.Text;
using k8s.Models;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.StandIns;

/// <summary>The service/pod proxies reaching stand-ins, pod logs, and the fake-llm stand-in.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class ProxyAndLogsTests : ClusterFixture
{
    protected override SimulatedClusterOptions Options => base.Options with
    {
        StandInImages = new Dictionary<string, string> { ["vllm/vllm-openai*"] = "fake-llm" },
    };

    private async Task<string> RunAsync(string ns, string name, string image, string[]? args = null, IList<V1EnvVar>? env = null)
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image, Args = args, Env = env, Ports = [new V1ContainerPort { ContainerPort = 8000, Name = "http" }] }] },
                },
            },
        }, ns);
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Ports = [new V1ServicePort { Name = "web", Port = 80, TargetPort = "http" }] } }, ns);
        await EventuallyAsync(async () => (await Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns)).Status?.AvailableReplicas == 1, $"{name} to be available");
        return (await Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=" + name)).Items.Single().Metadata.Name;
    }

    [Test]
    public async Task ServiceProxyReachesTheStandInOfAReadyEndpoint()
    {
        var ns = await CreateNamespaceAsync();
        var pod = await RunAsync(ns, "echo", "hashicorp/http-echo:1.0");
        var (status, body, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/services/echo:web/proxy/healthz?x=1");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!["pod"]!.GetValue<string>(), Is.EqualTo(pod));
        Assert.That(body["path"]!.GetValue<string>(), Is.EqualTo("/healthz?x=1"));
        Assert.That(body["port"]!.GetValue<int>(), Is.EqualTo(8000));
        var (schemeStatus, _, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/services/http:echo:80/proxy/");
        Assert.That(schemeStatus, Is.EqualTo(200));
    }

    [Test]
    public async Task PodProxyReachesThePodsStandInOnTheNamedPort()
    {
        var ns = await CreateNamespaceAsync();
        var pod = await RunAsync(ns, "direct", "hashicorp/http-echo:1.0");
        var (status, body, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/{pod}:8000/proxy/ping");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!["path"]!.GetValue<string>(), Is.EqualTo("/ping"));
        var (missing, _, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/nope/proxy/");
        Assert.That(missing, Is.EqualTo(404));
    }

    [Test]
    public async Task ServiceProxyWithoutReadyEndpointsIsServiceUnavailable()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "empty" }, Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "none" }, Ports = [new V1ServicePort { Port = 80 }] } }, ns);
        var (status, body, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/services/empty:80/proxy/");
        Assert.That(status, Is.EqualTo(503));
        Assert.That(body!["message"]!.GetValue<string>(), Is.EqualTo("no endpoints available for service \"empty:80\""));
    }

    [Test]
    public async Task PodLogsShowWhatTheStandInWroteWithTailAndContainerSelection()
    {
        var ns = await CreateNamespaceAsync();
        var pod = await RunAsync(ns, "logger", "busybox:1.36", ["sh", "-c", "echo hi"]);
        var all = await new StreamReader(await Client.CoreV1.ReadNamespacedPodLogAsync(pod, ns)).ReadToEndAsync();
        Assert.That(all, Does.Contain("stand-in for image busybox:1.36"));
        var last = await new StreamReader(await Client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: "main", tailLines: 1)).ReadToEndAsync();
        Assert.That(last.Trim().Split('\n'), Has.Length.EqualTo(1));
        var (status, body, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/{pod}/log?container=nope");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["message"]!.GetValue<string>(), Is.EqualTo($"container nope is not valid for pod {pod}"));
    }

    [Test]
    public async Task ModelServerPodIsBackedByTheFakeLlmWhichDemandsItsApiKeyAndTheServiceProxyCannotCarryIt()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "llm-key" }, StringData = new Dictionary<string, string> { ["key"] = "sk-test" } }, ns);
        var pod = await RunAsync(ns, "vllm", "vllm/vllm-openai:v0.8.5", ["--model", "Qwen/Qwen2.5-0.5B-Instruct", "--port", "8000"],
            [new V1EnvVar { Name = "VLLM_API_KEY", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "llm-key", Key = "key" } } }]);
        var path = $"/api/v1/namespaces/{ns}/services/vllm:web/proxy/v1/chat/completions";
        const string body = """{"model":"Qwen/Qwen2.5-0.5B-Instruct","messages":[{"role":"user","content":"hi"}],"max_tokens":4}""";

        // With the cluster's token: authenticated, Authorization consumed, so the model sees no key and refuses.
        var (denied, deniedBody, _) = await SendAsync(HttpMethod.Post, path, body);
        Assert.That(denied, Is.EqualTo(401), "the fake LLM demands the API key it read from the Secret");
        Assert.That(deniedBody?["kind"], Is.Null, "the 401 is the model server's OpenAI-shaped error, not the API server's Status");

        // With the model's key in Authorization instead: the API server itself refuses (the key is no cluster credential).
        using var withKey = CreateHttp(Cluster.KubeconfigPath);
        withKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-test");
        var refused = await withKey.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.That((int)refused.StatusCode, Is.EqualTo(401));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("\"kind\":\"Status\""));

        var logs = await new StreamReader(await Client.CoreV1.ReadNamespacedPodLogAsync(pod, ns)).ReadToEndAsync();
        Assert.That(logs, Does.Contain("Qwen/Qwen2.5-0.5B-Instruct"));
    }

    [Test]
    public async Task ServiceProxyNeverForwardsTheCallersAuthorizationHeader()
    {
        var ns = await CreateNamespaceAsync();
        await RunAsync(ns, "headers", "hashicorp/http-echo:1.0");
        var (status, body, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/services/headers:web/proxy/");
        Assert.That(status, Is.EqualTo(200));
        var seen = body!["headers"]!.AsArray().Select(h => h!.GetValue<string>()).ToList();
        Assert.That(seen, Is.Not.Empty, "the echo lists the headers it received");
        Assert.That(seen, Does.Not.Contain("authorization"));
    }

    [Test]
    public async Task ReadinessProbeIsAnsweredByTheStandInSoAModelServerIsReadyOnlyOnceLoaded()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "model" },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container
                    {
                        Name = "vllm",
                        Image = "vllm/vllm-openai:v0.8.5",
                        Args = ["--model", "m", "--port", "8000", "--startup-duration", "2s"],
                        Ports = [new V1ContainerPort { ContainerPort = 8000, Name = "http" }],
                        ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/health", Port = "http" } },
                    },
                ],
            },
        }, ns);
        var running = await EventuallyAsync(async () => await Client.CoreV1.ReadNamespacedPodAsync("model", ns) is { Status.Phase: "Running" } p ? p : null, "the model pod to run");
        var started = DateTime.UtcNow;
        Assert.That(running.Status.ContainerStatuses.Single().Ready, Is.False, "/health answers 503 while the model loads");
        await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPodAsync("model", ns)).Status.ContainerStatuses.Single().Ready, "the model pod to become Ready");
        Assert.That(DateTime.UtcNow - started, Is.GreaterThan(TimeSpan.FromSeconds(0.5)));
    }
}
