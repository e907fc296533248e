using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// <c>profile-matrix</c>: each profile in turn (narrowest first) is applied as <c>make root</c> does, every
/// auto-sync app must become Synced+Healthy (time-to-healthy recorded per app), no auto-sync app may hold a GPU at
/// rest (<see cref="GpuAtRest"/>), no resource may have two owning apps (<see cref="SharedResources"/>), then the
/// profile's probes run (<c>make doctor</c>).
/// </summary>
public sealed class ProfileMatrixSuite : ILiveSuite
{
    public string Kind => SuiteKinds.ProfileMatrix;

    public IEnumerable<LiveStep> Plan(RunContext ctx, SuiteDefinition suite, IStaticAnalysis? analysis) => Steps(ctx, suite);

    public static IEnumerable<LiveStep> Steps(RunContext ctx, SuiteDefinition suite)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(suite);
        var profiles = suite.Profiles.Count > 0 ? suite.Profiles : ctx.Scenario.Profiles.Select(p => p.Name).ToList();
        var t = ctx.Timeouts;
        foreach (var profile in profiles)
        {
            var appliedAt = DateTimeOffset.MinValue;
            yield return new LiveStep(LiveChecks.ApplyProfile, profile, t.Apply, "apply", async (c, token) =>
            {
                appliedAt = c.Time.GetUtcNow();
                await ProfileSteps.ApplyAsync(c, profile, token);
            });
            yield return new LiveStep(LiveChecks.WaitHealthy, profile, t.Healthy + t.Settle + ProfileSteps.ReportingAllowance, "healthy", async (c, token) =>
            {
                try
                {
                    await ProfileSteps.WaitHealthyAsync(c, profile, appliedAt, token);
                }
                catch (StepFailedException e)
                {
                    // The failure is recorded per app; go on with the next profile, as a nightly matrix should.
                    c.Info(e.Message);
                }
            });
            yield return new LiveStep(GpuAtRest.Check, profile, t.Sync, "sync", (c, token) => GpuAtRest.CheckAsync(c, profile, token));
            yield return new LiveStep(SharedResources.Check, profile, t.Sync, "sync", (c, token) => SharedResources.CheckAsync(c, profile, token));
            yield return new LiveStep(LiveChecks.Probes, profile, (t.Probe * Math.Max(1, ctx.Scenario.Probes.GetValueOrDefault(profile)?.Count ?? 1)) + ProfileSteps.ReportingAllowance, "probe", (c, token) => ProfileSteps.ProbeAsync(c, profile, token));
        }
    }
}
