using System.Diagnostics;
using System.Globalization;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.Tests;

namespace PlatformValidation.AppHost.Tests.Cli;

/// <summary>
/// <c>--timeout</c> and SIGINT/SIGTERM are honoured at every stage of <c>validate</c>, reading and parsing included:
/// a scenario that is a FIFO nobody writes to keeps the reader blocked in a synchronous read, the stage no token reaches.
/// </summary>
[NonParallelizable]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public class ValidateStopTests
{
    private string directory = null!;
    private string fifo = null!;

    [SetUp]
    public void MakeFifo()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Ignore("needs mkfifo (Linux/macOS).");
        }

        directory = Directory.CreateTempSubdirectory("pv-validate-stop-").FullName;
        fifo = Path.Combine(directory, "scenario.yaml");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { fifo }, UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo failed");
    }

    [TearDown]
    public void Remove() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task TheTimeoutIsEnforcedWhileTheScenarioIsStillBeingRead()
    {
        var run = CliRunner.RunAsync("validate", "--scenario", fifo, "--timeout", "1");

        var finished = await Task.WhenAny(run, Task.Delay(TestTimeouts.Short));

        Assert.That(finished, Is.SameAs(run), "validate did not stop at its --timeout while reading the scenario");
        var result = await run;
        Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.CouldNotRun), result.ToString());
        Assert.That(result.Stderr, Does.Contain("did not finish within 1 s (--timeout)"));

        // The abandoned reader is still blocked in this process: give it end of file so that it ends.
        await using var writer = await Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write)).WaitAsync(TestTimeouts.Short);
    }

    [TestCase("TERM", 143)]
    [TestCase("INT", 130)]
    public async Task TheFirstSignalWhileParsingStopsWithinTwoSecondsWithTheSignalsExitCode(string signal, int expected)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PlatformValidation.AppHost.dll");
        var psi = new ProcessStartInfo("env") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--default-signal=INT,QUIT", "dotnet", dll, "validate", "--scenario", fifo })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // Opening the FIFO for writing returns once validate has opened it for reading: it is now in the parse stage.
            await using var writer = await Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write)).WaitAsync(TestTimeouts.Medium);
            await Task.Delay(200); // the read is now blocked on the empty FIFO

            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!)
            {
                await kill.WaitForExitAsync();
            }

            var stopwatch = Stopwatch.StartNew();
            using var wait = new CancellationTokenSource(TestTimeouts.Short);
            await process.WaitForExitAsync(wait.Token);
            stopwatch.Stop();
            var errors = await stderr;

            Assert.Multiple(() =>
            {
                Assert.That(process.ExitCode, Is.EqualTo(expected));
                Assert.That(errors, Does.Contain($"SIG{signal}").And.Contain("cancelled"), "validate's own handler ran, not the default action");
                Assert.That(stopwatch.Elapsed, Is.LessThan(TestTimeouts.Scale(TimeSpan.FromSeconds(2))), "the first signal ends validate within 2 s");
            });
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
