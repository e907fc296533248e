using System.Diagnostics;
using System.Globalization;
using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.Benchmarks;

/// <summary>
/// <c>matrix [--runs N] [--scenario FILE]</c>: wall time of the whole matrix on sim (startup to teardown) and the share
/// of step time spent waiting on the cluster versus working. Prints one line per run and the median.
/// </summary>
internal static class MatrixBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(3);
        var file = args.SkipWhile(a => a != "--scenario").Skip(1).FirstOrDefault() ?? ScenarioLocator.FindBundled();
        if (file is null)
        {
            await Console.Error.WriteLineAsync("scenarios/sample.yaml not found; pass --scenario FILE");
            return 2;
        }

        var walls = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var scenario = LiveScenarioFactory.Load(file);
            var sw = Stopwatch.StartNew();
            await using var app = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim) { StaticAnalysis = new StaticValidatorAnalysis() });
            var report = await app.RunAsync((a, token) => a.Resource<ScenarioRunnerResource>("runner").RunAsync(token));
            sw.Stop();
            walls.Add(sw.Elapsed.TotalSeconds);
            var steps = report.Steps.Sum(s => s.Duration.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1}: wall {sw.Elapsed.TotalSeconds:0.00} s (run {report.Duration.TotalSeconds:0.00} s, steps {steps:0.00} s, waiting {report.WaitingShare:P0}, working {1 - report.WaitingShare:P0}); outcome {report.Outcome}, {report.Passed} passed, {report.Failed} failed"));
        }

        walls.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median wall time of matrix on sim: {walls[walls.Count / 2]:0.00} s over {runs} run(s)"));
        return 0;
    }
}
