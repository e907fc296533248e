using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PlatformValidation.EndToEnd.Tests.Support;

/// <summary>
/// The built AppHost (<c>dotnet PlatformValidation.AppHost.dll …</c>) as a child process, the way a user or CI runs
/// it: its own temp directory (TMPDIR), a marker in its environment so that any process it leaves behind can be
/// found, output captured line by line, and signals sent with <c>kill</c>. SIGINT/SIGQUIT are reset to their default
/// disposition for the child (<c>env --default-signal</c>), since a test host started in the background by a
/// non-interactive shell passes them on ignored.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly Lock gate = new();

    private AppHostProcess(Process process, string tempDirectory, string marker)
    {
        this.process = process;
        TempDirectory = tempDirectory;
        Marker = marker;
    }

    /// <summary>The child's TMPDIR: where its scratch directories (pv-run-*) go.</summary>
    public string TempDirectory { get; }

    /// <summary>A value only the child and its descendants carry in their environment.</summary>
    public string Marker { get; }

    public int Id => process.Id;

    public string Stdout
    {
        get
        {
            lock (gate)
            {
                return stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (gate)
            {
                return stderr.ToString();
            }
        }
    }

    public string Output => $"--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    public static AppHostProcess Start(string workingDirectory, params string[] args) => StartWith(null, workingDirectory, args);

    /// <summary>As <see cref="Start"/>, with extra environment variables for the child.</summary>
    public static AppHostProcess StartWith(IReadOnlyDictionary<string, string>? environment, string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PlatformValidation.AppHost.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("the AppHost is not next to the tests; build tests/EndToEnd.Tests", dll);
        }

        var marker = "pv-test-" + Guid.NewGuid().ToString("N");
        var temp = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), marker)).FullName;
        var psi = new ProcessStartInfo(ResetsSignals ? "env" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (ResetsSignals)
        {
            psi.ArgumentList.Add("--default-signal=INT,QUIT");
            psi.ArgumentList.Add("dotnet");
        }

        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["TMPDIR"] = temp;
        psi.Environment["PV_TEST_PROCESS_MARKER"] = marker;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new AppHostProcess(process, temp, marker);
        process.OutputDataReceived += (_, e) => child.Append(child.stdout, e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(child.stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until standard output has a line containing <paramref name="text"/>; fails with the output so far.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var line = Stdout.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line.TrimEnd('\r');
            }

            if (process.HasExited)
            {
                Assert.Fail($"the AppHost exited with {process.ExitCode} before printing '{text}':\n{Output}");
            }

            await Task.Delay(50);
        }

        Assert.Fail($"the AppHost did not print '{text}' within {timeout.TotalSeconds:0} s:\n{Output}");
        return string.Empty;
    }

    /// <summary>Sends <paramref name="signal"/> (INT, TERM, …) to the child with kill(1).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.That(kill.ExitCode, Is.Zero, $"kill -{signal} {process.Id} failed");
    }

    /// <summary>Waits for the child to exit; null when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            process.WaitForExit(); // drains the output readers
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Processes (other than the child itself) whose environment carries <see cref="Marker"/>: what the child left behind.</summary>
    public IReadOnlyList<string> LeftoverProcesses()
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Contains(Marker, StringComparison.Ordinal))
                {
                    found.Add($"{pid}: {File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(TempDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool ResetsSignals { get; } = CanResetSignals();

    private static bool CanResetSignals()
    {
        try
        {
            using var env = Process.Start(new ProcessStartInfo("env") { ArgumentList = { "--default-signal=INT,QUIT", "true" }, UseShellExecute = false, RedirectStandardError = true })!;
            env.StandardError.ReadToEnd();
            env.WaitForExit();
            return env.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            sb.Append(line).Append('\n');
        }
    }
}
