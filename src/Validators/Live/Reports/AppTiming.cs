namespace PlatformValidation.Validators.Live.Reports;

/// <summary>How long an app took to become Synced and Healthy after its profile was applied (null when it never did).</summary>
public sealed record AppTiming(string Profile, string App, TimeSpan? TimeToHealthy);
