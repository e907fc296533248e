namespace PlatformValidation.Validators.Live.Reports;

/// <summary>One executed step: how long it ran and how much of that was spent waiting on the cluster.</summary>
public sealed record StepRecord(string Suite, string Step, string? Profile, TimeSpan Duration, TimeSpan Waiting, CheckOutcome Outcome);
