namespace PlatformValidation.Fakes.ArgoCd.Sync;

/// <summary>Sync phases in execution order (PreSync −1, Sync 0, PostSync 1, SyncFail 2) [ge/sync/sync_tasks.go].</summary>
public enum SyncPhase
{
    PreSync = -1,
    Sync = 0,
    PostSync = 1,
    SyncFail = 2,
}

/// <summary>Hook delete policies [ug/sync-waves "Hook lifecycle and cleanup"].</summary>
public enum HookDeletePolicy
{
    BeforeHookCreation,
    HookSucceeded,
    HookFailed,
}

/// <summary>Per-resource result codes in <c>syncResult.resources[].status</c>.</summary>
public enum ResultCode
{
    Synced,
    SyncFailed,
    Pruned,
    PruneSkipped,
}

/// <summary>Operation phases (also used as a task's hookPhase).</summary>
public enum OperationPhase
{
    Running,
    Terminating,
    Failed,
    Error,
    Succeeded,
}

public static class OperationPhaseExtensions
{
    public static bool IsCompleted(this OperationPhase p) => p is OperationPhase.Failed or OperationPhase.Error or OperationPhase.Succeeded;

    public static bool IsSuccessful(this OperationPhase p) => p == OperationPhase.Succeeded;

    /// <summary>gitops-engine operationPhases: the phase a task enters with a result code.</summary>
    public static OperationPhase ToPhase(this ResultCode code) => code switch
    {
        ResultCode.Synced => OperationPhase.Running,
        ResultCode.SyncFailed => OperationPhase.Failed,
        _ => OperationPhase.Succeeded,
    };
}
