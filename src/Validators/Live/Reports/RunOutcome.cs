namespace PlatformValidation.Validators.Live.Reports;

/// <summary>How a whole run ended; maps to the exit codes 0 (Passed), 1 (Failed), 2 (CouldNotRun, Cancelled).</summary>
public enum RunOutcome
{
    Passed,
    Failed,
    CouldNotRun,
    Cancelled,
}
