using System.Diagnostics;
using System.Globalization;
using PlatformValidation.Validators.Changes;
using PlatformValidation.Validators.Reporting;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Benchmarks;

/// <summary>
/// <c>validate --base</c> (the pull-request gate) as a process on a generated N-app repo committed to git: a plain
/// <c>validate</c>, then <c>--base HEAD</c> with one app changed and with 10 % of the apps changed, median of N runs
/// after one warm-up each; and the Markdown comment built in process. Targets: one app changed ≤ 1.5 × validate,
/// 10 % changed ≤ 2.5 × validate, Markdown ≤ 50 ms.
/// </summary>
internal static class ValidateBaseBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = ValidateBenchmark.IntOption(args, "--runs", 5);
        var apps = ValidateBenchmark.IntOption(args, "--apps", 1000);
        var root = ValidateBenchmark.FindRoot();
        var appHost = ValidateBenchmark.StringOption(args, "--apphost") ?? Path.Combine(root, "src", "AppHost", "bin", "Release", "net10.0", "PlatformValidation.AppHost");
        var work = Path.Combine(ValidateBenchmark.StringOption(args, "--work") ?? Path.Combine(Path.GetTempPath(), "pv-bench-validate-base"), $"repo-{apps}");
        if (!File.Exists(appHost))
        {
            await Console.Error.WriteLineAsync($"AppHost executable not found at {appHost}; build it first: dotnet build -c Release src/AppHost (or pass --apphost PATH).");
            return 2;
        }

        if (!Directory.Exists(Path.Combine(work, ".git")))
        {
            var generated = await ValidateBenchmark.RunProcessAsync("python3", [Path.Combine(root, "tests", "Benchmarks", "scripts", "generate-platform-repo.py"), work, "--apps", apps.ToString(CultureInfo.InvariantCulture)]);
            if (generated.ExitCode != 0
                || (await ValidateBenchmark.RunProcessAsync("git", ["-C", work, "init", "-q"])).ExitCode != 0
                || (await ValidateBenchmark.RunProcessAsync("git", ["-C", work, "add", "-A"])).ExitCode != 0
                || (await ValidateBenchmark.RunProcessAsync("git", ["-C", work, "-c", "user.name=bench", "-c", "user.email=bench@pv.local", "commit", "-qm", "generated"])).ExitCode != 0)
            {
                await Console.Error.WriteLineAsync($"preparing the {apps}-app git repo failed (python3 and git needed): {generated.Output}");
                return 2;
            }
        }

        var scenario = Path.Combine(work, "scenario.yaml");
        var workloads = Directory.GetDirectories(Path.Combine(work, "repo", "workloads")).Order(StringComparer.Ordinal).ToList();
        Console.WriteLine($"validate --base benchmark: {appHost}, {apps} apps");
        Console.WriteLine($"machine: {Environment.ProcessorCount} CPU(s), {Environment.OSVersion}, .NET {Environment.Version}; median of {runs} runs after 1 warm-up");
        Console.WriteLine();
        var single = await MedianAsync(appHost, ["validate", "--scenario", scenario, "--format", "json", "--output", Path.Combine(work, "..", "single.json")], runs);
        Change(workloads.Take(1));
        var one = await MedianAsync(appHost, ["validate", "--scenario", scenario, "--base", "HEAD", "--format", "json", "--output", Path.Combine(work, "..", "one.json")], runs);
        var markdown = await MarkdownMillisecondsAsync(scenario, work);
        Restore(work);
        Change(workloads.Take(Math.Max(1, workloads.Count / 10)));
        var tenth = await MedianAsync(appHost, ["validate", "--scenario", scenario, "--base", "HEAD", "--format", "json", "--output", Path.Combine(work, "..", "tenth.json")], runs);
        Restore(work);

        Console.WriteLine(Inv($"{"case",-28} {"median",9} {"cpu",9} {"× validate",11}"));
        Console.WriteLine(Inv($"{"validate",-28} {single.Wall,8:0.000}s {single.Cpu,8:0.000}s {1.0,11:0.00}"));
        Console.WriteLine(Inv($"{"--base, 1 app changed",-28} {one.Wall,8:0.000}s {one.Cpu,8:0.000}s {one.Wall / single.Wall,11:0.00}"));
        Console.WriteLine(Inv($"{"--base, 10 % changed",-28} {tenth.Wall,8:0.000}s {tenth.Cpu,8:0.000}s {tenth.Wall / single.Wall,11:0.00}"));
        Console.WriteLine(Inv($"{"markdown (1 app changed)",-28} {markdown,7:0.0}ms"));
        Console.WriteLine();
        var met = one.Wall / single.Wall <= 1.5 && tenth.Wall / single.Wall <= 2.5 && markdown <= 50;
        Console.WriteLine(Inv($"1 app changed ≤ 1.5 ×: {one.Wall / single.Wall:0.00} {(one.Wall / single.Wall <= 1.5 ? "met" : "MISSED")}; 10 % changed ≤ 2.5 ×: {tenth.Wall / single.Wall:0.00} {(tenth.Wall / single.Wall <= 2.5 ? "met" : "MISSED")}; markdown ≤ 50 ms: {markdown:0.0} ms {(markdown <= 50 ? "met" : "MISSED")}"));
        return met ? 0 : 1;
    }

    private static async Task<(double Wall, double Cpu)> MedianAsync(string appHost, string[] arguments, int runs)
    {
        var walls = new List<double>();
        var cpus = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            var cpu = ValidateBenchmark.ChildrenCpuSeconds();
            var stopwatch = Stopwatch.StartNew();
            var result = await ValidateBenchmark.RunProcessAsync(appHost, arguments);
            stopwatch.Stop();
            if (result.ExitCode is 2 or < 0)
            {
                throw new InvalidOperationException($"{string.Join(' ', arguments)} could not run (exit {result.ExitCode}): {result.Output}");
            }

            if (i > 0)
            {
                walls.Add(stopwatch.Elapsed.TotalSeconds);
                cpus.Add(ValidateBenchmark.ChildrenCpuSeconds() - cpu);
            }
        }

        walls.Sort();
        cpus.Sort();
        return (walls[walls.Count / 2], cpus[cpus.Count / 2]);
    }

    // A label on every object of the app's workload file: a change that reaches the rendered resources.
    private static void Change(IEnumerable<string> workloadDirs)
    {
        foreach (var dir in workloadDirs)
        {
            foreach (var file in Directory.GetFiles(dir, "*.yaml"))
            {
                File.WriteAllText(file, File.ReadAllText(file).Replace("metadata:\n", "metadata:\n  annotations: {bench.example.org/changed: \"yes\"}\n", StringComparison.Ordinal));
            }
        }
    }

    private static void Restore(string work)
    {
        var result = ValidateBenchmark.RunProcessAsync("git", ["-C", work, "checkout", "--", "."]).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("git checkout failed: " + result.Output);
        }
    }

    private static async Task<double> MarkdownMillisecondsAsync(string scenarioFile, string work)
    {
        var scenario = ScenarioParser.Load(scenarioFile);
        var report = await new ChangeValidator().CompareAsync(scenario, Path.Combine(work, "repo"), "HEAD", null);
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            _ = MarkdownChangeReport.Build(report);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
