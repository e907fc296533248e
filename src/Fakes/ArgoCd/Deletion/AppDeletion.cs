using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Controllers;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Sync;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.Deletion;

/// <summary>
/// Application deletion [ug/app_deletion; controller/appcontroller.go finalizeApplicationDeletion; ARGOCD-SEMANTICS §6]:
/// with a resources finalizer the managed objects are deleted one wave at a time, highest wave first, waiting until
/// none is terminating; CRDs, <c>Delete=false</c>, <c>helm.sh/resource-policy: keep</c> and the app itself are never
/// deleted; then the finalizer is removed. Without the finalizer nothing is deleted (orphaning).
/// </summary>
public sealed class AppDeletion(ControllerContext ctx, LiveIndex index)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);

    public async Task<TimeSpan?> FinalizeAsync(AppSpec app, CancellationToken cancellationToken)
    {
        if (!app.HasCascadeFinalizer)
        {
            return null;
        }

        var propagation = app.Finalizers.Contains(ArgoAnnotations.ResourcesFinalizerBackground) ? "Background" : "Foreground";
        var instance = ctx.Tracking.InstanceName(app.Name, app.Namespace);
        var appDeleteDisabled = app.SyncOptions.Has("Delete", "false");
        var objects = index.KeysOf(instance)
            .Select(k => ctx.Cache.Get(k))
            .OfType<JsonObject>()
            .Where(o => Json.Arr(o, "metadata.ownerReferences") is not { Count: > 0 })
            .Where(o => !Protected(o, app, appDeleteDisabled))
            .ToList();

        try
        {
            if (objects.Count == 0)
            {
                await RemoveFinalizersAsync(app, cancellationToken).ConfigureAwait(false);
                return null;
            }

            if (objects.Any(o => Json.Str(o, "metadata.deletionTimestamp") is not null))
            {
                return Poll;
            }

            var wave = objects.Max(SyncAnnotations.Wave);
            foreach (var o in objects.Where(o => SyncAnnotations.Wave(o) == wave))
            {
                try
                {
                    await ctx.Operations.DeleteAsync(Json.Str(o, "apiVersion")!, Json.Str(o, "kind")!, Json.Str(o, "metadata.namespace"), Json.Str(o, "metadata.name")!, propagation, cancellationToken).ConfigureAwait(false);
                }
                catch (ResourceOperationException e) when (e.IsNotFound)
                {
                    // Already gone.
                }
            }
        }
        catch (ResourceOperationException e)
        {
            await SetDeletionErrorAsync(app, e.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e)
        {
            await SetDeletionErrorAsync(app, e.ServerMessage ?? e.Message, cancellationToken).ConfigureAwait(false);
        }

        return Poll;
    }

    private static bool Protected(JsonObject o, AppSpec app, bool appDeleteDisabled)
    {
        var key = ResourceKey.Of(o);
        if (key.Group == "apiextensions.k8s.io" && key.Kind == "CustomResourceDefinition")
        {
            return true;
        }

        if (key.Group == ArgoAnnotations.Group && key.Kind == "Application" && key.Name == app.Name && key.Namespace == app.Namespace)
        {
            return true;
        }

        var options = SyncAnnotations.Options(o);
        return options.Has("Delete", "false") || (options["Delete"] is null && appDeleteDisabled) ||
            Json.GetAnnotation(o, ArgoAnnotations.HelmResourcePolicy) == "keep";
    }

    private async Task RemoveFinalizersAsync(AppSpec app, CancellationToken cancellationToken)
    {
        var resource = ctx.Cache.ResourceFor(ArgoAnnotations.Group, "Application") ?? throw new InvalidOperationException("the Application CRD is not installed");
        var remaining = app.Finalizers.Where(f => !AppSpec.IsCascadeFinalizer(f)).Select(f => (JsonNode)JsonValue.Create(f)!).ToArray();
        var patch = new JsonArray
        {
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/uid", ["value"] = app.Uid },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/finalizers", ["value"] = new JsonArray(remaining) },
        };
        await ctx.Api.SendJsonAsync(HttpMethod.Patch, resource.Path(app.Namespace, app.Name), patch, "application/json-patch+json", cancellationToken).ConfigureAwait(false);
    }

    private async Task SetDeletionErrorAsync(AppSpec app, string message, CancellationToken cancellationToken)
    {
        var resource = ctx.Cache.ResourceFor(ArgoAnnotations.Group, "Application");
        if (resource is null)
        {
            return;
        }

        var condition = new JsonObject { ["type"] = "DeletionError", ["message"] = message, ["lastTransitionTime"] = Json.Timestamp(ctx.Time.GetUtcNow()) };
        var patch = new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(condition) } };
        try
        {
            await ctx.Api.SendJsonAsync(HttpMethod.Patch, resource.Path(app.Namespace, app.Name), patch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException)
        {
            // The next reconcile retries.
        }
    }
}
