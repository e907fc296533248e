using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Live.Reports.Html;

/// <summary>A status as shown: an icon, a word, and a tone (the CSS colour class). Words carry the meaning.</summary>
internal sealed record Status(string Icon, string Word, string Tone)
{
    public static readonly Status Passed = new("✔", "passed", "ok");
    public static readonly Status Failed = new("✖", "failed", "bad");
    public static readonly Status Skipped = new("⊘", "skipped", "skip");
    public static readonly Status Pending = new("…", "pending", "pending");
    public static readonly Status NotRun = new("·", "not run", "none");
    public static readonly Status Running = new("▶", "running", "pending");

    public static Status Of(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => Passed,
        CheckOutcome.Failed => Failed,
        _ => Skipped,
    };

    public static Status Of(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Passed => Passed,
        RunOutcome.Failed => Failed,
        RunOutcome.CouldNotRun => new("⚠", "could not run", "bad"),
        _ => new("■", "cancelled", "warn"),
    };

    public static Status Of(Severity severity) => severity switch
    {
        Severity.Error => new("✖", "error", "bad"),
        Severity.Warning => new("⚠", "warning", "warn"),
        _ => new("ℹ", "info", "info"),
    };

    /// <summary>Argo CD's sync status (Synced, OutOfSync, Unknown).</summary>
    public static Status OfSync(string? sync) => sync switch
    {
        "Synced" => new("✔", "Synced", "ok"),
        "OutOfSync" => new("≠", "OutOfSync", "warn"),
        null or "" => new("?", "Unknown", "none"),
        _ => new("?", sync, "none"),
    };

    /// <summary>Argo CD's health status (Healthy, Progressing, Degraded, Suspended, Missing, Unknown).</summary>
    public static Status OfHealth(string? health) => health switch
    {
        "Healthy" => new("✔", "Healthy", "ok"),
        "Progressing" => new("◔", "Progressing", "pending"),
        "Degraded" => new("✖", "Degraded", "bad"),
        "Missing" => new("✖", "Missing", "bad"),
        "Suspended" => new("⏸", "Suspended", "warn"),
        null or "" => new("?", "Unknown", "none"),
        _ => new("?", health, "none"),
    };

    /// <summary>An AppHost resource's state (NotStarted, Waiting, Starting, Running, Finished, FailedToStart, Stopping, Stopped).</summary>
    public static Status OfResourceState(string state) => state switch
    {
        "Running" => new("✔", "running", "ok"),
        "Finished" => new("✔", "finished", "ok"),
        "FailedToStart" => new("✖", "failed to start", "bad"),
        "Starting" => new("…", "starting", "pending"),
        "Waiting" => new("…", "waiting", "pending"),
        "Stopping" => new("■", "stopping", "none"),
        "Stopped" => new("■", "stopped", "none"),
        "NotStarted" => new("·", "not started", "none"),
        _ => new("?", state, "none"),
    };

    /// <summary>An AppHost resource's health in words (healthy, unhealthy, starting, …).</summary>
    public static Status OfResourceHealth(string health) => health switch
    {
        "healthy" => new("✔", "healthy", "ok"),
        "unhealthy" => new("✖", "unhealthy", "bad"),
        "starting" => new("…", "starting", "pending"),
        _ => new("·", health, "none"),
    };
}
