using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Kubectl;

/// <summary>
/// The real <c>kubectl port-forward</c> against the simulated cluster: the SPDY-over-WebSocket tunnel kubectl 1.32
/// negotiates first, the plain SPDY upgrade it falls back to, pod and service targets, several ports, concurrent
/// connections, and an authenticated chat completion to the fake LLM through it.
/// </summary>
[Category(TestCategories.ExternalTool)]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed partial class KubectlPortForwardTests : ClusterFixture
{
    private const string ApiKey = "sk-port-forward";
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":4}""";
    private string ns = null!;
    private string cacheDir = null!;

    protected override SimulatedClusterOptions Options => base.Options with
    {
        StandInImages = new Dictionary<string, string> { ["vllm/vllm-openai*"] = "fake-llm" },
    };

    [OneTimeSetUp]
    public async Task DeployTheModelAsync()
    {
        if (Support.Kubectl.Path is null)
        {
            return;
        }

        cacheDir = Directory.CreateTempSubdirectory("kubectl-pf-cache-").FullName;
        ns = await CreateNamespaceAsync("pf");
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "llm-key" }, StringData = new Dictionary<string, string> { ["key"] = ApiKey } }, ns);
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "llm", Labels = new Dictionary<string, string> { ["app"] = "llm" } },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container
                    {
                        Name = "vllm",
                        Image = "vllm/vllm-openai:v0.8.5",
                        Args = ["--model", "m", "--port", "8000"],
                        Env = [new V1EnvVar { Name = "VLLM_API_KEY", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "llm-key", Key = "key" } } }],
                        Ports = [new V1ContainerPort { ContainerPort = 8000, Name = "http" }],
                    },
                    new V1Container { Name = "echo", Image = "hashicorp/http-echo:1.0", Ports = [new V1ContainerPort { ContainerPort = 5678, Name = "echo" }] },
                ],
            },
        }, ns);
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "echo" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "echo", Image = "hashicorp/http-echo:1.0", Ports = [new V1ContainerPort { ContainerPort = 5678 }] }] },
        }, ns);
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "litellm" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "llm" }, Ports = [new V1ServicePort { Name = "http", Port = 4000, TargetPort = "http" }] },
        }, ns);
        foreach (var pod in new[] { "llm", "echo" })
        {
            await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPodAsync(pod, ns)).Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, $"pod {pod} to be ready");
        }
    }

    [SetUp]
    public void RequireKubectl()
    {
        if (Support.Kubectl.Path is null)
        {
            Assert.Ignore("kubectl is not on PATH; install kubectl v1.32 to run the port-forward tests");
        }
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        if (cacheDir is not null)
        {
            Directory.Delete(cacheDir, recursive: true);
        }
    }

    [Test]
    public async Task ChatCompletionThroughAServicePortForwardOverTheWebSocketTunnel()
    {
        await using var forward = await PortForward.StartAsync(Cluster.KubeconfigPath, cacheDir, websockets: true, "-n", ns, "svc/litellm", ":4000");
        var (status, body) = await ChatAsync(forward.LocalPorts[0], ApiKey);
        Assert.That(status, Is.EqualTo(200), body + forward.Output);
        Assert.That(JsonNode.Parse(body)!["choices"]!.AsArray(), Is.Not.Empty);
        var (denied, _) = await ChatAsync(forward.LocalPorts[0], "sk-wrong");
        Assert.That(denied, Is.EqualTo(401), "the key is checked by the fake LLM behind the forward");
        Assert.That(forward.Errors, Is.Empty, forward.Output);
    }

    [Test]
    public async Task ChatCompletionThroughAPodPortForwardOverPlainSpdy()
    {
        await using var forward = await PortForward.StartAsync(Cluster.KubeconfigPath, cacheDir, websockets: false, "-n", ns, "pod/llm", ":8000");
        var (status, body) = await ChatAsync(forward.LocalPorts[0], ApiKey);
        Assert.That(status, Is.EqualTo(200), body + forward.Output);
        Assert.That(forward.Errors, Is.Empty, forward.Output);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task SeveralPortsAndConcurrentConnectionsShareOneForward(bool websockets)
    {
        await using var forward = await PortForward.StartAsync(Cluster.KubeconfigPath, cacheDir, websockets, "-n", ns, "pod/llm", ":8000", ":5678");
        Assert.That(forward.LocalPorts, Has.Count.EqualTo(2), forward.Output);
        var chats = Enumerable.Range(0, 6).Select(_ => ChatAsync(forward.LocalPorts[0], ApiKey));
        var echoes = Enumerable.Range(0, 6).Select(i => GetAsync(forward.LocalPorts[1], $"/echo/{i}"));
        var results = await Task.WhenAll(chats.Concat(echoes));
        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(200), string.Join("\n", results.Select(r => r.Body)) + forward.Output);
        Assert.That(JsonNode.Parse(results[^1].Body)!["port"]!.GetValue<int>(), Is.EqualTo(5678), "the second port reaches the second container");

        // Many short connections one after the other: each pair of streams closes cleanly, the forward stays up.
        for (var i = 0; i < 15; i++)
        {
            var (status, body) = await GetAsync(forward.LocalPorts[1], $"/seq/{i}");
            Assert.That(status, Is.EqualTo(200), body + forward.Output);
        }

        Assert.That(forward.Errors, Is.Empty, forward.Output);
        Assert.That(forward.HasExited, Is.False, forward.Output);
    }

    [Test]
    public async Task APortNothingListensOnIsReportedByKubectlAsConnectionRefused()
    {
        await using var forward = await PortForward.StartAsync(Cluster.KubeconfigPath, cacheDir, websockets: true, "-n", ns, "pod/echo", ":9999");
        var (status, _) = await GetAsync(forward.LocalPorts[0], "/");
        Assert.That(status, Is.EqualTo(-1), "nothing answers: the connection is closed");
        await forward.WaitForOutputAsync("connection refused", TimeSpan.FromSeconds(20));
        Assert.That(forward.Output, Does.Contain("connection refused"));
    }

    private static async Task<(int Status, string Body)> ChatAsync(int port, string key)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{port}/v1/chat/completions")) { Content = new StringContent(Chat, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e)
        {
            return (-1, e.Message);
        }
    }

    private static async Task<(int Status, string Body)> GetAsync(int port, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e)
        {
            return (-1, e.Message);
        }
    }

    [GeneratedRegex(@"Forwarding from 127\.0\.0\.1:(\d+) ->")]
    private static partial Regex ForwardingLine();

    /// <summary>A running <c>kubectl port-forward</c>; disposing it ends the process.</summary>
    private sealed class PortForward : IAsyncDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();

        private PortForward(Process process) => this.process = process;

        public List<int> LocalPorts { get; } = [];

        public string Output
        {
            get
            {
                lock (output)
                {
                    return "\nkubectl output:\n" + output;
                }
            }
        }

        /// <summary>Lines kubectl prints when a forwarded connection fails.</summary>
        public IReadOnlyList<string> Errors => Output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("lost connection", StringComparison.OrdinalIgnoreCase)).ToList();

        public bool HasExited => process.HasExited;

        public static async Task<PortForward> StartAsync(string kubeconfig, string cacheDir, bool websockets, params string[] args)
        {
            var psi = new ProcessStartInfo(Support.Kubectl.Path!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("port-forward");
            psi.ArgumentList.Add("--address=127.0.0.1");
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            psi.ArgumentList.Add("--cache-dir=" + cacheDir);
            psi.Environment["KUBECONFIG"] = kubeconfig;
            // kubectl 1.31+ tunnels SPDY through a WebSocket unless told not to; false forces the plain SPDY upgrade.
            psi.Environment["KUBECTL_PORT_FORWARD_WEBSOCKETS"] = websockets ? "true" : "false";
            var forward = new PortForward(Process.Start(psi)!);
            forward.process.OutputDataReceived += (_, e) => forward.Append(e.Data);
            forward.process.ErrorDataReceived += (_, e) => forward.Append(e.Data);
            forward.process.BeginOutputReadLine();
            forward.process.BeginErrorReadLine();
            var expected = args.Count(a => a.Contains(':', StringComparison.Ordinal));
            using var timeout = new CancellationTokenSource(TestTimeouts.Scale(TimeSpan.FromSeconds(30)));
            while (forward.LocalPorts.Count < expected)
            {
                if (forward.process.HasExited || timeout.IsCancellationRequested)
                {
                    var failure = forward.Output;
                    await forward.DisposeAsync();
                    Assert.Fail($"kubectl port-forward did not start forwarding {expected} port(s):{failure}");
                }

                await Task.Delay(50, CancellationToken.None);
                lock (forward.output)
                {
                    forward.LocalPorts.Clear();
                    forward.LocalPorts.AddRange(ForwardingLine().Matches(forward.output.ToString()).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
                }
            }

            return forward;
        }

        public async Task WaitForOutputAsync(string text, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(TestTimeouts.Scale(timeout));
            while (!Output.Contains(text, StringComparison.Ordinal) && !cts.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(cts.Token);
            process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }
    }
}
