using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;

namespace PlatformValidation.AppHost.Telemetry;

/// <summary>Forwards a run's progress to several observers (console, telemetry, dashboard).</summary>
public sealed class CompositeRunObserver(params IRunObserver[] observers) : IRunObserver
{
    public void StepStarted(string suite, string step, string? profile)
    {
        foreach (var o in observers)
        {
            o.StepStarted(suite, step, profile);
        }
    }

    public void StepFinished(StepRecord step)
    {
        foreach (var o in observers)
        {
            o.StepFinished(step);
        }
    }

    public void CheckRecorded(CheckResult check)
    {
        foreach (var o in observers)
        {
            o.CheckRecorded(check);
        }
    }

    public void AppHealthy(string profile, string app, TimeSpan timeToHealthy)
    {
        foreach (var o in observers)
        {
            o.AppHealthy(profile, app, timeToHealthy);
        }
    }

    public void Info(string message)
    {
        foreach (var o in observers)
        {
            o.Info(message);
        }
    }

    public void FindingsRecorded(string profile, IReadOnlyList<Finding> findings)
    {
        foreach (var o in observers)
        {
            o.FindingsRecorded(profile, findings);
        }
    }

    public void DiagnosticsCollected(AppDiagnostics diagnostics)
    {
        foreach (var o in observers)
        {
            o.DiagnosticsCollected(diagnostics);
        }
    }
}
