using System.Net;
using System.Net.Sockets;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Tests.Cli;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.AppHost.Tests.Lifecycle;

/// <summary>
/// The AppHost cannot come up — a port in use, no DCP binary, a dashboard that cannot listen: each run ends with
/// exit 2 and a message naming what failed and what to do, never an Aspire stack trace on the console. (A resource
/// that never becomes healthy is in <see cref="HarnessLifecycleTests"/>.)
/// </summary>
[Category(TestCategories.Slow)]
[NonParallelizable]
[CancelAfter(180_000)]
public sealed class StartFailureTests
{
    [Test]
    public async Task ARunViewPortInUseExitsTwoNamingTheResourceAndTheOption()
    {
        using var occupied = Occupy();
        var result = await CliRunner.RunAsync("run", "static", "--dashboard", "off", "--dashboard-port", Port(occupied).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.CouldNotRun), result.ToString());
        Assert.That(result.Stderr, Does.Contain("'run-view'").And.Contain(Port(occupied).ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("--dashboard-port"));
        AssertNoStackTrace(result);
    }

    [Test]
    public async Task AMissingDcpBinaryExitsTwoSayingWhichFileAndWhatToDo()
    {
        const string missing = "/nonexistent/pv-test/dcp";

        // Aspire reads the DCP path from DcpPublisher:CliPath before the AppHost's assembly metadata
        // (upstream: dotnet/aspire src/Aspire.Hosting/Dcp/DcpOptions.cs).
        Environment.SetEnvironmentVariable("DcpPublisher__CliPath", missing);
        CliResult result;
        try
        {
            result = await CliRunner.RunAsync("run", "static", "--dashboard", "off");
        }
        finally
        {
            Environment.SetEnvironmentVariable("DcpPublisher__CliPath", null);
        }

        Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.CouldNotRun), result.ToString());
        Assert.That(result.Stderr, Does.Contain("DCP").And.Contain(missing).And.Contain("dotnet build src/AppHost"), result.ToString());
        AssertNoStackTrace(result);
    }

    [Test]
    public async Task AnAspireDashboardPortInUseFailsTheStartNamingThePortAndWhatToDo()
    {
        using var occupied = Occupy();
        var options = new RunOptions(LiveScenarioFactory.Load(ScenarioLocator.FindBundled()!), SubstrateKind.Sim) { AspireDashboard = true, AspireDashboardPort = Port(occupied) };
        await using var app = PlatformSystem.Compose(options);

        var e = Assert.ThrowsAsync<HarnessStartException>(() => app.StartAsync(TestTimeouts.Token(TestTimeouts.Long)));

        Assert.That(e!.Message, Does.Contain("Aspire Dashboard").And.Contain(Port(occupied).ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("--dashboard off"));
    }

    private static TcpListener Occupy()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    private static void AssertNoStackTrace(CliResult result)
    {
        Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace on the console");
        Assert.That(result.All, Does.Not.Contain("Unhandled exception"));
        Assert.That(result.All, Does.Not.Contain("Exception:"), "no exception type names on the console");
    }
}
