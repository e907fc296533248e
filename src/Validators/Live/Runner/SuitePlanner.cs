using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>Turns a suite definition into its ordered steps (the suite's timeouts applied to the context first).</summary>
public static class SuitePlanner
{
    public static IEnumerable<LiveStep> Plan(RunContext ctx, SuiteDefinition suite, IStaticAnalysis? analysis)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(suite);
        var kind = LiveSuites.Find(suite.Kind)
            ?? throw new ScenarioRunException($"Suite '{suite.Name}' has unknown kind '{suite.Kind}' ({suite.Location}); use one of: {string.Join(", ", SuiteKinds.All)}.");
        return kind.Plan(ctx, suite, analysis);
    }

    /// <summary>The scenario's timeouts with the suite's overrides.</summary>
    public static LiveTimeouts TimeoutsFor(LiveTimeouts baseline, SuiteDefinition suite)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(suite);
        var t = baseline;
        foreach (var (name, value) in suite.Timeouts)
        {
            t = t.With(name, value);
        }

        return t;
    }
}
