// Entry point for the benchmark programs. Each benchmark registers itself in BenchmarkCatalog.
using PlatformValidation.Benchmarks;

return await BenchmarkCatalog.RunAsync(args);
