using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Sync;

public sealed partial class SyncContext
{
    /// <summary>Runs one phase/wave: prunes first, then BeforeHookCreation deletions, then applies grouped by kind [runTasks].</summary>
    private async Task<RunState> RunTasksAsync(List<SyncTask> tasks, bool dryRun, CancellationToken cancellationToken)
    {
        dryRun = dryRun || settings.DryRun;
        var run = RunState.Successful;
        var prunes = tasks.Where(t => t.IsPrune).ToList();
        var creates = tasks.Where(t => !t.IsPrune).ToList();

        if (!dryRun)
        {
            foreach (var hook in creates.Where(t => t.IsHook && t.Pending && t.Live is not null))
            {
                await RemoveHookFinalizerAsync(hook, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!settings.PruneConfirmed && prunes.Any(t => RequiresPruneConfirmation(t.Live)))
        {
            return RunState.Pending;
        }

        foreach (var t in prunes)
        {
            var (code, message) = await PruneAsync(t, dryRun, cancellationToken).ConfigureAwait(false);
            if (code == ResultCode.SyncFailed)
            {
                run = RunState.Failed;
            }

            if (!dryRun || settings.DryRun || code == ResultCode.SyncFailed)
            {
                SetResult(t, code, code.ToPhase(), message);
            }
        }

        if (run != RunState.Successful)
        {
            return run;
        }

        foreach (var t in creates.Where(t => t.DeleteBeforeCreation).ToList())
        {
            if (dryRun)
            {
                continue;
            }

            try
            {
                await ops.DeleteAsync(t.ApiVersion, t.Kind, Json.Str(t.Live!, "metadata.namespace"), t.Name, "Foreground", cancellationToken).ConfigureAwait(false);
                run = RunState.Pending;
            }
            catch (ResourceOperationException e) when (e.IsNotFound)
            {
                t.Live = null;
            }
            catch (ResourceOperationException e)
            {
                run = RunState.Failed;
                SetResult(t, t.SyncStatus ?? ResultCode.Synced, OperationPhase.Error, "failed to delete resource: " + e.Message);
            }
        }

        if (run != RunState.Successful)
        {
            return run;
        }

        // Consecutive tasks of the same kind form a group; groups run one after another, without health waits.
        foreach (var group in GroupByConsecutiveKind(creates))
        {
            foreach (var t in group)
            {
                if (dryRun && t.SkipDryRun)
                {
                    continue;
                }

                var (code, message) = await ApplyAsync(t, dryRun, cancellationToken).ConfigureAwait(false);
                if (code == ResultCode.SyncFailed)
                {
                    run = RunState.Failed;
                }

                if (!dryRun || settings.DryRun || code == ResultCode.SyncFailed)
                {
                    var phase = code.ToPhase();
                    if (settings.DryRun && phase == OperationPhase.Running)
                    {
                        phase = OperationPhase.Succeeded;
                    }

                    SetResult(t, code, phase, message);
                }
            }
        }

        return run;
    }

    private static IEnumerable<List<SyncTask>> GroupByConsecutiveKind(List<SyncTask> tasks)
    {
        var group = new List<SyncTask>();
        foreach (var t in tasks)
        {
            if (group.Count > 0 && group[0].Kind != t.Kind)
            {
                yield return group;
                group = [];
            }

            group.Add(t);
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private async Task<(ResultCode, string)> ApplyAsync(SyncTask t, bool dryRun, CancellationToken cancellationToken)
    {
        var target = t.Target!;
        var resourceOptions = SyncAnnotations.Options(target);
        if (dryRun)
        {
            // Client-side dry run: validates the object shape; the API server is not asked to persist anything.
            if (string.IsNullOrEmpty(Json.Str(target, "metadata.name")))
            {
                return (ResultCode.SyncFailed, $"error validating {t.Kind}: metadata.name is required");
            }

            return (ResultCode.Synced, string.Empty);
        }

        var strategy = settings.Replace || resourceOptions.IsTrue("Replace") ? ApplyStrategy.Replace
            : (settings.ServerSideApply && !resourceOptions.Has("ServerSideApply", "false")) || resourceOptions.IsTrue("ServerSideApply") ? ApplyStrategy.ServerSide
            : ApplyStrategy.ClientSide;
        try
        {
            var message = await ops.ApplyAsync(target, strategy, dryRun: false, cancellationToken).ConfigureAwait(false);
            if (t.Kind == "CustomResourceDefinition" && t.Key.Group == "apiextensions.k8s.io")
            {
                await WaitForCrdAsync(target, cancellationToken).ConfigureAwait(false);
            }

            return (ResultCode.Synced, message);
        }
        catch (ResourceOperationException e)
        {
            return (ResultCode.SyncFailed, e.Message);
        }
    }

    private async Task WaitForCrdAsync(JsonObject crd, CancellationToken cancellationToken)
    {
        var group = Json.Str(crd, "spec.group") ?? string.Empty;
        var kind = Json.Str(crd, "spec.names.kind") ?? string.Empty;
        var version = Json.Objects(crd, "spec.versions").Select(v => Json.Str(v, "name")).FirstOrDefault() ?? "v1";
        var deadline = DateTime.UtcNow + settings.CrdReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await ops.DiscoverAsync($"{group}/{version}", kind, cancellationToken).ConfigureAwait(false)).Found)
            {
                return;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(ResultCode, string)> PruneAsync(SyncTask t, bool dryRun, CancellationToken cancellationToken)
    {
        if (!settings.Prune)
        {
            return (ResultCode.PruneSkipped, "ignored (requires pruning)");
        }

        if (PruningDisabled(t.Live))
        {
            return (ResultCode.PruneSkipped, "ignored (no prune)");
        }

        if (dryRun)
        {
            return (ResultCode.Pruned, "pruned (dry run)");
        }

        if (Json.Str(t.Live!, "metadata.deletionTimestamp") is null)
        {
            try
            {
                await ops.DeleteAsync(t.ApiVersion, t.Kind, Json.Str(t.Live!, "metadata.namespace"), t.Name, settings.PrunePropagationPolicy, cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceOperationException e) when (!e.IsNotFound)
            {
                return (ResultCode.SyncFailed, e.Message);
            }
            catch (ResourceOperationException)
            {
                // Already gone.
            }
        }

        return (ResultCode.Pruned, "pruned");
    }

    private async Task<bool> ExecuteSyncFailPhaseAsync(List<SyncTask> syncFailTasks, List<SyncTask> failedTasks, string message, CancellationToken cancellationToken)
    {
        static string WithReasons(List<SyncTask> tasks, string message)
        {
            var reasons = tasks.Select(t => t.Message).Distinct().ToList();
            return reasons.Count > 0 ? $"{message}, reason: {string.Join(",", reasons)}" : message;
        }

        var errorMessage = WithReasons(failedTasks, message);
        if (syncFailTasks.Count == 0)
        {
            SetPhase(OperationPhase.Failed, errorMessage);
            return true;
        }

        if (syncFailTasks.All(t => t.Completed))
        {
            var failedHooks = syncFailTasks.Where(t => t.SyncStatus == ResultCode.SyncFailed || (t.Completed && !t.Successful)).ToList();
            if (failedHooks.Count > 0)
            {
                errorMessage = $"{errorMessage}\n{WithReasons(failedHooks, "one or more SyncFail hooks failed")}";
            }

            SetPhase(OperationPhase.Failed, errorMessage);
            return true;
        }

        var pending = syncFailTasks.Where(t => !t.Completed && !t.Running).ToList();
        await RunTasksAsync(pending, dryRun: false, cancellationToken).ConfigureAwait(false);
        SetRunningPhase(pending, pendingDeletion: false);
        return false;
    }

    private async Task DeleteHooksAsync(List<SyncTask> hooks, CancellationToken cancellationToken)
    {
        foreach (var t in hooks)
        {
            try
            {
                await RemoveHookFinalizerAsync(t, cancellationToken).ConfigureAwait(false);
                await ops.DeleteAsync(t.ApiVersion, t.Kind, Json.Str(t.Live!, "metadata.namespace"), t.Name, "Background", cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceOperationException e) when (!e.IsNotFound)
            {
                SetResult(t, t.SyncStatus ?? ResultCode.Synced, OperationPhase.Error, "failed to delete resource: " + e.Message);
            }
            catch (ResourceOperationException)
            {
                // Already gone.
            }
        }
    }

    private async Task RemoveHookFinalizerAsync(SyncTask t, CancellationToken cancellationToken)
    {
        if (t.Live is null || !(Json.Arr(t.Live, "metadata.finalizers")?.Any(f => Json.AsString(f) == ArgoAnnotations.HookFinalizer) ?? false))
        {
            return;
        }

        try
        {
            await ops.RemoveFinalizerAsync(t.Live, ArgoAnnotations.HookFinalizer, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceOperationException e) when (!e.IsNotFound)
        {
            SetResult(t, t.SyncStatus ?? ResultCode.Synced, OperationPhase.Error, "Failed to remove hook finalizer: " + e.Message);
        }
        catch (ResourceOperationException)
        {
            // Already gone.
        }
    }

    private async Task<JsonObject?> TryGetAsync(SyncTask t, CancellationToken cancellationToken)
    {
        try
        {
            return await ops.GetAsync(t.ApiVersion, t.Kind, Json.Str(t.Obj, "metadata.namespace"), t.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceOperationException)
        {
            return null;
        }
    }
}
