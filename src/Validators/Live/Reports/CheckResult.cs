namespace PlatformValidation.Validators.Live.Reports;

/// <summary>
/// One check of a run: which suite and check (stable names such as <c>profile-matrix</c> / <c>apps-healthy</c>),
/// the profile and app it concerns, how it ended and a message that names the app and the cause.
/// </summary>
public sealed record CheckResult(
    string Suite,
    string Check,
    string? Profile,
    CheckOutcome Outcome,
    string Message,
    TimeSpan Duration)
{
    /// <summary>The Application the check concerns, when there is one.</summary>
    public string? App { get; init; }

    /// <summary>The column of the profile × check matrix this check lands in.</summary>
    public string Column => $"{Suite}/{Check}";
}
