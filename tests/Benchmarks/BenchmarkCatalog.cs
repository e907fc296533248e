namespace PlatformValidation.Benchmarks;

/// <summary>Names every benchmark the program can run; each prints its own figures.</summary>
internal static class BenchmarkCatalog
{
    // One line per benchmark: name → runner. Keep the list sorted by name.
    private static readonly Dictionary<string, Func<string[], Task<int>>> Benchmarks = new(StringComparer.Ordinal)
    {
        ["argocd"] = ArgoCdBenchmark.RunAsync,
        ["expand"] = ExpandBenchmark.RunAsync,
        ["fake-llm"] = FakeLlmBenchmark.RunAsync,
        ["helm"] = HelmBenchmark.RunAsync,
        ["matrix"] = MatrixBenchmark.RunAsync,
        ["report"] = ReportBenchmark.RunAsync,
        ["sim-cluster"] = SimClusterBenchmark.RunAsync,
        ["validate"] = ValidateBenchmark.RunAsync,
        ["validate-base"] = ValidateBaseBenchmark.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine("usage: Benchmarks <name> [options]");
            Console.Error.WriteLine("benchmarks: " + string.Join(", ", Benchmarks.Keys.Order(StringComparer.Ordinal)));
            return 2;
        }

        return await run(args[1..]);
    }
}
