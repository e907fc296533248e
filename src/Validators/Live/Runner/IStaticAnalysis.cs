using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>The static path as the <c>static</c> suite calls it: the analyzers' findings for one profile of the scenario.</summary>
public interface IStaticAnalysis
{
    Task<IReadOnlyList<Finding>> AnalyzeAsync(LiveScenario scenario, string profile, CancellationToken cancellationToken = default);
}
