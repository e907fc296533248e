using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>The <c>static</c> suite's view of the static path: <see cref="StaticValidator"/> run once per scenario, findings split by profile.</summary>
public sealed class StaticValidatorAnalysis : IStaticAnalysis
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private ValidationReport? report;

    public async Task<IReadOnlyList<Finding>> AnalyzeAsync(LiveScenario scenario, string profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var parsed = scenario.Model;
        await gate.WaitAsync(cancellationToken);
        try
        {
            report ??= await new StaticValidator().ValidateAsync(parsed, cancellationToken);
        }
        finally
        {
            gate.Release();
        }

        return report.Findings.Where(f => f.Profile is null || f.Profile == profile).ToList();
    }
}
