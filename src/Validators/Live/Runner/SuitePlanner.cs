using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Steps;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>Turns a suite definition into its ordered steps (the suite's timeouts applied to the context first).</summary>
public static class SuitePlanner
{
    public static IEnumerable<LiveStep> Plan(RunContext ctx, SuiteDefinition suite, IStaticAnalysis? analysis)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(suite);
        return suite.Kind switch
        {
            SuiteKinds.Static => StaticSuite.Steps(ctx, suite, analysis),
            SuiteKinds.ProfileMatrix => ProfileMatrixSuite.Steps(ctx, suite),
            SuiteKinds.Narrowing => NarrowingSuite.Steps(ctx, suite),
            SuiteKinds.CostGates => CostGateSuite.Steps(ctx, suite),
            SuiteKinds.GroupToggle => GroupToggleSuite.Steps(ctx, suite),
            SuiteKinds.GpuSmoke => GpuSmokeSuite.Steps(ctx, suite),
            _ => throw new ScenarioRunException($"Suite '{suite.Name}' has unknown kind '{suite.Kind}' ({suite.Location}); use one of: {string.Join(", ", SuiteKinds.All)}."),
        };
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
