using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Sync;

public sealed partial class SyncContext
{
    /// <summary>Builds, validates and orders the tasks [ge/sync/sync_context.go getSyncTasks; §4.1, §4.2, §4.8].</summary>
    private async Task<(List<SyncTask> Tasks, bool Ok)> GetSyncTasksAsync(CancellationToken cancellationToken)
    {
        var tasks = new List<SyncTask>();
        foreach (var r in settings.Resources)
        {
            if (settings.ResourceFilter is { } filter && !filter(r.Key))
            {
                continue;
            }

            var obj = r.Target ?? r.Live;
            if (obj is null || SyncAnnotations.IsHook(obj) || SyncAnnotations.IsSkip(obj))
            {
                continue;
            }

            foreach (var phase in SyncAnnotations.Phases(obj))
            {
                tasks.Add(new SyncTask(phase, r.Target is null ? null : Json.Clone(r.Target), r.Live));
            }
        }

        if (!settings.SkipHooks)
        {
            foreach (var hook in settings.Hooks)
            {
                foreach (var phase in SyncAnnotations.Phases(hook))
                {
                    var target = Json.Clone(hook);
                    if (string.IsNullOrEmpty(Json.Str(target, "metadata.name")))
                    {
                        var rev = settings.Revision.Length >= 8 ? settings.Revision[..7] : settings.Revision;
                        var postfix = string.Create(CultureInfo.InvariantCulture, $"{rev}-{phase}-{settings.StartedAt.ToUnixTimeSeconds()}").ToLowerInvariant();
                        Json.Ensure(target, "metadata")["name"] = (Json.Str(target, "metadata.generateName") ?? string.Empty) + postfix;
                    }

                    var finalizers = Json.Arr(target, "metadata.finalizers") ?? [];
                    if (!finalizers.Any(f => Json.AsString(f) == ArgoAnnotations.HookFinalizer))
                    {
                        finalizers.Add(ArgoAnnotations.HookFinalizer);
                        Json.Ensure(target, "metadata")["finalizers"] = finalizers.DeepClone();
                    }

                    tasks.Add(new SyncTask(phase, target, null));
                }
            }
        }

        foreach (var t in tasks.Where(t => t.Target is not null && string.IsNullOrEmpty(Json.Str(t.Target, "metadata.namespace"))))
        {
            if (settings.Namespace.Length > 0)
            {
                Json.Ensure(t.Target!, "metadata")["namespace"] = settings.Namespace;
            }
        }

        if (settings.Options.IsTrue("CreateNamespace") && settings.Namespace.Length > 0)
        {
            await AutoCreateNamespaceAsync(tasks, cancellationToken).ConfigureAwait(false);
        }

        foreach (var t in tasks.Where(t => t.Target is not null && t.Live is null))
        {
            t.Live = LiveFor(t.Target!);
            if (t.Live is null && t.IsHook)
            {
                t.Live = await TryGetAsync(t, cancellationToken).ConfigureAwait(false);
            }
        }

        var ok = true;
        var discovery = new Dictionary<(string, string), DiscoveryResult>();
        foreach (var t in tasks)
        {
            if (!discovery.TryGetValue((t.ApiVersion, t.Kind), out var found))
            {
                found = await ops.DiscoverAsync(t.ApiVersion, t.Kind, cancellationToken).ConfigureAwait(false);
                discovery[(t.ApiVersion, t.Kind)] = found;
            }

            if (!found.Found)
            {
                if (ShouldSkipDryRunOnMissingResource(t))
                {
                    t.SkipDryRun = true;
                }
                else
                {
                    SetResult(t, ResultCode.SyncFailed, null, MissingResourceMessage(t, found));
                    ok = false;
                }
            }
            else if (settings.PermissionValidator(t.Obj, found) is { } denied)
            {
                SetResult(t, ResultCode.SyncFailed, null, denied);
                ok = false;
            }
            else if (!found.Namespaced && t.Target is not null && t.Target["metadata"] is JsonObject meta)
            {
                meta.Remove("namespace");
            }
        }

        SyncTaskOrdering.AdjustPruneWaves(tasks, settings.PruneLast);
        SyncTaskOrdering.Sort(tasks);

        foreach (var t in tasks)
        {
            if (state.Results.TryGetValue(t.ResultKey, out var r))
            {
                t.SyncStatus = r.Status;
                t.OperationState = r.HookPhase;
                t.Message = r.Message;
            }
        }

        return (tasks, ok);
    }

    // [util/argo/argo.go AugmentSyncMsg]: the stored message for a missing kind names the CRD to install.
    private static string MissingResourceMessage(SyncTask t, DiscoveryResult found)
    {
        var group = t.Key.Group;
        var ns = Json.Str(t.Obj, "metadata.namespace") ?? string.Empty;
        if (found.Error.Contains("could not find version", StringComparison.Ordinal))
        {
            return found.Error;
        }

        return $"The Kubernetes API could not find {(group.Length == 0 ? string.Empty : group + "/")}{t.Kind} for requested resource {ns}/{t.Name}. Make sure the \"{t.Kind}\" CRD is installed on the destination cluster.";
    }

    private bool ShouldSkipDryRunOnMissingResource(SyncTask t) =>
        settings.SkipDryRunOnMissingResource ||
        (t.Target is not null && SyncAnnotations.Options(t.Target).IsTrue("SkipDryRunOnMissingResource")) ||
        HasCrdOf(t.Key.Group, t.Kind);

    private bool HasCrdOf(string group, string kind) => settings.Resources.Any(r =>
        r.Target is { } target && ResourceKey.Of(target).Kind == "CustomResourceDefinition" &&
        Json.Str(target, "spec.group") == group && Json.Str(target, "spec.names.kind") == kind);

    private JsonObject? LiveFor(JsonObject target)
    {
        var key = ResourceKey.Of(target);
        foreach (var r in settings.Resources)
        {
            if (r.Key.Group == key.Group && r.Key.Kind == key.Kind && r.Key.Name == key.Name && (r.Key.Namespace.Length == 0 || r.Key.Namespace == key.Namespace))
            {
                return r.Live;
            }
        }

        return null;
    }

    private async Task AutoCreateNamespaceAsync(List<SyncTask> tasks, CancellationToken cancellationToken)
    {
        var declared = settings.Resources.Any(r => r.Target is { } t && IsNamespaceNamed(t, settings.Namespace)) ||
            settings.Hooks.Any(h => IsNamespaceNamed(h, settings.Namespace));
        if (declared)
        {
            return;
        }

        var ns = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = settings.Namespace },
        };
        if (settings.ManagedNamespaceMetadata is { } mnm)
        {
            foreach (var field in new[] { "labels", "annotations" })
            {
                if (mnm[field] is JsonObject values)
                {
                    ((JsonObject)ns["metadata"]!)[field] = values.DeepClone();
                }
            }
        }

        JsonObject? live;
        try
        {
            live = await ops.GetAsync("v1", "Namespace", null, settings.Namespace, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceOperationException e)
        {
            var failed = new SyncTask(SyncPhase.PreSync, ns, null);
            SetResult(failed, ResultCode.SyncFailed, OperationPhase.Error, "namespace auto creation failed: " + e.Message);
            tasks.Add(failed);
            return;
        }

        var needsUpdate = live is null || (settings.ManagedNamespaceMetadata is not null && !Diff.ResourceDiff.IsSubset(ns["metadata"], live["metadata"]));
        if (needsUpdate)
        {
            tasks.Add(new SyncTask(SyncPhase.PreSync, ns, live));
        }
    }

    private static bool IsNamespaceNamed(JsonObject obj, string name) =>
        ResourceKey.Of(obj) is { Group.Length: 0, Kind: "Namespace" } k && k.Name == name;

    private SyncTask? NamespaceCreationTask(List<SyncTask> tasks) =>
        tasks.FirstOrDefault(t => t.Live is null && t.Target is not null && IsNamespaceNamed(t.Target, settings.Namespace));
}
