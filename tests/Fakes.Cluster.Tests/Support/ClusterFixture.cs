using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;

namespace PlatformValidation.Fakes.Cluster.Tests.Support;

/// <summary>
/// Base for fixtures that share one in-process simulated cluster: started in [OneTimeSetUp], a startup failure is
/// rethrown by every test, disposed in [OneTimeTearDown].
/// </summary>
public abstract class ClusterFixture
{
    private Exception? startupFailure;
    private SimulatedCluster? cluster;
    private Kubernetes? client;
    private HttpClient? http;

    protected SimulatedCluster Cluster => cluster ?? throw new InvalidOperationException("the cluster did not start", startupFailure);

    protected Kubernetes Client => client ?? throw new InvalidOperationException("the cluster did not start", startupFailure);

    /// <summary>An authenticated HttpClient for raw API requests (trusts the cluster's CA, sends its token).</summary>
    protected HttpClient Http => http ?? throw new InvalidOperationException("the cluster did not start", startupFailure);

    /// <summary>Options of this fixture's cluster (short delays so the suite stays fast).</summary>
    protected virtual SimulatedClusterOptions Options => new()
    {
        PodStartDelay = TimeSpan.FromMilliseconds(100),
        PodStopDelay = TimeSpan.FromMilliseconds(50),
        JobRunDuration = TimeSpan.FromMilliseconds(200),
        BookmarkInterval = TimeSpan.FromMilliseconds(300),
    };

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        try
        {
            cluster = await SimulatedCluster.StartAsync(Options, TestTimeouts.Token(TestTimeouts.Short));
            client = cluster.CreateClient();
            http = CreateHttp(cluster.KubeconfigPath);
        }
        catch (Exception e)
        {
            startupFailure = e;
        }
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        try
        {
            http?.Dispose();
            client?.Dispose();
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }
    }

    [SetUp]
    public void RethrowStartupFailure()
    {
        if (startupFailure is not null)
        {
            throw new InvalidOperationException("the simulated cluster failed to start", startupFailure);
        }
    }

    public static HttpClient CreateHttp(string kubeconfigPath)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        var ca = config.SslCaCerts[0];
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
            {
                if (cert is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert) && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(config.Host), Timeout = TestTimeouts.Short };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config.AccessToken);
        return client;
    }

    /// <summary>A fresh namespace name for one test.</summary>
    protected static string NewNamespace(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(30, prefix.Length + 12)];

    protected async Task<string> CreateNamespaceAsync(string prefix = "t")
    {
        var name = NewNamespace(prefix);
        await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = name } });
        return name;
    }

    protected async Task<(int Status, JsonObject? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (logs, proxied text).
        }

        return ((int)response.StatusCode, json, response);
    }

    /// <summary>Polls until <paramref name="probe"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    protected static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestTimeouts.Medium);
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(50);
        }
    }

    protected static async Task EventuallyAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null) =>
        await EventuallyAsync<object>(async () => await probe() ? new object() : null, what, timeout);
}
