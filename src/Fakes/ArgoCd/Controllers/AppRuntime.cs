using PlatformValidation.Fakes.ArgoCd.Sync;

namespace PlatformValidation.Fakes.ArgoCd.Controllers;

/// <summary>In-memory state the controller keeps per Application between reconciles (the running operation).</summary>
internal sealed class AppRuntime
{
    public string? OperationKey { get; set; }

    public SyncState? Sync { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public long RetryCount { get; set; }

    public DateTimeOffset? RetryAt { get; set; }

    public string? RetryMessage { get; set; }

    public DateTimeOffset? NextStepAt { get; set; }

    /// <summary>Auto-sync wrote an operation that the cache has not shown yet (no second one meanwhile).</summary>
    public DateTimeOffset? OperationRequestedAt { get; set; }

    public DateTimeOffset? LastReconciledWrite { get; set; }

    public int Errors { get; set; }

    /// <summary>The resourceVersion of the app when its operation completed: a cached copy still at that version is stale.</summary>
    public string? CompletedAtResourceVersion { get; set; }
}
