using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Sync;

/// <summary>A desired/live pair of the comparison, as the sync sees it (<c>reconciledResource</c>).</summary>
public sealed record ReconciledResource(ResourceKey Key, JsonObject? Target, JsonObject? Live, bool OutOfSync);

/// <summary>One entry of <c>operationState.syncResult.resources</c>.</summary>
public sealed record ResourceSyncResult(
    ResourceKey Key,
    string Version,
    ResultCode Status,
    string Message,
    string? HookType,
    OperationPhase? HookPhase,
    SyncPhase SyncPhase,
    IReadOnlyList<string> Images,
    int Order);

/// <summary>The state of a sync operation that survives between iterations.</summary>
public sealed class SyncState
{
    public Dictionary<string, ResourceSyncResult> Results { get; } = new(StringComparer.Ordinal);

    public OperationPhase Phase { get; set; } = OperationPhase.Running;

    public string Message { get; set; } = string.Empty;

    /// <summary>Whether the first iteration (dry run) already happened.</summary>
    public bool Started => Results.Count > 0;

    public IReadOnlyList<ResourceSyncResult> OrderedResults => Results.Values.OrderBy(r => r.Order).ToList();
}
