using PlatformValidation.Validators.Live.Steps;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>The registered live suites, as the static analyzers are registered in <c>StaticValidator.DefaultAnalyzers</c>.</summary>
public static class LiveSuites
{
    /// <summary>Every built-in suite, in the order a full run executes them (the order of <c>SuiteKinds.All</c>).</summary>
    public static IReadOnlyList<ILiveSuite> Default { get; } =
    [
        new StaticSuite(),
        new ProfileMatrixSuite(),
        new NarrowingSuite(),
        new CostGateSuite(),
        new GroupToggleSuite(),
        new GpuSmokeSuite(),
    ];

    /// <summary>The suite of kind <paramref name="kind"/>, or null for an unknown kind.</summary>
    public static ILiveSuite? Find(string kind) => Default.FirstOrDefault(s => string.Equals(s.Kind, kind, StringComparison.Ordinal));
}
