namespace PlatformValidation.Validators.Live.Reports;

/// <summary>
/// What a developer needs to understand a failing app without a cluster: Argo CD's conditions and operation
/// message, each managed resource's health, recent events, pod logs and the live-vs-desired difference.
/// </summary>
public sealed record AppDiagnostics(
    string App,
    string? Profile,
    string SyncStatus,
    string HealthStatus,
    string? OperationMessage,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<ResourceHealth> Resources,
    IReadOnlyList<string> Events,
    IReadOnlyList<PodLog> PodLogs,
    IReadOnlyList<ResourceDiff> Diffs);

/// <summary>One managed resource's sync and health state.</summary>
public sealed record ResourceHealth(string Resource, string? SyncStatus, string? Health, string? Message);

/// <summary>The tail of one container's log.</summary>
public sealed record PodLog(string Pod, string Container, string Text);

/// <summary>How a live resource differs from what Git says (unified-style text), or that it is missing.</summary>
public sealed record ResourceDiff(string Resource, string Text);
