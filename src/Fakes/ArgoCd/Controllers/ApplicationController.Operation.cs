using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Projects;
using PlatformValidation.Fakes.ArgoCd.Sync;

namespace PlatformValidation.Fakes.ArgoCd.Controllers;

public sealed partial class ApplicationController
{
    /// <summary>
    /// Runs one iteration of the Application's operation [controller/appcontroller.go processRequestedAppOperation,
    /// controller/sync.go SyncAppState; ARGOCD-SEMANTICS §4.3, §4.9, §5.3] and records <c>status.operationState</c>;
    /// on completion clears <c>operation</c> and appends history for successful full syncs.
    /// </summary>
    private async Task<(TimeSpan? Next, bool Completed)> ProcessOperationAsync(AppSpec app, AppRuntime runtime, ComparisonResult comparison, AppProjectPolicy? project, JsonObject status, JsonArray patches, CancellationToken cancellationToken)
    {
        var op = app.Operation!;
        var now = ctx.Time.GetUtcNow();
        var opKey = app.Uid + op.ToJsonString();
        if (runtime.OperationKey != opKey)
        {
            runtime.OperationKey = opKey;
            runtime.Sync = new SyncState();
            runtime.StartedAt = now;
            runtime.RetryCount = 0;
            runtime.RetryAt = null;
            runtime.NextStepAt = null;
        }

        var state = runtime.Sync!;
        var syncOp = Json.Obj(op, "sync") ?? [];
        if (runtime.RetryAt is { } retryAt)
        {
            if (now < retryAt)
            {
                return (retryAt - now, false);
            }

            runtime.RetryAt = null;
            runtime.Sync = state = new SyncState { Message = $"Retrying operation. Attempt #{runtime.RetryCount}" };
        }

        if (runtime.NextStepAt is { } step && now < step)
        {
            return (step - now, false);
        }

        if (comparison.SpecInvalid || comparison.ComparisonFailed)
        {
            // Controller-side problem: the operation ends in Error with "Type: message" [controller/sync.go].
            state.Phase = OperationPhase.Error;
            state.Message = string.Join(";", comparison.Conditions.Where(c => c.Type is "InvalidSpecError" or "ComparisonError" or "UnknownError").Select(c => $"{c.Type}: {c.Message}"));
        }
        else
        {
            var options = Json.Arr(syncOp, "syncOptions") is { } opOptions
                ? new CommaOptions(opOptions.Select(Json.AsString))
                : app.SyncOptions;
            var selective = Json.Objects(syncOp, "resources").ToList();
            var apply = Json.Obj(syncOp, "syncStrategy.apply") is not null;
            if (options.IsTrue("FailOnSharedResource") && comparison.Conditions.FirstOrDefault(c => c.Type == "SharedResourceWarning") is { Message: { } shared })
            {
                state.Phase = OperationPhase.Failed;
                state.Message = "Shared resource found: " + shared;
            }
            else
            {
                var respect = options.IsTrue("RespectIgnoreDifferences");
                var reconciled = comparison.Resources.Select(r =>
                {
                    var target = r.Target;
                    if (respect && target is not null && r.Live is not null && comparison.Normalizer is { } n)
                    {
                        target = n.OverlayIgnoredFromLive(target, r.Key, r.Live);
                    }

                    return new ReconciledResource(r.Key, target, r.Live, r.Status != "Synced");
                }).ToList();
                var settings = new SyncSettings
                {
                    Resources = reconciled,
                    Hooks = comparison.Hooks,
                    Revision = comparison.Revisions.FirstOrDefault() ?? string.Empty,
                    StartedAt = runtime.StartedAt,
                    Namespace = app.DestinationNamespace,
                    Prune = Json.Bool(syncOp, "prune"),
                    DryRun = Json.Bool(syncOp, "dryRun"),
                    SkipHooks = selective.Count > 0 || apply,
                    Options = options,
                    ResourceFilter = selective.Count == 0 ? null : key => selective.Any(s =>
                        (Json.Str(s, "group") ?? string.Empty) == key.Group && Json.Str(s, "kind") == key.Kind && Json.Str(s, "name") == key.Name &&
                        (string.IsNullOrEmpty(Json.Str(s, "namespace")) || Json.Str(s, "namespace") == key.Namespace)),
                    PermissionValidator = (obj, found) => PermissionError(project, obj, found),
                    Health = new HealthAssessor(ctx.Settings, ctx.Options.HealthForUnbundledKinds, ctx.BuiltInHealthScripts),
                    ManagedNamespaceMetadata = app.ManagedNamespaceMetadata,
                    PruneConfirmed = Json.GetAnnotation(app.Raw, ArgoAnnotations.DeletionApproved) is { } approved && Json.ParseTimestamp(approved) >= runtime.StartedAt.AddSeconds(-1),
                };
                await new SyncContext(settings, state, ctx.Operations).SyncAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var terminal = state.Phase.IsCompleted();
        var phase = state.Phase;
        var message = state.Message;
        DateTimeOffset? finishedAt = null;
        var completed = false;
        if (terminal && phase != OperationPhase.Succeeded && RetryFor(op) is { } retry && retry.ShouldRetry(runtime.RetryCount))
        {
            var delay = retry.Delay(runtime.RetryCount);
            runtime.RetryCount++;
            runtime.RetryAt = now + delay;
            finishedAt = now;
            message = string.Create(CultureInfo.InvariantCulture, $"{message}. Retrying attempt #{runtime.RetryCount} at {(now + delay).UtcDateTime:HH:mm:ss}.");
            phase = OperationPhase.Running;
        }
        else if (terminal)
        {
            finishedAt = now;
            completed = true;
            if (runtime.RetryCount > 0 && phase != OperationPhase.Succeeded)
            {
                message = string.Create(CultureInfo.InvariantCulture, $"{message} (retried {runtime.RetryCount} times).");
            }
        }

        status["operationState"] = OperationState(app, op, state, phase, message, runtime, finishedAt, comparison);
        if (completed)
        {
            if (phase == OperationPhase.Succeeded && !Json.Bool(syncOp, "dryRun") && Json.Arr(syncOp, "resources") is not { Count: > 0 })
            {
                AppendHistory(app, status, op, runtime, comparison, now);
            }

            patches.Add(new JsonObject { ["op"] = "remove", ["path"] = "/operation" });
            runtime.OperationKey = null;
            runtime.Sync = null;
            runtime.RetryCount = 0;
            runtime.NextStepAt = null;
            return (TimeSpan.FromMilliseconds(100), true);
        }

        if (runtime.RetryAt is { } at)
        {
            return (at - now, false);
        }

        // A wave ran: pause before the next step (ARGOCD_SYNC_WAVE_DELAY), else poll until events arrive.
        if (state.Message == "one or more tasks are running" || state.Message.StartsWith("waiting for healthy state", StringComparison.Ordinal))
        {
            runtime.NextStepAt = now + ctx.Options.SyncWaveDelay;
        }

        return (Max(ctx.Options.SyncWaveDelay, ctx.Options.OperationPollInterval), false);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private RetryStrategy? RetryFor(JsonObject op) => RetryStrategy.FromJson(Json.Obj(op, "retry"), ctx.Options.DefaultRetryBackoff);

    /// <summary>Project checks at sync time [controller/sync.go validateSyncPermissions; ARGOCD-SEMANTICS §8.4].</summary>
    private string? PermissionError(AppProjectPolicy? project, JsonObject obj, DiscoveryResult found)
    {
        if (project is null)
        {
            return null;
        }

        var key = ResourceKey.Of(obj);
        if (!project.IsGroupKindPermitted(key.Group, key.Kind, key.Name, found.Namespaced))
        {
            return AppProjectPolicy.ResourceDeniedMessage(key.Group, key.Kind, project.Name);
        }

        if (found.Namespaced && key.Namespace.Length > 0 && !project.IsDestinationPermitted(ArgoAnnotations.InClusterServer, ArgoAnnotations.InClusterName, key.Namespace))
        {
            return project.NamespaceDeniedMessage(key.Namespace);
        }

        return null;
    }

    private static JsonObject OperationState(AppSpec app, JsonObject op, SyncState state, OperationPhase phase, string message, AppRuntime runtime, DateTimeOffset? finishedAt, ComparisonResult comparison)
    {
        var result = new JsonObject();
        var syncOp = Json.Obj(op, "sync") ?? [];
        if (app.IsMultiSource)
        {
            result["revisions"] = new JsonArray(comparison.Revisions.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
            result["sources"] = (syncOp["sources"] ?? app.Raw["spec"]?["sources"])?.DeepClone();
        }
        else
        {
            result["revision"] = comparison.Revisions.FirstOrDefault() ?? Json.Str(syncOp, "revision") ?? string.Empty;
            result["source"] = (syncOp["source"] ?? app.Raw["spec"]?["source"])?.DeepClone();
        }

        var resources = new JsonArray();
        foreach (var r in state.OrderedResults)
        {
            var entry = new JsonObject
            {
                ["group"] = r.Key.Group,
                ["version"] = r.Version,
                ["kind"] = r.Key.Kind,
                ["namespace"] = r.Key.Namespace,
                ["name"] = r.Key.Name,
                ["status"] = r.Status.ToString(),
                ["message"] = r.Message,
                ["syncPhase"] = r.SyncPhase.ToString(),
            };
            if (r.HookType is not null)
            {
                entry["hookType"] = r.HookType;
            }

            if (r.HookPhase is { } hp)
            {
                entry["hookPhase"] = hp.ToString();
            }

            if (r.Images.Count > 0)
            {
                entry["images"] = new JsonArray(r.Images.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
            }

            resources.Add(entry);
        }

        result["resources"] = resources;
        var os = new JsonObject
        {
            ["operation"] = op.DeepClone(),
            ["phase"] = phase.ToString(),
            ["message"] = message,
            ["startedAt"] = Json.Timestamp(runtime.StartedAt),
            ["syncResult"] = result,
        };
        if (finishedAt is { } f)
        {
            os["finishedAt"] = Json.Timestamp(f);
        }

        if (runtime.RetryCount > 0)
        {
            os["retryCount"] = runtime.RetryCount;
        }

        return os;
    }

    // [controller/state.go persistRevisionHistory]
    private static void AppendHistory(AppSpec app, JsonObject status, JsonObject op, AppRuntime runtime, ComparisonResult comparison, DateTimeOffset now)
    {
        var history = Json.Arr(status, "history") ?? [];
        var nextId = history.OfType<JsonObject>().Select(h => Json.Long(h, "id") ?? 0).DefaultIfEmpty(-1).Max() + 1;
        var entry = new JsonObject
        {
            ["id"] = nextId,
            ["deployStartedAt"] = Json.Timestamp(runtime.StartedAt),
            ["deployedAt"] = Json.Timestamp(now),
            ["initiatedBy"] = op["initiatedBy"]?.DeepClone() ?? new JsonObject(),
        };
        if (app.IsMultiSource)
        {
            entry["revisions"] = new JsonArray(comparison.Revisions.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
            entry["sources"] = app.Raw["spec"]?["sources"]?.DeepClone();
        }
        else
        {
            entry["revision"] = comparison.Revisions.FirstOrDefault() ?? string.Empty;
            entry["source"] = app.Raw["spec"]?["source"]?.DeepClone();
        }

        var list = history.Select(h => h!.DeepClone()).Append(entry).ToList();
        var limit = Math.Max(1, app.RevisionHistoryLimit);
        status["history"] = new JsonArray(list.Skip(Math.Max(0, list.Count - limit)).ToArray());
    }
}
