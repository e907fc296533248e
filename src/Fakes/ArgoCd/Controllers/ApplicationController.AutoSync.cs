using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Automation;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Sync;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.Controllers;

public sealed partial class ApplicationController
{
    /// <summary>Automated sync [§5.1]: decides, and writes <c>operation</c> as the real controller does.</summary>
    private async Task<(string? SyncError, TimeSpan? Next)> AutoSyncAsync(AppSpec app, AppRuntime runtime, ComparisonResult comparison, JsonObject status, CancellationToken cancellationToken)
    {
        var now = ctx.Time.GetUtcNow();
        if (runtime.OperationRequestedAt is { } requested && now - requested < TimeSpan.FromSeconds(5))
        {
            // Our own operation write has not reached the cache yet.
            return (null, TimeSpan.FromMilliseconds(200));
        }

        if (comparison.SpecInvalid || comparison.ComparisonFailed)
        {
            return (null, null);
        }

        var input = new AutoSyncInput
        {
            Automated = app.IsAutomated,
            Prune = app.AutoPrune,
            SelfHeal = app.SelfHeal,
            AllowEmpty = app.AllowEmpty,
            OperationInProgress = app.Operation is not null,
            Deleting = app.IsDeleting,
            SyncStatus = comparison.SyncStatus,
            Resources = comparison.Resources.Where(r => r.CountsForAppSync || r.Status == "Synced").Select(r => new ResourceSyncState(r.Key, r.Status, r.RequiresPruning)).ToList(),
            DesiredRevisions = comparison.Revisions,
            CurrentSourcesJson = app.SourcesJson,
            Last = LastOperationOf(app, status),
            Now = now,
        };
        var decision = AutoSyncPolicy.Decide(input, new SelfHealBackoff(ctx.Options.SelfHealBackoff, 3, TimeSpan.FromSeconds(300)));
        if (!decision.Start)
        {
            return (decision.SyncError, decision.RecheckAfter);
        }

        var sync = new JsonObject
        {
            ["prune"] = app.AutoPrune,
        };
        if (app.IsMultiSource)
        {
            sync["revisions"] = new JsonArray(comparison.Revisions.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
            sync["sources"] = app.Raw["spec"]?["sources"]?.DeepClone();
        }
        else
        {
            sync["revision"] = comparison.Revisions.FirstOrDefault() ?? string.Empty;
            sync["source"] = app.Raw["spec"]?["source"]?.DeepClone();
        }

        if (app.SyncOptionEntries.Count > 0)
        {
            sync["syncOptions"] = new JsonArray(app.SyncOptionEntries.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray());
        }

        if (decision.SelectiveResources is { } selective)
        {
            sync["resources"] = new JsonArray(selective.Select(k => (JsonNode)new JsonObject { ["group"] = k.Group, ["kind"] = k.Kind, ["name"] = k.Name, ["namespace"] = k.Namespace }).ToArray());
            sync["autoHealAttemptsCount"] = decision.SelfHealAttempts;
        }

        var retry = app.Retry?.DeepClone() ?? new JsonObject { ["limit"] = RetryStrategy.AutomatedDefault.Limit };
        var operation = new JsonObject
        {
            ["sync"] = sync,
            ["initiatedBy"] = new JsonObject { ["automated"] = true },
            ["retry"] = retry,
        };
        var resource = ctx.Cache.ResourceFor(ArgoAnnotations.Group, "Application") ?? throw new InvalidOperationException("the Application CRD is not installed");
        try
        {
            var patch = new JsonArray
            {
                new JsonObject { ["op"] = "test", ["path"] = "/metadata/uid", ["value"] = app.Uid },
                new JsonObject { ["op"] = "add", ["path"] = "/operation", ["value"] = operation },
            };
            await ctx.Api.SendJsonAsync(HttpMethod.Patch, resource.Path(app.Namespace, app.Name), patch, "application/json-patch+json", cancellationToken).ConfigureAwait(false);
            runtime.OperationRequestedAt = now;
        }
        catch (KubeApiException e)
        {
            return (e.ServerMessage ?? e.Message, TimeSpan.FromSeconds(1));
        }

        return (null, TimeSpan.FromMilliseconds(200));
    }

    private static LastOperation? LastOperationOf(AppSpec app, JsonObject status)
    {
        if (Json.Obj(status, "operationState") is not { } state)
        {
            return null;
        }

        var phase = Json.Str(state, "phase") ?? string.Empty;
        var result = Json.Obj(state, "syncResult");
        IReadOnlyList<string> revisions = Json.Arr(result, "revisions") is { Count: > 0 } revs
            ? revs.Select(r => Json.AsString(r) ?? string.Empty).ToList()
            : Json.Str(result, "revision") is { } rev ? [rev] : [];
        var sources = app.IsMultiSource ? Json.Arr(result, "sources")?.ToJsonString() ?? "[]" : Json.Obj(result, "source")?.ToJsonString() ?? "{}";
        return new LastOperation(
            phase is "Succeeded" or "Failed" or "Error",
            phase == "Succeeded",
            result is not null,
            revisions,
            sources,
            Json.Str(state, "message") ?? string.Empty,
            Json.ParseTimestamp(Json.Str(state, "finishedAt")),
            (int)(Json.Long(state, "operation.sync.autoHealAttemptsCount") ?? 0));
    }
}
