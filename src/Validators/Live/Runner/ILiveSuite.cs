using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>
/// A live suite kind: its stable name (<see cref="SuiteKinds"/>) and how a suite definition of that kind turns into
/// ordered steps. The built-in suites are registered in <see cref="LiveSuites.Default"/>.
/// </summary>
public interface ILiveSuite
{
    /// <summary>The kind scenario files and reports use (<c>profile-matrix</c>, <c>cost-gates</c>, …).</summary>
    string Kind { get; }

    /// <summary>The suite's steps, in order; <paramref name="analysis"/> is null when static analysis is not available.</summary>
    IEnumerable<LiveStep> Plan(RunContext ctx, SuiteDefinition suite, IStaticAnalysis? analysis);
}
