namespace PlatformValidation.Validators.Live.Reports;

/// <summary>How one check ended.</summary>
public enum CheckOutcome
{
    Passed,
    Failed,
    Skipped,
}
