using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Reports;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>
/// Receives a run's progress as it happens (console progress, dashboard, telemetry). Calls come from the runner's
/// thread, one at a time; implementations must be quick and must not throw.
/// </summary>
public interface IRunObserver
{
    void StepStarted(string suite, string step, string? profile);

    void StepFinished(StepRecord step);

    void CheckRecorded(CheckResult check);

    void AppHealthy(string profile, string app, TimeSpan timeToHealthy);

    /// <summary>A line of progress (already redacted).</summary>
    void Info(string message);

    /// <summary>The static findings of one profile (each with its profile set).</summary>
    void FindingsRecorded(string profile, IReadOnlyList<Finding> findings)
    {
    }

    /// <summary>The diagnostics of a failing app, once collected (already redacted).</summary>
    void DiagnosticsCollected(AppDiagnostics diagnostics)
    {
    }
}

/// <summary>An observer that ignores everything.</summary>
public sealed class NullRunObserver : IRunObserver
{
    public static NullRunObserver Instance { get; } = new();

    public void StepStarted(string suite, string step, string? profile)
    {
    }

    public void StepFinished(StepRecord step)
    {
    }

    public void CheckRecorded(CheckResult check)
    {
    }

    public void AppHealthy(string profile, string app, TimeSpan timeToHealthy)
    {
    }

    public void Info(string message)
    {
    }
}
