using System.Net.Sockets;
using PlatformValidation.EndToEnd.Tests.Support;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// The built AppHost, run as CI runs it, stopped by a signal while the cost-gates suite has the GPU workload scaled
/// up: it scales the workload back, tears everything down, says so, and exits with the signal's code (128 + number)
/// leaving no process, temp directory or listening port behind.
/// </summary>
[Category(TestCategories.Slow)]
[Parallelizable(ParallelScope.All)]
[CancelAfter(120_000)]
public sealed class CliSignalTests
{
    private const string Workload = "Deployment llm/raw-vllm";

    // SIGINT right after the scale-up finished (one Ready pod), SIGTERM in the middle of the scale-up step.
    [TestCase("INT", 130, "cost-gates/refresh-keeps-replicas")]
    [TestCase("TERM", 143, "cost-gates/scale-up")]
    public async Task SignalDuringTheCostGateScaleUpScalesBackTearsDownAndExitsWithTheSignalsCode(string signal, int expectedExit, string stepStarted)
    {
        using var workspace = FixtureWorkspace.Create(null);
        ScenarioFileEditor.Edit(
            workspace.ScenarioFile,
            new Dictionary<string, string> { ["apply"] = "30s", ["healthy"] = "30s", ["sync"] = "30s", ["scale"] = "30s", ["smoke"] = "5s" },
            "- {name: cost-gates, profile: serving, apps: [raw-vllm], timeouts: {settle: 5s}}");
        await using var apphost = AppHostProcess.Start(workspace.Root, "run", "cost-gates", "--scenario", workspace.ScenarioFile);
        var dashboard = DashboardUrl(await apphost.WaitForLineAsync("dashboard and /metrics at", TestTimeouts.Medium));
        await apphost.WaitForLineAsync("▶ " + stepStarted, TestTimeouts.Medium);

        await apphost.SignalAsync(signal);
        var exit = await apphost.WaitForExitAsync(TestTimeouts.Scale(TimeSpan.FromSeconds(30)));

        Assert.That(exit, Is.Not.Null, $"the AppHost did not exit within 30 s of SIG{signal}:\n{apphost.Output}");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(expectedExit), apphost.Output);
            Assert.That(apphost.Stderr, Does.Contain($"SIG{signal}").And.Contain("cancelled"), "a clear message says the run was stopped by the signal");
            Assert.That(apphost.Stdout, Does.Contain($"scale {Workload} to 0 done"), "the scale-up's undo ran before the exit");
            Assert.That(apphost.Stdout, Does.Not.Contain("FAILED released"), "the final release check found nothing left scaled up");
            Assert.That(apphost.LeftoverProcesses(), Is.Empty, "no process of the run is left");
            Assert.That(Directory.EnumerateFileSystemEntries(apphost.TempDirectory), Is.Empty, "no scratch directory (pv-run-*) is left");
        });
        using var tcp = new TcpClient();
        Assert.CatchAsync<SocketException>(() => tcp.ConnectAsync(dashboard.Host, dashboard.Port), "the dashboard's port is released");
    }

    // SIGKILL cannot be handled: DCP watches the AppHost's process id and removes itself and everything it started.
    [Test]
    public async Task AfterSigkillNoDcpOrChildProcessOutlivesTheAppHost()
    {
        using var workspace = FixtureWorkspace.Create(null);
        ScenarioFileEditor.Edit(
            workspace.ScenarioFile,
            new Dictionary<string, string> { ["apply"] = "30s", ["healthy"] = "30s", ["sync"] = "30s", ["scale"] = "30s", ["smoke"] = "5s" },
            "- {name: cost-gates, profile: serving, apps: [raw-vllm], timeouts: {settle: 5s}}");
        await using var apphost = AppHostProcess.Start(workspace.Root, "run", "cost-gates", "--scenario", workspace.ScenarioFile);
        await apphost.WaitForLineAsync("dashboard and /metrics at", TestTimeouts.Medium);
        Assert.That(apphost.LeftoverProcesses(), Has.Some.Contains("dcp"), "DCP runs while the AppHost does");

        await apphost.SignalAsync("KILL");
        Assert.That(await apphost.WaitForExitAsync(TestTimeouts.Short), Is.EqualTo(137));
        var deadline = DateTime.UtcNow + TestTimeouts.Scale(TimeSpan.FromSeconds(30));
        while (apphost.LeftoverProcesses().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.That(apphost.LeftoverProcesses(), Is.Empty, "DCP and what it started end within 30 s of the AppHost's SIGKILL");
    }

    private static Uri DashboardUrl(string line) => new(line[line.IndexOf("http://", StringComparison.Ordinal)..].Trim());
}
