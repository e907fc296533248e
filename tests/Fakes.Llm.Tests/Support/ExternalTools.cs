using PlatformValidation.Tests;
using System.Diagnostics;

namespace PlatformValidation.Fakes.Llm.Tests.Support;

/// <summary>Runs external programs (node, npm, python3, docker) with a timeout; finds the test's js/ and py/ folders.</summary>
internal static class ExternalTools
{
    private static readonly SemaphoreSlim NpmGate = new(1, 1);
    private static string? npmReady;
    private static string? npmFailure;

    public static string TestDirectory(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fakes.Llm.Tests.csproj")))
        {
            dir = dir.Parent;
        }

        return dir is null ? throw new InvalidOperationException("tests/Fakes.Llm.Tests not found above " + AppContext.BaseDirectory) : Path.Combine(dir.FullName, name);
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null, string? stdin = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(TestTimeouts.Scale(timeout ?? TimeSpan.FromSeconds(60)));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromSeconds(60)}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(p => File.Exists(Path.Combine(p, tool)));

    /// <summary>Installs js/ (npm ci from the committed lock file) once; returns its folder, or calls Assert.Ignore with the reason.</summary>
    public static async Task<string> NpmPackagesAsync()
    {
        await NpmGate.WaitAsync();
        try
        {
            if (npmReady is null && npmFailure is null)
            {
                var dir = TestDirectory("js");
                if (!OnPath("node") || !OnPath("npm"))
                {
                    npmFailure = "node or npm is not on PATH; install Node.js 18+ to run the JavaScript client tests.";
                }
                else if (Directory.Exists(Path.Combine(dir, "node_modules", "openai")) && Directory.Exists(Path.Combine(dir, "node_modules", "parse-prometheus-text-format")))
                {
                    npmReady = dir;
                }
                else
                {
                    var (code, _, err) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], dir, timeout: TimeSpan.FromMinutes(3));
                    if (code == 0)
                    {
                        npmReady = dir;
                    }
                    else
                    {
                        npmFailure = $"npm ci in {dir} failed (exit {code}): {err.Trim()}";
                    }
                }
            }
        }
        finally
        {
            NpmGate.Release();
        }

        if (npmFailure is not null)
        {
            Assert.Ignore(npmFailure);
        }

        return npmReady!;
    }

    /// <summary>Debian's python3 with the official prometheus_client; installs python3-prometheus-client when root, else Assert.Ignore.</summary>
    public static async Task<string> PythonWithPrometheusClientAsync()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            Assert.Ignore("/usr/bin/python3 is missing; install Debian's python3 and python3-prometheus-client to parse /metrics with the official parser.");
        }

        var (code, _, _) = await RunAsync(python, ["-c", "import prometheus_client.parser"]);
        if (code != 0 && Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"))
        {
            await RunAsync("/usr/bin/apt-get", ["install", "-y", "-qq", "python3-prometheus-client"], environment: new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" }, timeout: TimeSpan.FromMinutes(3));
            (code, _, _) = await RunAsync(python, ["-c", "import prometheus_client.parser"]);
        }

        if (code != 0)
        {
            Assert.Ignore("Python's prometheus_client is not installed; run: apt-get install python3-prometheus-client");
        }

        return python;
    }
}
