using System.Diagnostics;
using System.Globalization;

namespace PlatformValidation.AppHost.Composition;

/// <summary>
/// Ends the DCP instance this AppHost started before the AppHost exits. DCP runs detached and watches the AppHost's
/// process id (<c>dcp start-apiserver --monitor PID</c>), so left alone it notices the exit only a few seconds later;
/// a CI step (or the next test) would find its processes still there. After <see cref="DistributedApplication.StopAsync"/>
/// has removed the resources, the API server this process started is sent SIGTERM, and every DCP process sharing its
/// kubeconfig (controllers, process monitors) is waited for, then killed by id if it is still there. Linux only
/// (<c>/proc</c>); elsewhere DCP's own monitor does it.
/// </summary>
public static class DcpShutdown
{
    public static async Task StopAsync(TimeSpan timeout)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var own = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var servers = Processes().Where(p => p.Args.Contains("start-apiserver") && Value(p.Args, "--monitor") == own).ToList();
        var kubeconfigs = servers.Select(s => Value(s.Args, "--kubeconfig")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (kubeconfigs.Count == 0)
        {
            return;
        }

        foreach (var server in servers)
        {
            Terminate(server.Pid);
        }

        var sw = Stopwatch.StartNew();
        while (true)
        {
            var left = Processes().Where(p => Value(p.Args, "--kubeconfig") is { } k && kubeconfigs.Contains(k)).ToList();
            if (left.Count == 0)
            {
                return;
            }

            if (sw.Elapsed >= timeout)
            {
                foreach (var p in left)
                {
                    try
                    {
                        using var process = Process.GetProcessById(p.Pid);
                        process.Kill();
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                    {
                        // Gone meanwhile.
                    }
                }

                return;
            }

            await Task.Delay(100);
        }
    }

    private static string? Value(IReadOnlyList<string> args, string name)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }

    private static IEnumerable<(int Pid, IReadOnlyList<string> Args)> Processes()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string cmdline;
            try
            {
                cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var args = cmdline.Split('\0', StringSplitOptions.RemoveEmptyEntries);
            if (args.Length > 0 && Path.GetFileName(args[0]) == "dcp")
            {
                yield return (pid, args);
            }
        }
    }

    /// <summary>SIGTERM by process id (DCP's API server stops its controllers and what they run).</summary>
    private static void Terminate(int pid)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill?.WaitForExit(2000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill(1): DCP's own monitor ends it a few seconds after this process.
        }
    }
}
