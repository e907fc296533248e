namespace PlatformValidation.Validators.Live.Runner;

/// <summary>
/// One ordered step of a suite: a stable name, the profile it concerns, its timeout (named, so the timeout
/// message can say which setting to raise) and what it does. A step records checks on the context; it throws
/// only when the suite cannot go on.
/// </summary>
public sealed record LiveStep(string Name, string? Profile, TimeSpan Timeout, string TimeoutName, Func<RunContext, CancellationToken, Task> Run);
