using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Deletion;
using PlatformValidation.Fakes.ArgoCd.Kube;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Projects;
using PlatformValidation.Fakes.ArgoCd.Sync;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.Controllers;

/// <summary>
/// The Application controller [controller/appcontroller.go]: a work queue of Applications fed by watch events
/// (Applications, AppProjects, argocd-cm, and every managed live object via its tracking id) and a periodic
/// refresh; each reconcile compares, runs or starts operations, finalizes deletions and writes <c>status</c>.
/// Errors become conditions; failures back off per app; nothing blocks or spins.
/// </summary>
public sealed partial class ApplicationController : IDisposable
{
    private readonly ControllerContext ctx;
    private readonly WorkQueue<string> queue;
    private readonly LiveIndex index = new();
    private readonly AppStateComparer comparer;
    private readonly AppDeletion deletion;
    private readonly ConcurrentDictionary<string, AppRuntime> runtimes = new(StringComparer.Ordinal);
    private ITimer? periodic;

    public ApplicationController(ControllerContext ctx)
    {
        this.ctx = ctx;
        queue = new WorkQueue<string>(ctx.Time);
        comparer = new AppStateComparer(ctx, index);
        deletion = new AppDeletion(ctx, index);
    }

    /// <summary>No app is queued or being reconciled and no operation is running.</summary>
    public bool IsIdle => queue.IsIdle && runtimes.Values.All(r => r.Sync is null && r.OperationRequestedAt is null);

    public void Start(CancellationToken cancellationToken)
    {
        ctx.Cache.Changed += OnChange;
        foreach (var app in ctx.Cache.List(ArgoAnnotations.Group, "Application"))
        {
            queue.Add(KeyOf(app));
        }

        periodic = ctx.Time.CreateTimer(_ => EnqueueAll(), null, ctx.Options.ReconciliationInterval, ctx.Options.ReconciliationInterval);
        for (var i = 0; i < Math.Max(1, ctx.Options.Workers); i++)
        {
            _ = Task.Run(() => queue.RunAsync(ProcessAsync, cancellationToken), CancellationToken.None);
        }
    }

    public void EnqueueAll()
    {
        foreach (var app in ctx.Cache.List(ArgoAnnotations.Group, "Application"))
        {
            queue.Add(KeyOf(app));
        }
    }

    public void Dispose()
    {
        ctx.Cache.Changed -= OnChange;
        periodic?.Dispose();
        queue.Dispose();
    }

    private static string KeyOf(JsonObject app) => $"{Json.Str(app, "metadata.namespace")}/{Json.Str(app, "metadata.name")}";

    private void OnChange(ApiResource resource, ChangeType type, JsonObject obj)
    {
        if (resource.Group == ArgoAnnotations.Group && resource.Kind == "Application" && Json.Str(obj, "metadata.namespace") == ctx.Namespace)
        {
            queue.Add(KeyOf(obj));
        }
        else if (resource.Group == ArgoAnnotations.Group && resource.Kind == "AppProject")
        {
            EnqueueAll();
        }
        else if (resource.Group.Length == 0 && resource.Kind == "ConfigMap" && Json.Str(obj, "metadata.namespace") == ctx.Namespace && Json.Str(obj, "metadata.name") == "argocd-cm")
        {
            ctx.Settings = type == ChangeType.Deleted ? ArgoCdSettings.Empty : ArgoCdSettings.FromConfigMap(obj);
            EnqueueAll();
            return;
        }

        // Route the change to the app that tracks the object (and the one that tracked it before).
        var owner = ctx.Tracking.OwnerOf(obj);
        var (before, after) = index.Update(obj, owner, type == ChangeType.Deleted);
        foreach (var instance in new[] { before, after }.OfType<string>().Distinct())
        {
            queue.Add(InstanceToKey(instance));
        }
    }

    private string InstanceToKey(string instance)
    {
        var underscore = instance.IndexOf('_', StringComparison.Ordinal);
        return underscore < 0 ? $"{ctx.Namespace}/{instance}" : $"{instance[..underscore]}/{instance[(underscore + 1)..]}";
    }

    private async Task ProcessAsync(string key, CancellationToken cancellationToken)
    {
        var runtime = runtimes.GetOrAdd(key, _ => new AppRuntime());
        try
        {
            var next = await ReconcileAsync(key, runtime, cancellationToken).ConfigureAwait(false);
            runtime.Errors = 0;
            if (next is { } delay)
            {
                queue.AddAfter(key, delay);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is KubeApiException or ResourceOperationException or HttpRequestException or IOException or InvalidOperationException or System.Text.Json.JsonException or TaskCanceledException)
        {
            // Rate-limited retry: 100 ms doubling up to 30 s, as client-go's per-item limiter.
            runtime.Errors++;
            var backoff = TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, Math.Min(runtime.Errors, 10))));
            queue.AddAfter(key, backoff);
        }
    }

    private AppProjectPolicy? ProjectFor(string name)
    {
        var obj = ctx.Cache.Get(new ResourceKey(ArgoAnnotations.Group, "AppProject", ctx.Namespace, name));
        if (obj is not null)
        {
            return new AppProjectPolicy(name, Json.Obj(obj, "spec"));
        }

        return null;
    }

    /// <summary>One reconcile; returns when to look again (null = only on events/periodic refresh).</summary>
    private async Task<TimeSpan?> ReconcileAsync(string key, AppRuntime runtime, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var appObj = ctx.Cache.Get(new ResourceKey(ArgoAnnotations.Group, "Application", key[..slash], key[(slash + 1)..]));
        if (appObj is null)
        {
            runtimes.TryRemove(key, out _);
            return null;
        }

        var app = new AppSpec(appObj);
        if (app.IsDeleting)
        {
            return await deletion.FinalizeAsync(app, cancellationToken).ConfigureAwait(false);
        }

        var now = ctx.Time.GetUtcNow();
        var resourceVersion = Json.Str(appObj, "metadata.resourceVersion");
        if (runtime.CompletedAtResourceVersion is { } completedAt)
        {
            if (completedAt == resourceVersion)
            {
                // Our completion write (operation removed) has not reached the cache yet: do not run the old operation again.
                return TimeSpan.FromMilliseconds(100);
            }

            runtime.CompletedAtResourceVersion = null;
        }

        if (app.Operation is not null)
        {
            runtime.OperationRequestedAt = null;
        }

        var refresh = app.RefreshAnnotation;
        var project = ProjectFor(app.Project);
        var opRevisions = app.Operation is { } op ? OperationRevisions(op) : null;
        var comparison = await comparer.CompareAsync(app, project, refresh == "hard", opRevisions, cancellationToken).ConfigureAwait(false);

        var status = Json.Clone(app.Status);
        var patches = new JsonArray();
        TimeSpan? next = null;
        var operationCompleted = false;
        if (app.Operation is not null)
        {
            (next, operationCompleted) = await ProcessOperationAsync(app, runtime, comparison, project, status, patches, cancellationToken).ConfigureAwait(false);
            if (operationCompleted)
            {
                runtime.CompletedAtResourceVersion = resourceVersion;
            }
        }

        string? syncError = null;
        if (app.Operation is null && !operationCompleted)
        {
            (syncError, next) = await AutoSyncAsync(app, runtime, comparison, status, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            syncError = ExistingSyncError(status, keep: false);
        }

        WriteComparison(app, comparison, status, syncError, now);
        var changed = !StatusEquals(app.Status, status);
        var stale = runtime.LastReconciledWrite is not { } last || now - last >= ReconciledAtMaxAge;
        if (changed || stale || refresh is not null)
        {
            status["reconciledAt"] = Json.Timestamp(now);
            runtime.LastReconciledWrite = now;
            patches.Insert(0, new JsonObject { ["op"] = "add", ["path"] = "/status", ["value"] = status });
        }

        if (refresh is not null)
        {
            patches.Add(new JsonObject { ["op"] = "remove", ["path"] = "/metadata/annotations/" + ArgoAnnotations.Refresh.Replace("/", "~1", StringComparison.Ordinal) });
        }

        if (patches.Count > 0 && !await PatchAppAsync(app, patches, cancellationToken).ConfigureAwait(false))
        {
            runtime.CompletedAtResourceVersion = null;
        }

        return next;
    }

    /// <summary>How stale <c>status.reconciledAt</c> may get while nothing else changes (keeps idle API traffic low).</summary>
    public TimeSpan ReconciledAtMaxAge { get; init; } = TimeSpan.FromSeconds(60);

    private async Task<bool> PatchAppAsync(AppSpec app, JsonArray patches, CancellationToken cancellationToken)
    {
        var resource = ctx.Cache.ResourceFor(ArgoAnnotations.Group, "Application")
            ?? throw new InvalidOperationException("the Application CRD is not installed");
        var withGuard = new JsonArray { new JsonObject { ["op"] = "test", ["path"] = "/metadata/uid", ["value"] = app.Uid } };
        foreach (var p in patches)
        {
            withGuard.Add(p!.DeepClone());
        }

        try
        {
            await ctx.Api.SendJsonAsync(HttpMethod.Patch, resource.Path(app.Namespace, app.Name), withGuard, "application/json-patch+json", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.Status is 404 or 409 or 422)
        {
            // Gone or changed underneath (e.g. the refresh annotation was already removed): the next event re-reconciles.
            queue.AddAfter($"{app.Namespace}/{app.Name}", TimeSpan.FromMilliseconds(100));
            return false;
        }
    }

    private static IReadOnlyList<string>? OperationRevisions(JsonObject op)
    {
        if (Json.Arr(op, "sync.revisions") is { Count: > 0 } revs)
        {
            return revs.Select(r => Json.AsString(r) ?? string.Empty).ToList();
        }

        return Json.Str(op, "sync.revision") is { Length: > 0 } rev ? [rev] : null;
    }

    private static bool StatusEquals(JsonObject before, JsonObject after)
    {
        var a = Json.Clone(before);
        var b = Json.Clone(after);
        a.Remove("reconciledAt");
        b.Remove("reconciledAt");
        return JsonNode.DeepEquals(a, b);
    }
}
