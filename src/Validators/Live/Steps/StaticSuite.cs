using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary><c>static</c>: the static analyzers for every profile, the first check of every run (no cluster needed).</summary>
public sealed class StaticSuite : ILiveSuite
{
    public string Kind => SuiteKinds.Static;

    public IEnumerable<LiveStep> Plan(RunContext ctx, SuiteDefinition suite, IStaticAnalysis? analysis) => Steps(ctx, suite, analysis);

    public const string Check = LiveChecks.Findings;

    public static IEnumerable<LiveStep> Steps(RunContext ctx, SuiteDefinition suite, IStaticAnalysis? analysis)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(suite);
        foreach (var profile in ctx.Scenario.Profiles)
        {
            yield return new LiveStep(LiveChecks.Analyze, profile.Name, ctx.Timeouts.Apply, "apply", async (c, token) =>
            {
                if (analysis is null)
                {
                    c.Skip(Check, profile.Name, "static analysis is not available in this build");
                    return;
                }

                var findings = await analysis.AnalyzeAsync(c.Scenario, profile.Name, token);
                c.Record(profile.Name, findings);
                var errors = findings.Where(f => f.Severity == Severity.Error).ToList();
                foreach (var f in errors)
                {
                    c.Fail(Check, profile.Name, $"{f.Id} {f.Message} ({f.Location}) — {f.FixHint}", f.App);
                }

                if (errors.Count == 0)
                {
                    var warnings = findings.Count(f => f.Severity == Severity.Warning);
                    c.Pass(Check, profile.Name, $"no error finding ({warnings} warning(s), {findings.Count - warnings} info)");
                }
            });
        }
    }
}
