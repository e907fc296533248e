using System.Text;
using PlatformValidation.Scenario.Tests.Support;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Reports;

namespace PlatformValidation.Scenario.Tests;

/// <summary>
/// Every profile × check of the scenario as one NUnit test case (generated from the scenario file by
/// <see cref="ScenarioCases"/>; properties <c>Profile</c>, <c>Suite</c> and <c>Check</c>), read from the one run of
/// <see cref="ScenarioRun"/>. A failing case's message is each failing check's message with its fix hint and ID; a
/// passing one lists what passed; a check the run skipped (no groups file, no GPU cluster, a suite stopped earlier)
/// is an ignored case with the reason.
/// </summary>
[TestFixture]
[Category(TestCategories.Slow)]
public sealed class ScenarioSuiteTests
{
    [TestCaseSource(typeof(ScenarioCases), nameof(ScenarioCases.All))]
    public void Check(string profile, string suite, string check)
    {
        if (suite == ScenarioCases.CouldNotLoad)
        {
            Assert.Fail(check);
        }

        var run = ScenarioRun.Results;
        var key = new StepKey(suite, check, profile == StepKey.AllProfiles ? null : profile);
        var checks = run.Steps.ChecksOf(key);
        var runs = run.Steps.RunsOf(key);
        if (runs.Count == 0 && checks.Count == 0)
        {
            NotRun(run.Report, key);
        }

        var failed = checks.Where(c => c.Outcome == CheckOutcome.Failed).ToList();
        if (failed.Count > 0)
        {
            Assert.Fail(Describe(failed));
        }

        if (runs.Any(r => r.Outcome == CheckOutcome.Failed))
        {
            Assert.Fail($"step {key.Step} failed without a failed check; the run's console output:\n{run.Console}");
        }

        if (checks.Count > 0 && checks.All(c => c.Outcome == CheckOutcome.Skipped))
        {
            Assert.Ignore(Describe(checks));
        }

        Assert.Pass(checks.Count == 0 ? $"{key.Step}: done in {runs.Sum(r => r.Duration.TotalSeconds):0.0} s" : Describe(checks));
    }

    /// <summary>The step did not run: skipped after an earlier step stopped its suite, or the run ended before it.</summary>
    private static void NotRun(RunReport report, StepKey key)
    {
        if (report.Outcome is RunOutcome.CouldNotRun or RunOutcome.Cancelled)
        {
            Assert.Fail($"the run ended {report.Outcome} before {key}: {report.Message}");
        }

        if (report.Steps.Any(s => s.Suite == key.Suite && s.Step == key.Step && s.Profile == key.Profile && s.Outcome == CheckOutcome.Skipped))
        {
            var why = report.Checks.FirstOrDefault(c => c.Suite == key.Suite && c.Check == LiveChecks.SuiteStopped)?.Message ?? "an earlier step stopped the suite";
            Assert.Ignore($"not run: {why}");
        }

        if (key.Step is StepKey.Cleanup or LiveChecks.Released)
        {
            Assert.Pass(key.Step == LiveChecks.Released ? "no cost-gated workload was left scaled up" : "every cleanup of the suite succeeded");
        }

        Assert.Ignore($"the run did not reach {key} (planned from the scenario, not run on this substrate)");
    }

    private static string Describe(IEnumerable<CheckResult> checks)
    {
        var text = new StringBuilder();
        foreach (var c in checks)
        {
            text.Append(c.Outcome.ToString().ToLowerInvariant()).Append(' ').Append(c.Check);
            if (c.App is { } app)
            {
                text.Append(" (app ").Append(app).Append(')');
            }

            text.Append(": ").AppendLine(c.Message);
            if (c.Outcome == CheckOutcome.Failed && LiveCheckCatalog.Find(c.Check) is { } d)
            {
                text.Append("  fix: ").Append(d.FixHint).Append(" [").Append(d.Id).AppendLine("]");
            }
        }

        return text.ToString().TrimEnd();
    }
}
