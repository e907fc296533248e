using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Sync;

/// <summary>One unit of a sync operation: apply a target, prune a live object, or run a hook [ge/sync/sync_task.go].</summary>
public sealed class SyncTask(SyncPhase phase, JsonObject? target, JsonObject? live)
{
    public SyncPhase Phase { get; set; } = phase;

    public JsonObject? Target { get; set; } = target;

    public JsonObject? Live { get; set; } = live;

    public int? WaveOverride { get; set; }

    public bool SkipDryRun { get; set; }

    public ResultCode? SyncStatus { get; set; }

    public OperationPhase? OperationState { get; set; }

    public string Message { get; set; } = string.Empty;

    public JsonObject Obj => Target ?? Live ?? throw new InvalidOperationException("a sync task has neither target nor live object");

    public int Wave => WaveOverride ?? SyncAnnotations.Wave(Obj);

    public bool IsPrune => Target is null;

    public bool IsHook => SyncAnnotations.IsHook(Obj);

    public ResourceKey Key => ResourceKey.Of(Obj);

    public string ApiVersion => Json.Str(Obj, "apiVersion") ?? string.Empty;

    public string Kind => Json.Str(Obj, "kind") ?? string.Empty;

    public string Name => Json.Str(Obj, "metadata.name") ?? string.Empty;

    public string ResultKey => $"{Key}:{Phase}";

    public bool Pending => OperationState is null;

    public bool Running => OperationState is OperationPhase.Running or OperationPhase.Terminating;

    public bool Completed => OperationState?.IsCompleted() == true;

    public bool Successful => OperationState == OperationPhase.Succeeded;

    public bool Pruned => SyncStatus == ResultCode.Pruned;

    public bool HasDeletePolicy(HookDeletePolicy p) => IsHook && SyncAnnotations.DeletePolicies(Obj).Contains(p);

    public bool DeleteBeforeCreation => Live is not null && Pending && HasDeletePolicy(HookDeletePolicy.BeforeHookCreation);

    public bool DeleteOnSuccess => Live is not null && HasDeletePolicy(HookDeletePolicy.HookSucceeded);

    public bool DeleteOnFailure => Live is not null && HasDeletePolicy(HookDeletePolicy.HookFailed);

    public override string ToString() => $"{Phase}/{Wave} {(IsHook ? "hook" : "resource")} {Key} {SyncStatus}/{OperationState}";
}
