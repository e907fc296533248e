using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Controllers;
using PlatformValidation.Fakes.ArgoCd.Kube;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Sync;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.ApplicationSets;

/// <summary>
/// The ApplicationSet controller [applicationset/controllers/applicationset_controller.go; ARGOCD-SEMANTICS §7]:
/// generates Applications with the engine's <see cref="ApplicationSetExpander"/> (generators, selectors,
/// fasttemplate/goTemplate, finalizer injection), owns them through a controller ownerReference, creates / updates /
/// deletes them per <c>syncPolicy.applicationsSync</c>, and on any generator or template error changes nothing and
/// reports an <c>ErrorOccurred</c> condition.
/// </summary>
public sealed class ApplicationSetController : IDisposable
{
    private static readonly string[] PreservedAnnotations =
        [ArgoAnnotations.Refresh, ArgoAnnotations.RefreshTimestamp, "argocd.argoproj.io/hydrate", "notified.notifications.argoproj.io"];

    private readonly ControllerContext ctx;
    private readonly WorkQueue<string> queue;
    private readonly ApplicationSetExpander expander;
    private ITimer? periodic;

    public ApplicationSetController(ControllerContext ctx)
    {
        this.ctx = ctx;
        queue = new WorkQueue<string>(ctx.Time);
        expander = new ApplicationSetExpander(ctx.Repositories, ApplicationSetExpanderOptions.Default with
        {
            ControlPlaneNamespace = ctx.Namespace,
            ClusterSecrets = ClusterSecrets,
        });
    }

    /// <summary>The cluster Secrets in Argo CD's namespace, as the clusters generator lists them (the engine's one reading).</summary>
    private IReadOnlyList<ArgoCluster> ClusterSecrets() =>
        ctx.Cache.List(string.Empty, "Secret")
            .Where(s => Json.Str(s, "metadata.namespace") == ctx.Namespace)
            .Select(ArgoCluster.FromSecret)
            .OfType<ArgoCluster>()
            .ToList();

    public bool IsIdle => queue.IsIdle;

    public void Start(CancellationToken cancellationToken)
    {
        ctx.Cache.Changed += OnChange;
        EnqueueAll();
        periodic = ctx.Time.CreateTimer(_ => EnqueueAll(), null, ctx.Options.ReconciliationInterval, ctx.Options.ReconciliationInterval);
        _ = Task.Run(() => queue.RunAsync(ProcessAsync, cancellationToken), CancellationToken.None);
    }

    public void Dispose()
    {
        ctx.Cache.Changed -= OnChange;
        periodic?.Dispose();
        queue.Dispose();
    }

    private void EnqueueAll()
    {
        foreach (var set in ctx.Cache.List(ArgoAnnotations.Group, "ApplicationSet"))
        {
            queue.Add($"{Json.Str(set, "metadata.namespace")}/{Json.Str(set, "metadata.name")}");
        }
    }

    private void OnChange(ApiResource resource, ChangeType type, JsonObject obj)
    {
        // clusterSecretEventHandler: a cluster Secret that appears, changes or goes re-runs every set.
        if (resource.Group.Length == 0 && resource.Kind == "Secret" && Json.Str(obj, "metadata.namespace") == ctx.Namespace &&
            ArgoCluster.FromSecret(obj) is not null)
        {
            EnqueueAll();
            return;
        }

        if (resource.Group != ArgoAnnotations.Group)
        {
            return;
        }

        if (resource.Kind == "ApplicationSet")
        {
            queue.Add($"{Json.Str(obj, "metadata.namespace")}/{Json.Str(obj, "metadata.name")}");
        }
        else if (resource.Kind == "Application" && OwnerSet(obj) is { } owner)
        {
            queue.Add($"{Json.Str(obj, "metadata.namespace")}/{owner}");
        }
    }

    private static string? OwnerSet(JsonObject app) =>
        Json.Objects(app, "metadata.ownerReferences").FirstOrDefault(o => Json.Str(o, "kind") == "ApplicationSet" && Json.Bool(o, "controller")) is { } r ? Json.Str(r, "name") : null;

    private async Task ProcessAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e) when (e is KubeApiException or ResourceOperationException or HttpRequestException or IOException or InvalidOperationException or System.Text.Json.JsonException)
        {
            queue.AddAfter(key, TimeSpan.FromSeconds(1));
        }
    }

    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var ns = key[..slash];
        var name = key[(slash + 1)..];
        var setObj = ctx.Cache.Get(new ResourceKey(ArgoAnnotations.Group, "ApplicationSet", ns, name));
        if (setObj is null)
        {
            return;
        }

        var uid = Json.Str(setObj, "metadata.uid") ?? string.Empty;
        var policy = Json.Str(setObj, "spec.syncPolicy.applicationsSync") ?? "sync";
        var owned = ctx.Cache.List(ArgoAnnotations.Group, "Application")
            .Where(a => Json.Str(a, "metadata.namespace") == ns && Json.Objects(a, "metadata.ownerReferences").Any(o => Json.Str(o, "uid") == uid && Json.Bool(o, "controller")))
            .ToDictionary(a => Json.Str(a, "metadata.name")!, StringComparer.Ordinal);

        if (Json.Str(setObj, "metadata.deletionTimestamp") is not null)
        {
            await FinalizeAsync(setObj, policy, owned.Values, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (generated, error) = Generate(setObj);
        if (error is not null)
        {
            // Any generator or template error: nothing is created, updated or deleted [applicationset_controller.go Reconcile].
            await WriteStatusAsync(setObj, error, cancellationToken).ConfigureAwait(false);
            queue.AddAfter(key, ctx.Options.ReconciliationInterval);
            return;
        }

        var allowUpdate = policy is "sync" or "create-update";
        var allowDelete = policy is "sync" or "create-delete";
        var appResource = ctx.Cache.ResourceFor(ArgoAnnotations.Group, "Application") ?? throw new InvalidOperationException("the Application CRD is not installed");
        var desiredNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var desired in generated)
        {
            var appName = Json.Str(desired, "metadata.name") ?? string.Empty;
            desiredNames.Add(appName);
            Json.Ensure(desired, "metadata")["namespace"] = ns;
            desired["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "argoproj.io/v1alpha1",
                ["kind"] = "ApplicationSet",
                ["name"] = name,
                ["uid"] = uid,
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            });
            if (!owned.TryGetValue(appName, out var existing))
            {
                if (ctx.Cache.Get(new ResourceKey(ArgoAnnotations.Group, "Application", ns, appName)) is not null)
                {
                    continue; // Exists but not ours: Argo CD reports it and leaves it alone.
                }

                await ctx.Api.SendJsonAsync(HttpMethod.Post, appResource.Path(ns), desired, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else if (allowUpdate)
            {
                var updated = Updated(existing, desired);
                if (!JsonNode.DeepEquals(updated, existing))
                {
                    await ctx.Api.SendJsonAsync(HttpMethod.Put, appResource.Path(ns, appName), updated, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (allowDelete)
        {
            foreach (var (appName, _) in owned.Where(o => !desiredNames.Contains(o.Key)))
            {
                try
                {
                    await ctx.Api.SendJsonAsync(HttpMethod.Delete, appResource.Path(ns, appName), new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = "Foreground" }, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (KubeApiException e) when (e.IsNotFound)
                {
                    // Already gone.
                }
            }
        }

        await WriteStatusAsync(setObj, null, cancellationToken).ConfigureAwait(false);
    }

    private (List<JsonObject> Apps, string? Error) Generate(JsonObject setObj)
    {
        try
        {
            var parsed = ArgoModelParser.ParseApplicationSet(new ManifestObject(Json.Clone(setObj), SourceLocation.OfFile($"ApplicationSet/{Json.Str(setObj, "metadata.name")}")));
            if (!parsed.IsValid || parsed.Value is null)
            {
                return ([], string.Join("; ", parsed.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message)));
            }

            var expansion = expander.Expand(parsed.Value);
            if (!expansion.Succeeded)
            {
                return ([], string.Join("; ", expansion.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message)));
            }

            return (expansion.Applications.Select(a => Json.Clone(a.Manifest.Body)).ToList(), null);
        }
        catch (NotImplementedException)
        {
            return ([], "ApplicationSet generation is not available in this build: the engine's ApplicationSetExpander is not implemented yet");
        }
    }

    /// <summary>Resets spec, labels, annotations and finalizers to the template, keeping the preserved ones [§7.3].</summary>
    private static JsonObject Updated(JsonObject existing, JsonObject desired)
    {
        var updated = Json.Clone(existing);
        updated["spec"] = desired["spec"]?.DeepClone();
        var meta = Json.Ensure(updated, "metadata");
        var labels = Json.Obj(desired, "metadata.labels")?.DeepClone() as JsonObject ?? [];
        var annotations = Json.Obj(desired, "metadata.annotations")?.DeepClone() as JsonObject ?? [];
        foreach (var a in PreservedAnnotations)
        {
            if (Json.GetAnnotation(existing, a) is { } v)
            {
                annotations[a] = v;
            }
        }

        meta["labels"] = labels.Count > 0 ? labels : null;
        meta["annotations"] = annotations.Count > 0 ? annotations : null;
        var finalizers = (Json.Arr(desired, "metadata.finalizers")?.Select(Json.AsString).OfType<string>() ?? [])
            .Concat((Json.Arr(existing, "metadata.finalizers")?.Select(Json.AsString).OfType<string>() ?? []).Where(f => f.Contains("delete-finalizer.argocd.argoproj.io", StringComparison.Ordinal)))
            .Distinct().ToList();
        meta["finalizers"] = finalizers.Count > 0 ? new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()) : null;
        foreach (var k in meta.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
        {
            meta.Remove(k);
        }

        return updated;
    }

    private async Task FinalizeAsync(JsonObject setObj, string policy, IEnumerable<JsonObject> owned, CancellationToken cancellationToken)
    {
        var appResource = ctx.Cache.ResourceFor(ArgoAnnotations.Group, "Application");
        if (policy is "create-only" or "create-update" && appResource is not null)
        {
            // Keep the Applications: strip owner references before the set goes [as/Application-Deletion.md].
            foreach (var app in owned)
            {
                var patch = new JsonObject { ["metadata"] = new JsonObject { ["ownerReferences"] = null } };
                await ctx.Api.SendJsonAsync(HttpMethod.Patch, appResource.Path(Json.Str(app, "metadata.namespace"), Json.Str(app, "metadata.name")), patch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
            }
        }

        var finalizers = Json.Arr(setObj, "metadata.finalizers")?.Select(Json.AsString).OfType<string>().ToList() ?? [];
        if (finalizers.Remove(ArgoAnnotations.ApplicationSetFinalizer) && ctx.Cache.ResourceFor(ArgoAnnotations.Group, "ApplicationSet") is { } setResource)
        {
            var patch = new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()) } };
            await ctx.Api.SendJsonAsync(HttpMethod.Patch, setResource.Path(Json.Str(setObj, "metadata.namespace"), Json.Str(setObj, "metadata.name")), patch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteStatusAsync(JsonObject setObj, string? error, CancellationToken cancellationToken)
    {
        var resource = ctx.Cache.ResourceFor(ArgoAnnotations.Group, "ApplicationSet");
        if (resource is null)
        {
            return;
        }

        var now = Json.Timestamp(ctx.Time.GetUtcNow());
        JsonObject Condition(string type, bool status, string reason, string message)
        {
            var previous = Json.Objects(setObj, "status.conditions").FirstOrDefault(c => Json.Str(c, "type") == type);
            var same = previous is not null && Json.Str(previous, "status") == (status ? "True" : "False") && Json.Str(previous, "message") == message;
            return new JsonObject
            {
                ["type"] = type,
                ["status"] = status ? "True" : "False",
                ["reason"] = reason,
                ["message"] = message,
                ["lastTransitionTime"] = same ? Json.Str(previous!, "lastTransitionTime") : now,
            };
        }

        var conditions = error is null
            ? new JsonArray(
                Condition("ErrorOccurred", false, "ApplicationSetUpToDate", "Successfully generated parameters for all Applications"),
                Condition("ParametersGenerated", true, "ParametersGenerated", "Successfully generated parameters for all Applications"),
                Condition("ResourcesUpToDate", true, "ApplicationSetUpToDate", "ApplicationSet up to date"))
            : new JsonArray(
                Condition("ErrorOccurred", true, "ApplicationGenerationFromParamsError", error),
                Condition("ParametersGenerated", false, "ErrorOccurred", error),
                Condition("ResourcesUpToDate", false, "ApplicationGenerationFromParamsError", error));
        if (JsonNode.DeepEquals(Json.Arr(setObj, "status.conditions"), conditions))
        {
            return;
        }

        var patch = new JsonObject { ["status"] = new JsonObject { ["conditions"] = conditions } };
        await ctx.Api.SendJsonAsync(HttpMethod.Patch, resource.Path(Json.Str(setObj, "metadata.namespace"), Json.Str(setObj, "metadata.name"), "status"), patch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
    }
}
