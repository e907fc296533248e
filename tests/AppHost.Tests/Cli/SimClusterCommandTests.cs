using System.Net;
using System.Net.Sockets;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.Tests;

namespace PlatformValidation.AppHost.Tests.Cli;

/// <summary>sim-cluster refuses bad arguments with exit code 2 and a message saying what to change.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
[NonParallelizable]
public sealed class SimClusterCommandTests
{
    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var exit = await CommandCatalog.InvokeAsync(args);
            return (exit, error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Test]
    public async Task NegativeGpuNodeCountExitsTwo()
    {
        var (exit, error) = await RunAsync("sim-cluster", "--gpu-nodes", "-1");
        Assert.That(exit, Is.EqualTo(CommandCatalog.CouldNotRun));
        Assert.That(error, Does.Contain("--gpu-nodes -1 cannot be negative"));
    }

    [Test]
    public async Task PortOutOfRangeExitsTwo()
    {
        var (exit, error) = await RunAsync("sim-cluster", "--port", "70000");
        Assert.That(exit, Is.EqualTo(CommandCatalog.CouldNotRun));
        Assert.That(error, Does.Contain("--port 70000 is out of range"));
    }

    [Test]
    public async Task PortInUseExitsTwo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (exit, error) = await RunAsync("sim-cluster", "--port", port);
        Assert.That(exit, Is.EqualTo(CommandCatalog.CouldNotRun));
        Assert.That(error, Does.Contain($"127.0.0.1:{port}"));
    }

    [Test]
    public async Task UnwritableKubeconfigExitsTwo()
    {
        var (exit, error) = await RunAsync("sim-cluster", "--kubeconfig", "/proc/none/kubeconfig");
        Assert.That(exit, Is.EqualTo(CommandCatalog.CouldNotRun));
        Assert.That(error, Does.Contain("cannot write the kubeconfig to /proc/none/kubeconfig"));
    }

    [Test]
    public async Task NonNumericPortIsAParseErrorExitingTwo()
    {
        var (exit, error) = await RunAsync("sim-cluster", "--port", "abc");
        Assert.That(exit, Is.EqualTo(CommandCatalog.CouldNotRun));
        Assert.That(error, Does.Contain("abc"));
    }
}
