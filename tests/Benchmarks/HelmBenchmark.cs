using System.Diagnostics;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering.Helm;

namespace PlatformValidation.Benchmarks;

/// <summary>
/// <c>helm</c>: the in-process Helm renderer alone, per chart: every local chart of the generated validate repo
/// (scripts/generate-platform-repo.py, every 10th app a chart with <c>_helpers.tpl</c> and a subchart) loaded and
/// rendered as Argo CD would (release name = app name), after one warm-up pass; prints the median and p95 per chart.
/// </summary>
internal static class HelmBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var apps = args.SkipWhile(a => a != "--apps").Skip(1).Select(int.Parse).FirstOrDefault(1000);
        var root = FindRoot();
        var dir = Path.Combine(Path.GetTempPath(), "pv-bench-helm", $"repo-{apps}");
        if (!Directory.Exists(Path.Combine(dir, "repo")))
        {
            using var p = Process.Start(new ProcessStartInfo("python3", [Path.Combine(root, "tests", "Benchmarks", "scripts", "generate-platform-repo.py"), dir, "--apps", apps.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
            await p.WaitForExitAsync();
            if (p.ExitCode != 0)
            {
                await Console.Error.WriteLineAsync("generating the repo failed (python3 needed)");
                return 2;
            }
        }

        var tree = RepoTree.Open(Path.Combine(dir, "repo"));
        var charts = tree.List("workloads", recursive: false).Directories.Select(d => d + "/chart").Where(tree.DirectoryExists).ToList();
        if (charts.Count == 0)
        {
            await Console.Error.WriteLineAsync($"no charts under {tree.Root}/workloads");
            return 2;
        }

        var times = new List<double>();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var chart in charts)
            {
                var stopwatch = Stopwatch.StartNew();
                var loaded = HelmChartLoader.LoadDirectory(tree, chart);
                var output = HelmChartRenderer.Render(loaded, new HelmRenderRequest { ReleaseName = loaded.Name, Namespace = "bench" });
                if (output.Manifests.Count == 0)
                {
                    await Console.Error.WriteLineAsync($"{chart} rendered nothing");
                    return 1;
                }

                if (pass == 1)
                {
                    times.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
            }
        }

        times.Sort();
        Console.WriteLine($"helm benchmark: {Environment.ProcessorCount} CPU(s), {Environment.OSVersion}, .NET {Environment.Version}; {charts.Count} charts (load + render), after 1 warm-up pass");
        Console.WriteLine($"per chart: median {times[times.Count / 2]:F2} ms, p95 {times[(int)(times.Count * 0.95)]:F2} ms, max {times[^1]:F2} ms, total {times.Sum():F0} ms");
        return 0;
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PlatformValidation.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (PlatformValidation.sln) was not found above the benchmark binary");
    }
}
