using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PlatformValidation.Benchmarks;

/// <summary>
/// <c>validate</c> as a user runs it: the built AppHost executable as a process (start included), median of N runs
/// after one warm-up, on the bundled sample and on generated repos of N and 2N apps (scripts/generate-platform-repo.py).
/// Targets: sample ≤ 1 s, N apps ≤ 5 s, 2N apps ≤ 2.2 × N apps.
/// </summary>
internal static class ValidateBenchmark
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = IntOption(args, "--runs", 5);
        var apps = IntOption(args, "--apps", 1000);
        var root = FindRoot();
        var appHost = StringOption(args, "--apphost") ?? Path.Combine(root, "src", "AppHost", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "PlatformValidation.AppHost.exe" : "PlatformValidation.AppHost");
        var work = StringOption(args, "--work") ?? Path.Combine(Path.GetTempPath(), "pv-bench-validate");
        if (!File.Exists(appHost))
        {
            await Console.Error.WriteLineAsync($"AppHost executable not found at {appHost}; build it first: dotnet build -c Release src/AppHost (or pass --apphost PATH).");
            return 2;
        }

        var cases = new List<(string Name, string Scenario, int Apps)> { ("sample", Path.Combine(root, "scenarios", "sample.yaml"), 0) };
        foreach (var n in new[] { apps, apps * 2 })
        {
            var dir = Path.Combine(work, $"repo-{n}");
            if (!File.Exists(Path.Combine(dir, "scenario.yaml")))
            {
                var generated = await RunProcessAsync("python3", [Path.Combine(root, "tests", "Benchmarks", "scripts", "generate-platform-repo.py"), dir, "--apps", n.ToString(CultureInfo.InvariantCulture)]);
                if (generated.ExitCode != 0)
                {
                    await Console.Error.WriteLineAsync($"generating the {n}-app repo failed (python3 needed): {generated.Output}");
                    return 2;
                }
            }

            cases.Add(($"generated-{n}", Path.Combine(dir, "scenario.yaml"), n));
        }

        Console.WriteLine($"validate benchmark: {appHost}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} CPU(s), {Environment.OSVersion}, .NET {Environment.Version}; median of {runs} runs after 1 warm-up");
        Console.WriteLine();
        Console.WriteLine($"{"case",-18} {"apps",6} {"median",9} {"min",9} {"max",9} {"cpu",9}  exit");
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        var failed = false;
        foreach (var (name, scenario, n) in cases)
        {
            var times = new List<double>();
            var cpus = new List<double>();
            var exit = 0;
            for (var i = 0; i <= runs; i++)
            {
                var cpuBefore = ChildrenCpuSeconds();
                var stopwatch = Stopwatch.StartNew();
                var result = await RunProcessAsync(appHost, ["validate", "--scenario", scenario, "--format", "json", "--output", Path.Combine(work, $"{name}.json")]);
                stopwatch.Stop();
                exit = result.ExitCode;
                if (exit == 2 || exit < 0)
                {
                    await Console.Error.WriteLineAsync($"{name}: validate could not run (exit {exit}): {result.Output}");
                    return 2;
                }

                if (i > 0)
                {
                    times.Add(stopwatch.Elapsed.TotalSeconds);
                    cpus.Add(ChildrenCpuSeconds() - cpuBefore);
                }
            }

            times.Sort();
            cpus.Sort();
            var median = times[times.Count / 2];
            var cpu = cpus[cpus.Count / 2];
            medians[name] = median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-18} {(n == 0 ? "-" : n.ToString(CultureInfo.InvariantCulture)),6} {median,8:0.000}s {times[0],8:0.000}s {times[^1],8:0.000}s {(double.IsNaN(cpu) ? "n/a" : cpu.ToString("0.000", CultureInfo.InvariantCulture) + "s"),9}  {exit}"));
            failed |= exit != 0;
        }

        var sample = medians["sample"];
        var one = medians[$"generated-{apps}"];
        var two = medians[$"generated-{apps * 2}"];
        var ratio = two / one;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sample ≤ 1 s: {sample:0.000} s {(sample <= 1 ? "met" : "MISSED")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{apps} apps ≤ 5 s: {one:0.000} s {(one <= 5 ? "met" : "MISSED")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{apps * 2} apps ≤ 2.2 × {apps} apps: ratio {ratio:0.00} {(ratio <= 2.2 ? "met" : "MISSED")}"));
        if (failed)
        {
            Console.WriteLine("note: a case exited 1 (error findings); the generated repos and the sample are expected to be clean.");
        }

        return sample <= 1 && one <= 5 && ratio <= 2.2 && !failed ? 0 : 1;
    }

    /// <summary>User + system CPU seconds of every waited-for child process so far (incl. kubectl), NaN off Unix.</summary>
    internal static double ChildrenCpuSeconds()
    {
        if (OperatingSystem.IsWindows())
        {
            return double.NaN;
        }

        var usage = new long[18];
        return GetRusage(-1, usage) == 0 ? usage[0] + (usage[1] / 1e6) + usage[2] + (usage[3] / 1e6) : double.NaN;
    }

    // getrusage(RUSAGE_CHILDREN): struct rusage starts with two timevals (utime, stime) of two longs each.
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);

    internal static async Task<(int ExitCode, string Output)> RunProcessAsync(string file, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {RunTimeout.TotalMinutes} min");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    internal static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PlatformValidation.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run the benchmark from inside the PlatformValidation checkout (PlatformValidation.sln not found).");
    }

    internal static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    internal static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
