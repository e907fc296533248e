namespace PlatformValidation.Validators.Findings;

/// <summary>How bad a finding is. Only <see cref="Error"/> makes a run fail (exit code 1).</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
}
