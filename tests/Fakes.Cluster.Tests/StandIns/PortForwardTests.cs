using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.StandIns;

/// <summary>pods/portforward over WebSocket, driven by KubernetesClient's own port-forward and stream demuxer.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class PortForwardTests : ClusterFixture
{
    protected override SimulatedClusterOptions Options => base.Options with
    {
        StandInImages = new Dictionary<string, string> { ["vllm/vllm-openai*"] = "fake-llm" },
    };

    private async Task<string> RunPodAsync(string ns, string name, string image, string[]? args = null, IList<V1EnvVar>? env = null)
    {
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image, Args = args, Env = env, Ports = [new V1ContainerPort { ContainerPort = 8000, Name = "http" }] }] },
        }, ns);
        await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPodAsync(name, ns)).Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, $"{name} to be ready");
        return name;
    }

    /// <summary>One HTTP request over a fresh port-forward, as a client of KubernetesClient would send it.</summary>
    private async Task<(int Status, string Body)> ForwardAsync(string ns, string pod, int port, HttpMethod method, string path, string? body = null, string? bearer = null)
    {
        using var socket = await Client.WebSocketNamespacedPodPortForwardAsync(pod, ns, [port], "v4.channel.k8s.io");
        using var demuxer = new StreamDemuxer(socket, StreamType.PortForward);
        demuxer.Start();
        var stream = demuxer.GetStream((byte?)0, (byte?)0);
        using var handler = new SocketsHttpHandler { ConnectCallback = (_, _) => ValueTask.FromResult(stream), UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{port}{path}");
        request.Headers.ConnectionClose = true;
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task PortForwardCarriesTheModelsApiKeyToTheFakeLlm()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "llm-key" }, StringData = new Dictionary<string, string> { ["key"] = "sk-forward" } }, ns);
        var pod = await RunPodAsync(ns, "vllm", "vllm/vllm-openai:v0.8.5", ["--model", "m", "--port", "8000"],
            [new V1EnvVar { Name = "VLLM_API_KEY", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "llm-key", Key = "key" } } }]);
        const string body = """{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":4}""";
        var (ok, text) = await ForwardAsync(ns, pod, 8000, HttpMethod.Post, "/v1/chat/completions", body, bearer: "sk-forward");
        Assert.That(ok, Is.EqualTo(200), text);
        Assert.That(JsonNode.Parse(text)!["choices"]!.AsArray(), Is.Not.Empty);
        var (denied, _) = await ForwardAsync(ns, pod, 8000, HttpMethod.Post, "/v1/chat/completions", body, bearer: "sk-wrong");
        Assert.That(denied, Is.EqualTo(401));
        var (anonymous, _) = await ForwardAsync(ns, pod, 8000, HttpMethod.Post, "/v1/chat/completions", body);
        Assert.That(anonymous, Is.EqualTo(401));
    }

    [Test]
    public async Task PortForwardReachesAGenericStandInAndPassesAuthorizationThrough()
    {
        var ns = await CreateNamespaceAsync();
        var pod = await RunPodAsync(ns, "echo", "hashicorp/http-echo:1.0");
        var (status, text) = await ForwardAsync(ns, pod, 8000, HttpMethod.Get, "/hello?x=1", bearer: "app-token");
        Assert.That(status, Is.EqualTo(200), text);
        var echo = JsonNode.Parse(text)!;
        Assert.That(echo["path"]!.GetValue<string>(), Is.EqualTo("/hello?x=1"));
        Assert.That(echo["port"]!.GetValue<int>(), Is.EqualTo(8000));
        Assert.That(echo["headers"]!.AsArray().Select(h => h!.GetValue<string>()), Does.Contain("authorization"), "a port-forward is a byte stream: the client's own Authorization arrives");
    }

    [Test]
    public async Task ManySequentialForwardsToOnePodAllAnswer()
    {
        var ns = await CreateNamespaceAsync();
        var pod = await RunPodAsync(ns, "seq", "hashicorp/http-echo:1.0");
        for (var i = 0; i < 20; i++)
        {
            var (status, _) = await ForwardAsync(ns, pod, 8000, HttpMethod.Post, "/p", body: "{\"i\":" + i + "}");
            Assert.That(status, Is.EqualTo(200), $"forward #{i}");
        }
    }

    [Test]
    public async Task PortForwardWithoutAWebSocketUpgradeIsABadRequest()
    {
        var ns = await CreateNamespaceAsync();
        var pod = await RunPodAsync(ns, "plain", "hashicorp/http-echo:1.0");
        var (status, body, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/{pod}/portforward?ports=8000");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["message"]!.GetValue<string>(), Does.Contain("WebSocket"));
    }

    [Test]
    public async Task PortForwardToAPodThatIsNotRunningIsRefusedWithItsPhase()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "stuck" },
            Spec = new V1PodSpec { NodeSelector = new Dictionary<string, string> { ["no-such"] = "node" }, Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
        }, ns);
        var failure = Assert.CatchAsync(() => Client.WebSocketNamespacedPodPortForwardAsync("stuck", ns, [8000], "v4.channel.k8s.io"));
        Assert.That(failure!.ToString(), Does.Contain("400").Or.Contain("BadRequest").Or.Contain("not running"));
    }

    [Test]
    public async Task PortForwardToAPortTheContainerDoesNotListenOnReportsConnectionRefusedOnTheErrorChannel()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "noports" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox:1.36", Ports = [new V1ContainerPort { ContainerPort = 8000 }] }] },
        }, ns);
        await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPodAsync("noports", ns)).Status?.Phase == "Running", "the pod to run");
        using var socket = await Client.WebSocketNamespacedPodPortForwardAsync("noports", ns, [9999], "v4.channel.k8s.io");
        using var demuxer = new StreamDemuxer(socket, StreamType.PortForward);
        demuxer.Start();
        var errors = demuxer.GetStream((byte?)1, null);
        var buffer = new byte[1024];
        var read = await errors.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(Encoding.UTF8.GetString(buffer, 0, read), Does.Contain("connection refused"));
    }
}
