using System.Net;
using System.Net.Sockets;
using PlatformValidation.Fakes.Cluster.Hosting;

namespace PlatformValidation.Fakes.Cluster.Tests.Hosting;

/// <summary>Starting the simulated cluster: errors that say what to change.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class StartupTests
{
    [Test]
    public void PortInUseFailsWithAMessageNamingThePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var error = Assert.ThrowsAsync<SimulatedClusterException>(() => SimulatedCluster.StartAsync(new SimulatedClusterOptions { Port = port }));
        Assert.That(error!.Message, Does.Contain($"127.0.0.1:{port}").And.Contain("--port"));
    }

    [Test]
    public void NegativeGpuNodeCountIsRejected()
    {
        var error = Assert.ThrowsAsync<SimulatedClusterException>(() => SimulatedCluster.StartAsync(new SimulatedClusterOptions { GpuNodes = -1 }));
        Assert.That(error!.Message, Does.Contain("cannot be negative"));
    }

    [Test]
    public void UnwritableKubeconfigPathIsRejected()
    {
        var error = Assert.ThrowsAsync<SimulatedClusterException>(() => SimulatedCluster.StartAsync(new SimulatedClusterOptions { KubeconfigPath = "/proc/no-such/kubeconfig" }));
        Assert.That(error!.Message, Does.Contain("/proc/no-such/kubeconfig"));
    }

    [Test]
    public async Task KubeconfigCarriesTheTokenAndCaButTheTokenIsNeverInTheLog()
    {
        var lines = new List<string>();
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Log = lines.Add });
        var text = await File.ReadAllTextAsync(cluster.KubeconfigPath);
        Assert.That(text, Does.Contain("token: ").And.Contain("certificate-authority-data: "));
        var token = text.Split('\n').First(l => l.Trim().StartsWith("token:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        using var client = cluster.CreateClient();
        await client.CoreV1.ListNamespaceAsync();
        Assert.That(lines.Any(l => l.Contains(token, StringComparison.Ordinal)), Is.False);
        Assert.That(cluster.Uri.Scheme, Is.EqualTo("https"));
    }
}
