using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;

namespace PlatformValidation.AppHost.Telemetry;

/// <summary>Turns a live run's progress into metrics (checks, step durations and waiting, time-to-healthy).</summary>
public sealed class TelemetryRunObserver : IRunObserver
{
    public void StepStarted(string suite, string step, string? profile)
    {
    }

    public void StepFinished(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var tags = new[] { Tag("suite", step.Suite), Tag("step", step.Step), Tag("outcome", step.Outcome.ToString()) };
        PvTelemetry.StepDuration.Record(step.Duration.TotalSeconds, tags);
        PvTelemetry.StepWaiting.Record(step.Waiting.TotalSeconds, tags[..2]);
    }

    public void CheckRecorded(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        PvTelemetry.Checks.Add(1, Tag("outcome", check.Outcome.ToString().ToLowerInvariant()), Tag("suite", check.Suite), Tag("profile", check.Profile ?? "all"));
    }

    public void AppHealthy(string profile, string app, TimeSpan timeToHealthy) =>
        PvTelemetry.TimeToHealthy.Record(timeToHealthy.TotalSeconds, Tag("profile", profile), Tag("app", app));

    public void Info(string message)
    {
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
