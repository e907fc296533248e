using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Automation;

/// <summary>A resource's comparison result as auto-sync reads it.</summary>
public sealed record ResourceSyncState(ResourceKey Key, string Status, bool RequiresPruning);

/// <summary>What the last operation did, from <c>status.operationState</c>.</summary>
public sealed record LastOperation(
    bool Completed,
    bool Succeeded,
    bool HasSyncResult,
    IReadOnlyList<string> Revisions,
    string SourcesJson,
    string Message,
    DateTimeOffset? FinishedAt,
    int SelfHealAttempts);

/// <summary>Inputs of the automated-sync decision.</summary>
public sealed record AutoSyncInput
{
    public bool Automated { get; init; }

    public bool Prune { get; init; }

    public bool SelfHeal { get; init; }

    public bool AllowEmpty { get; init; }

    public bool OperationInProgress { get; init; }

    public bool Deleting { get; init; }

    public required string SyncStatus { get; init; }

    public IReadOnlyList<ResourceSyncState> Resources { get; init; } = [];

    public required IReadOnlyList<string> DesiredRevisions { get; init; }

    /// <summary>The current spec source(s), serialized canonically, compared with the last sync's.</summary>
    public required string CurrentSourcesJson { get; init; }

    public LastOperation? Last { get; init; }

    public DateTimeOffset Now { get; init; }
}

/// <summary>The decision: start a sync (optionally selective), report a SyncError, or wait.</summary>
public sealed record AutoSyncDecision(bool Start, IReadOnlyList<ResourceKey>? SelectiveResources, int SelfHealAttempts, string? SyncError, TimeSpan? RecheckAfter)
{
    public static AutoSyncDecision None { get; } = new(false, null, 0, null, null);
}

/// <summary>
/// Automated sync [ug/auto_sync; controller/appcontroller.go autoSync, alreadyAttemptedSync; ARGOCD-SEMANTICS §5.1]:
/// only when OutOfSync and no operation runs; never re-syncs a revision (and source spec) whose last attempt failed;
/// self-heal only after a successful attempt of the same revision, as a selective sync of the non-Synced resources
/// after the self-heal backoff; refuses to wipe out all resources unless allowEmpty.
/// </summary>
public static class AutoSyncPolicy
{
    public static AutoSyncDecision Decide(AutoSyncInput input, SelfHealBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(backoff);
        if (!input.Automated || input.OperationInProgress || input.Deleting || input.SyncStatus != "OutOfSync")
        {
            return AutoSyncDecision.None;
        }

        if (!input.Prune && input.Resources.All(r => r.Status == "Synced" || r.RequiresPruning))
        {
            return AutoSyncDecision.None;
        }

        var revisionsText = "[" + string.Join(" ", input.DesiredRevisions) + "]";
        IReadOnlyList<ResourceKey>? selective = null;
        var attempts = 0;
        if (input.Last is { } last && AlreadyAttempted(input, last))
        {
            if (!last.Succeeded)
            {
                return new AutoSyncDecision(false, null, 0, $"Failed last sync attempt to {revisionsText}: {last.Message}", null);
            }

            if (!input.SelfHeal)
            {
                return AutoSyncDecision.None;
            }

            attempts = last.SelfHealAttempts;
            var remaining = backoff.Remaining(attempts, last.FinishedAt, input.Now);
            if (remaining > TimeSpan.Zero)
            {
                return new AutoSyncDecision(false, null, attempts, null, remaining);
            }

            attempts++;
            selective = input.Resources.Where(r => r.Status != "Synced").Select(r => r.Key).ToList();
        }

        if (input.Prune && !input.AllowEmpty && input.Resources.All(r => r.RequiresPruning))
        {
            return new AutoSyncDecision(false, null, 0, $"Skipping sync attempt to {revisionsText}: auto-sync will wipe out all resources", null);
        }

        return new AutoSyncDecision(true, selective, attempts, null, null);
    }

    private static bool AlreadyAttempted(AutoSyncInput input, LastOperation last)
    {
        if (!last.HasSyncResult)
        {
            return last.Completed;
        }

        return last.Revisions.SequenceEqual(input.DesiredRevisions, StringComparer.Ordinal) &&
            string.Equals(last.SourcesJson, input.CurrentSourcesJson, StringComparison.Ordinal);
    }
}
