using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;

namespace PlatformValidation.Tests.Reports;

/// <summary>
/// A progress source the test controls: replays a finished <see cref="RunReport"/> into an <see cref="IRunObserver"/>
/// the way the runner reports a run (findings, then each step with its checks and timings), one event per
/// delay, and ends by setting the final report.
/// </summary>
public static class ProgressReplay
{
    public static async Task RunAsync(RunProgress progress, RunReport report, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var group in report.Findings.GroupBy(f => f.Profile ?? "(all)"))
        {
            progress.FindingsRecorded(group.Key, [.. group]);
        }

        foreach (var check in report.Checks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.StepStarted(check.Suite, check.Check, check.Profile);
            progress.CheckRecorded(check);
            if (check.App is not null && check.Profile is not null && report.Timings.FirstOrDefault(t => t.App == check.App && t.Profile == check.Profile)?.TimeToHealthy is { } t)
            {
                progress.AppHealthy(check.Profile, check.App, t);
            }

            if (check.Outcome == CheckOutcome.Failed && report.Diagnostics.FirstOrDefault(d => d.App == check.App) is { } d)
            {
                progress.DiagnosticsCollected(d);
            }

            await Task.Delay(delay, cancellationToken);
        }

        foreach (var step in report.Steps)
        {
            progress.StepFinished(step);
        }

        progress.Final = report;
    }
}
