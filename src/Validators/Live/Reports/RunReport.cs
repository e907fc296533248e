using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Live.Reports;

/// <summary>
/// Everything a run found, as data: the substrate it ran on, every check, the timings, the executed steps and the
/// diagnostics of failing apps. Renderers (console, JSON, JUnit, HTML, dashboard) read this and nothing else.
/// </summary>
public sealed record RunReport(
    string Scenario,
    string Substrate,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    RunOutcome Outcome,
    IReadOnlyList<string> Profiles,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<AppTiming> Timings,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<AppDiagnostics> Diagnostics)
{
    /// <summary>Why the run could not run or was cancelled, when it did not finish.</summary>
    public string? Message { get; init; }

    /// <summary>The static findings of every profile (each with its profile and file:line), as the <c>static</c> suite found them.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The profile × check matrix.</summary>
    public ProfileMatrix Matrix => ProfileMatrix.From(this);

    public int Passed => Checks.Count(c => c.Outcome == CheckOutcome.Passed);

    public int Failed => Checks.Count(c => c.Outcome == CheckOutcome.Failed);

    public int Skipped => Checks.Count(c => c.Outcome == CheckOutcome.Skipped);

    /// <summary>The time steps spent waiting on the cluster, over the time of all steps.</summary>
    public double WaitingShare
    {
        get
        {
            var total = Steps.Sum(s => s.Duration.Ticks);
            return total == 0 ? 0 : (double)Steps.Sum(s => s.Waiting.Ticks) / total;
        }
    }
}
