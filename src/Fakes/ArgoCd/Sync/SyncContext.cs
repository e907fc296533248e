using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Sync;

/// <summary>
/// One iteration of a sync operation, ported from gitops-engine's <c>syncContext.Sync</c>
/// [ge/sync/sync_context.go; ARGOCD-SEMANTICS §4.3]. The controller calls <see cref="SyncAsync"/> again on every
/// reconcile until <see cref="SyncState.Phase"/> is terminal; per-task results persist in <see cref="SyncState"/>.
/// </summary>
public sealed partial class SyncContext(SyncSettings settings, SyncState state, IResourceOperations ops)
{
    private enum RunState
    {
        Successful,
        Pending,
        Failed,
    }

    private int order;

    public SyncState State => state;

    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        order = state.Results.Count == 0 ? 0 : state.Results.Values.Max(r => r.Order);
        var (tasks, ok) = await GetSyncTasksAsync(cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            // ≥3.5: the distinct causes follow the generic message.
            var causes = state.Results.Values.Where(r => r.Status == ResultCode.SyncFailed && r.Message.Length > 0)
                .Select(r => r.Message).Distinct().Order(StringComparer.Ordinal).ToList();
            SetPhase(OperationPhase.Failed, causes.Count > 0
                ? "one or more synchronization tasks are not valid: " + string.Join("; ", causes)
                : "one or more synchronization tasks are not valid");
            return;
        }

        if (!state.Started)
        {
            var dryRunTasks = tasks;
            if (NamespaceCreationTask(tasks) is { } nsTask)
            {
                if (await RunTasksAsync([nsTask], dryRun: false, cancellationToken).ConfigureAwait(false) == RunState.Failed)
                {
                    await ExecuteSyncFailPhaseAsync([], [nsTask], "the namespace failed to apply", cancellationToken).ConfigureAwait(false);
                    return;
                }

                dryRunTasks = tasks.Where(t => t != nsTask).ToList();
            }

            if (settings.ApplyOutOfSyncOnly)
            {
                dryRunTasks = FilterOutOfSync(dryRunTasks);
            }

            if (await RunTasksAsync(dryRunTasks, dryRun: true, cancellationToken).ConfigureAwait(false) == RunState.Failed)
            {
                SetPhase(OperationPhase.Failed, "one or more objects failed to apply (dry run)");
                return;
            }

            // Mark the operation as started even when the dry run wrote no result.
            if (!state.Started)
            {
                state.Message = "one or more tasks are running";
            }
        }

        // Refresh running tasks from live state (pruning tasks excluded).
        foreach (var task in tasks.Where(t => t.Running && t.Live is not null))
        {
            if (task.IsHook)
            {
                var (hookPhase, hookMessage) = HookPhase(task.Live!);
                SetResult(task, task.SyncStatus ?? ResultCode.Synced, hookPhase, hookMessage);
            }
            else
            {
                var health = settings.Health.Assess(task.Live!);
                if (health is null)
                {
                    SetResult(task, task.SyncStatus ?? ResultCode.Synced, OperationPhase.Succeeded, task.Message);
                }
                else if (health.Status == HealthStatusCode.Healthy)
                {
                    SetResult(task, task.SyncStatus ?? ResultCode.Synced, OperationPhase.Succeeded, health.Message);
                }
                else if (health.Status == HealthStatusCode.Degraded)
                {
                    SetResult(task, task.SyncStatus ?? ResultCode.Synced, OperationPhase.Failed, health.Message);
                }
            }
        }

        var multiStep = SyncTaskOrdering.MultiStep(tasks);
        var running = tasks.Where(t => (multiStep || t.IsHook) && t.Running).ToList();
        if (running.Count > 0)
        {
            foreach (var task in running.Where(t => t.Live is null))
            {
                var live = await TryGetAsync(task, cancellationToken).ConfigureAwait(false);
                if (live is null)
                {
                    SetResult(task, ResultCode.SyncFailed, OperationPhase.Error, $"Resource {task.Key.Group}/{task.Kind}/{task.Name} is missing, it might have been deleted");
                }
            }

            SetRunningPhase(running, pendingDeletion: false);
            return;
        }

        var prunedPending = tasks.Where(t => t.Pruned && t.Live is not null && Json.Str(t.Live, "metadata.deletionTimestamp") is not null).ToList();
        if (prunedPending.Count > 0)
        {
            SetRunningPhase(prunedPending, pendingDeletion: true);
            return;
        }

        foreach (var hook in tasks.Where(t => t.IsHook && t.Completed && t.Live is not null))
        {
            await RemoveHookFinalizerAsync(hook, cancellationToken).ConfigureAwait(false);
        }

        var hooksDeleteOnSuccess = tasks.Where(t => t.IsHook && t.Live is not null && !t.Running && t.DeleteOnSuccess).ToList();
        var hooksDeleteOnFailure = tasks.Where(t => t.IsHook && t.Live is not null && !t.Running && t.DeleteOnFailure).ToList();
        var syncFailTasks = tasks.Where(t => t.Phase == SyncPhase.SyncFail).ToList();
        tasks = tasks.Where(t => t.Phase != SyncPhase.SyncFail).ToList();
        var syncFailed = tasks.Where(t => t.SyncStatus == ResultCode.SyncFailed).ToList();

        if (tasks.Any(t => t.Completed && !t.Successful))
        {
            await DeleteHooksAsync(hooksDeleteOnFailure, cancellationToken).ConfigureAwait(false);
            await ExecuteSyncFailPhaseAsync(syncFailTasks, syncFailed, "one or more synchronization tasks completed unsuccessfully", cancellationToken).ConfigureAwait(false);
            return;
        }

        tasks = tasks.Where(t => t.Pending).ToList();
        if (settings.ApplyOutOfSyncOnly)
        {
            tasks = FilterOutOfSync(tasks);
        }

        if (tasks.Count == 0)
        {
            await DeleteHooksAsync(hooksDeleteOnSuccess, cancellationToken).ConfigureAwait(false);
            SetPhase(OperationPhase.Succeeded, "successfully synced (no more tasks)");
            return;
        }

        var phase = tasks[0].Phase;
        var wave = tasks[0].Wave;
        var current = tasks.Where(t => t.Phase == phase && t.Wave == wave).ToList();
        var remaining = tasks.Count - current.Count;
        SetPhase(OperationPhase.Running, "one or more tasks are running");
        var runState = await RunTasksAsync(current, dryRun: false, cancellationToken).ConfigureAwait(false);
        switch (runState)
        {
            case RunState.Failed:
                var failedNow = current.Where(t => t.SyncStatus == ResultCode.SyncFailed).ToList();
                var runningHooks = current.Where(t => t.Running).ToList();
                if (runningHooks.Count > 0)
                {
                    if (syncFailTasks.Count > 0)
                    {
                        var completed = await ExecuteSyncFailPhaseAsync(syncFailTasks, failedNow, "one or more objects failed to apply", cancellationToken).ConfigureAwait(false);
                        if (!completed)
                        {
                            runningHooks.AddRange(syncFailTasks);
                        }
                    }

                    SetRunningPhase(runningHooks, pendingDeletion: false);
                }
                else if (await ExecuteSyncFailPhaseAsync(syncFailTasks, failedNow, "one or more objects failed to apply", cancellationToken).ConfigureAwait(false))
                {
                    await DeleteHooksAsync(hooksDeleteOnFailure, cancellationToken).ConfigureAwait(false);
                }

                break;
            case RunState.Successful:
                // The final wave is not health-gated unless it contains hooks [ge/sync/sync_context.go].
                if (remaining == 0 && !current.Any(t => t.IsHook))
                {
                    await DeleteHooksAsync(hooksDeleteOnSuccess, cancellationToken).ConfigureAwait(false);
                    SetPhase(OperationPhase.Succeeded, "successfully synced (all tasks run)");
                }
                else
                {
                    SetRunningPhase(current, pendingDeletion: false);
                }

                break;
            default:
                SetRunningPhase(current.Where(t => t.DeleteBeforeCreation || (t.IsPrune && t.Pending)).ToList(), pendingDeletion: true);
                break;
        }
    }

    /// <summary>Whether the phase/wave just run was a non-final step (the controller then waits the wave delay).</summary>
    public bool AdvancedWave => state.Phase == OperationPhase.Running;

    private (OperationPhase Phase, string Message) HookPhase(JsonObject live)
    {
        var health = settings.Health.Assess(live);
        if (health is null)
        {
            return (OperationPhase.Succeeded, $"{Json.Str(live, "metadata.name")} created");
        }

        return health.Status switch
        {
            HealthStatusCode.Unknown or HealthStatusCode.Degraded => (OperationPhase.Failed, health.Message),
            HealthStatusCode.Progressing or HealthStatusCode.Suspended => (OperationPhase.Running, health.Message),
            _ => (OperationPhase.Succeeded, health.Message),
        };
    }

    private List<SyncTask> FilterOutOfSync(List<SyncTask> tasks)
    {
        var outOfSync = settings.Resources.Where(r => r.OutOfSync).Select(r => r.Key).ToHashSet();
        return tasks.Where(t => t.IsHook || t.IsPrune || t.Live is null || outOfSync.Contains(t.Key)).ToList();
    }

    private void SetPhase(OperationPhase phase, string message)
    {
        state.Phase = phase;
        state.Message = message;
    }

    private void SetRunningPhase(IReadOnlyList<SyncTask> tasks, bool pendingDeletion)
    {
        if (tasks.Count == 0)
        {
            SetPhase(OperationPhase.Running, string.Empty);
            return;
        }

        var hooks = tasks.Where(t => t.IsHook).ToList();
        var resources = tasks.Where(t => !t.IsHook).ToList();
        var reason = hooks.Count == 0 ? "healthy state of" : "completion of hook";
        var taskType = resources.Count == 0 ? "hooks" : "resources";
        if (pendingDeletion)
        {
            reason = hooks.Count == 0 ? "deletion of" : "deletion of hook";
        }

        var first = hooks.Count > 0 ? hooks[0] : resources[0];
        var additional = tasks.Count - 1;
        if (!settings.PruneConfirmed)
        {
            var toConfirm = tasks.Where(t => t.IsPrune && RequiresPruneConfirmation(t.Live)).ToList();
            if (toConfirm.Count > 0)
            {
                reason = "pruning confirmation of";
                first = toConfirm[0];
                additional = toConfirm.Count - 1;
            }
        }

        var message = $"waiting for {reason} {first.Key.Group}/{first.Kind}/{first.Name}";
        if (additional > 0)
        {
            message += $" and {additional} more {taskType}";
        }

        SetPhase(OperationPhase.Running, message);
    }

    private bool RequiresPruneConfirmation(JsonObject? live) =>
        SyncAnnotations.Options(live)["Prune"] is { } p ? p == "confirm" : settings.Options["Prune"] == "confirm";

    private bool PruningDisabled(JsonObject? live) =>
        SyncAnnotations.Options(live)["Prune"] is { } p ? p == "false" : settings.Options["Prune"] == "false";

    private void SetResult(SyncTask task, ResultCode status, OperationPhase? phase, string message)
    {
        task.SyncStatus = status;
        task.OperationState = phase;
        if (message.Length > 0)
        {
            task.Message = message;
        }

        var key = task.Key;
        if (task.Live is not null)
        {
            key = key with { Namespace = Json.Str(task.Live, "metadata.namespace") ?? key.Namespace };
        }

        var existingOrder = state.Results.TryGetValue(task.ResultKey, out var existing) ? existing.Order : ++order;
        var (_, version) = ResourceKey.SplitApiVersion(task.ApiVersion);
        state.Results[task.ResultKey] = new ResourceSyncResult(
            key,
            version,
            status,
            task.Message,
            task.IsHook ? task.Phase.ToString() : null,
            phase,
            task.Phase,
            Images(task.Obj),
            existingOrder);
    }

    private static List<string> Images(JsonObject obj)
    {
        var images = new List<string>();
        void Collect(JsonNode? spec)
        {
            foreach (var c in Json.Objects(spec, "containers").Concat(Json.Objects(spec, "initContainers")))
            {
                if (Json.Str(c, "image") is { } i)
                {
                    images.Add(i);
                }
            }
        }

        Collect(Json.Obj(obj, "spec"));
        Collect(Json.Obj(obj, "spec.template.spec"));
        Collect(Json.Obj(obj, "spec.jobTemplate.spec.template.spec"));
        return images;
    }
}
