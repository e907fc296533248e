using System.Diagnostics;
using System.Text;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Runs external tools (kubectl, helm) with a timeout, killing the whole process tree on timeout or cancellation,
/// and bounding how many run at once.
/// </summary>
public sealed class ToolRunner : IDisposable
{
    private readonly SemaphoreSlim slots;

    public ToolRunner(int maxParallel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        slots = new SemaphoreSlim(maxParallel, maxParallel);
    }

    /// <summary>The full path of <paramref name="tool"/> (a path, or a name looked up on PATH), or null when it is not there.</summary>
    public static string? Locate(string tool)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        if (tool.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || tool.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(tool) ? Path.GetFullPath(tool) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in OperatingSystem.IsWindows() ? [tool + ".exe", tool] : new[] { tool })
            {
                var full = Path.Combine(dir, candidate);
                if (File.Exists(full))
                {
                    return full;
                }
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; never throws for a failing tool (see <see cref="ToolResult"/>).</summary>
    public async Task<ToolResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? workingDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunCoreAsync(fileName, arguments, workingDirectory, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task<ToolResult> RunCoreAsync(string fileName, IReadOnlyList<string> arguments, string? workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new ToolResult(-1, string.Empty, $"{fileName} could not be started: {ex.Message}", TimedOut: false);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return new ToolResult(-1, await SafeRead(stdout).ConfigureAwait(false), await SafeRead(stderr).ConfigureAwait(false), TimedOut: true);
        }

        return new ToolResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), TimedOut: false);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Could not be killed (already gone).
        }
    }

    private static async Task<string> SafeRead(Task<string> read)
    {
        var done = await Task.WhenAny(read, Task.Delay(2_000)).ConfigureAwait(false);
        return done == read ? await read.ConfigureAwait(false) : string.Empty;
    }

    public void Dispose() => slots.Dispose();
}
