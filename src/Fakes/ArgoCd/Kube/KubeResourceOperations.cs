using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Sync;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.Kube;

/// <summary>
/// <see cref="IResourceOperations"/> over the Kubernetes API: client-side apply (three-way merge patch with the
/// <c>kubectl.kubernetes.io/last-applied-configuration</c> annotation), server-side apply (apply patch, field manager
/// <c>argocd-controller</c>, forced conflicts), replace, and delete with a propagation policy. Requests go through the
/// project's one dynamic transport and discovery (<see cref="KubeHttp"/>, <see cref="ApiDiscovery"/>); API errors
/// become <see cref="ResourceOperationException"/> carrying the server's own message, as Argo CD shows it.
/// </summary>
public sealed class KubeResourceOperations(KubeHttp api, ApiDiscovery discovery, TimeProvider time) : IResourceOperations
{
    public const string FieldManager = "argocd-controller";

    private readonly Lock refreshGate = new();
    private DateTimeOffset lastMissRefresh;

    /// <summary>
    /// Whether the destination serves a kind, with Argo CD's messages when it does not. A miss reads discovery again at
    /// most once per second (a CRD may just have been created; a sync of many unknown kinds must not hammer the server).
    /// </summary>
    public async Task<DiscoveryResult> DiscoverAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        try
        {
            var found = await discovery.FindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
            if (found is null && MayRefresh())
            {
                found = await discovery.TryResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
            }

            if (found is not null)
            {
                return new DiscoveryResult(true, found.Namespaced, found.Plural, string.Empty);
            }

            var (group, version) = ResourceKey.SplitApiVersion(apiVersion);
            if (!await discovery.ServesAsync(apiVersion, cancellationToken).ConfigureAwait(false))
            {
                var all = await discovery.AllAsync(cancellationToken).ConfigureAwait(false);
                var other = all.FirstOrDefault(r => r.Group == group && r.Kind == kind);
                return DiscoveryResult.NotFound(other is not null
                    ? $"The Kubernetes API could not find version \"{version}\" of {group}/{kind} for requested resource. Version \"{other.Version}\" of {group}/{kind} is installed on the destination cluster."
                    : $"failed to discover server resources for group version {apiVersion}: the server could not find the requested resource");
            }

            return DiscoveryResult.NotFound($"{kind}.{group} \"\" not found");
        }
        catch (KubeApiException e)
        {
            throw Translate(e);
        }
    }

    public async Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name, CancellationToken cancellationToken = default)
    {
        var r = await ResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        return await Call(() => api.GetAsync(r.Path(ns, name), cancellationToken)).ConfigureAwait(false);
    }

    public async Task<string> ApplyAsync(JsonObject obj, ApplyStrategy strategy, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = Json.Str(obj, "apiVersion") ?? string.Empty;
        var kind = Json.Str(obj, "kind") ?? string.Empty;
        var r = await ResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        var target = Json.Clone(obj);
        if (!r.Namespaced && target["metadata"] is JsonObject meta)
        {
            meta.Remove("namespace");
        }

        var name = Json.Str(target, "metadata.name") ?? string.Empty;
        var ns = r.Namespaced ? Json.Str(target, "metadata.namespace") : null;
        var display = $"{kind.ToLowerInvariant()}{(r.Group.Length == 0 ? string.Empty : "." + r.Group)}/{name}";
        if (dryRun)
        {
            return $"{display} configured (dry run)";
        }

        var live = await Call(() => api.GetAsync(r.Path(ns, name), cancellationToken)).ConfigureAwait(false);
        var before = Json.Str(live, "metadata.resourceVersion");
        JsonObject result;
        switch (strategy)
        {
            case ApplyStrategy.ServerSide:
                result = await SendAsync(HttpMethod.Patch, r.Path(ns, name) + $"?fieldManager={FieldManager}&force=true", target, "application/apply-patch+yaml", cancellationToken).ConfigureAwait(false);
                break;
            case ApplyStrategy.Replace when live is not null:
                Json.Ensure(target, "metadata")["resourceVersion"] = before;
                result = await SendAsync(HttpMethod.Put, r.Path(ns, name), target, cancellationToken: cancellationToken).ConfigureAwait(false);
                return $"{display} replaced";
            default:
                var withLastApplied = Json.Clone(target);
                Json.SetAnnotation(withLastApplied, ArgoAnnotations.LastApplied, LastAppliedOf(target));
                if (live is null)
                {
                    try
                    {
                        await SendAsync(HttpMethod.Post, r.Path(ns), withLastApplied, cancellationToken: cancellationToken).ConfigureAwait(false);
                        return $"{display} created";
                    }
                    catch (ResourceOperationException e) when (e.StatusCode == 409)
                    {
                        // Created by someone else since the read (two apps with CreateNamespace=true for one namespace
                        // syncing at once): apply is create-or-update, so update what is there now.
                        live = await Call(() => api.GetAsync(r.Path(ns, name), cancellationToken)).ConfigureAwait(false)
                            ?? throw new ResourceOperationException($"{display}: {e.Message}", e.StatusCode, e);
                        before = Json.Str(live, "metadata.resourceVersion");
                    }
                }

                var original = Json.GetAnnotation(live, ArgoAnnotations.LastApplied) is { } la ? TryParse(la) : null;
                var patch = ThreeWayMergePatch(original, withLastApplied, live);
                if (patch.Count == 0)
                {
                    return $"{display} unchanged";
                }

                result = await SendAsync(HttpMethod.Patch, r.Path(ns, name), patch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
                break;
        }

        if (live is null)
        {
            return $"{display} created";
        }

        return Json.Str(result, "metadata.resourceVersion") == before ? $"{display} unchanged" : $"{display} configured";
    }

    public async Task DeleteAsync(string apiVersion, string kind, string? ns, string name, string propagationPolicy, CancellationToken cancellationToken = default)
    {
        var r = await ResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = propagationPolicy };
        await SendAsync(HttpMethod.Delete, r.Path(r.Namespaced ? ns : null, name), body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveFinalizerAsync(JsonObject live, string finalizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(live);
        var r = await ResolveAsync(Json.Str(live, "apiVersion") ?? string.Empty, Json.Str(live, "kind") ?? string.Empty, cancellationToken).ConfigureAwait(false);
        var path = r.Path(Json.Str(live, "metadata.namespace"), Json.Str(live, "metadata.name"));
        var current = await Call(() => api.GetAsync(path, cancellationToken)).ConfigureAwait(false);
        if (current is null)
        {
            return;
        }

        var finalizers = Json.Arr(current, "metadata.finalizers")?.Select(Json.AsString).OfType<string>().ToList() ?? [];
        if (!finalizers.Remove(finalizer))
        {
            return;
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
                ["resourceVersion"] = Json.Str(current, "metadata.resourceVersion"),
            },
        };
        await SendAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
    }

    private async Task<ApiResource> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken) =>
        await Call(() => discovery.TryResolveAsync(apiVersion, kind, cancellationToken)).ConfigureAwait(false)
        ?? throw new ResourceOperationException($"no matches for kind \"{kind}\" in version \"{apiVersion}\"");

    private bool MayRefresh()
    {
        lock (refreshGate)
        {
            var now = time.GetUtcNow();
            if (now - lastMissRefresh <= TimeSpan.FromSeconds(1))
            {
                return false;
            }

            lastMissRefresh = now;
            return true;
        }
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonNode? body, string contentType = "application/json", CancellationToken cancellationToken = default) =>
        await Call(() => api.SendJsonAsync(method, path, body, contentType, cancellationToken)).ConfigureAwait(false) ?? new JsonObject();

    /// <summary>Runs one API call; a failure becomes a <see cref="ResourceOperationException"/> with the server's message.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (KubeApiException e)
        {
            throw Translate(e);
        }
    }

    private static ResourceOperationException Translate(KubeApiException e) => new(e.ServerMessage ?? e.Message, e.Status, e);

    private static string LastAppliedOf(JsonObject target)
    {
        var copy = Json.Clone(target);
        if (Json.Obj(copy, "metadata.annotations") is { } ann)
        {
            ann.Remove(ArgoAnnotations.LastApplied);
        }

        return copy.ToJsonString();
    }

    private static JsonObject? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A JSON merge patch that makes live match desired and deletes what was applied before but is no longer desired
    /// (kubectl's three-way rule); lists are replaced wholesale.
    /// </summary>
    internal static JsonObject ThreeWayMergePatch(JsonObject? original, JsonObject desired, JsonObject live)
    {
        var patch = new JsonObject();
        foreach (var (k, dv) in desired)
        {
            var lv = live[k];
            if (dv is JsonObject dObj && lv is JsonObject lObj)
            {
                var sub = ThreeWayMergePatch(original?[k] as JsonObject, dObj, lObj);
                if (sub.Count > 0)
                {
                    patch[k] = sub;
                }
            }
            else if (!Json.DeepEquals(dv, lv) && !(dv is JsonArray da && lv is JsonArray la && Diff.ResourceDiff.IsSubset(da, la)))
            {
                patch[k] = dv?.DeepClone();
            }
        }

        if (original is not null)
        {
            foreach (var (k, _) in original)
            {
                if (!desired.ContainsKey(k) && live.ContainsKey(k))
                {
                    patch[k] = null;
                }
            }
        }

        return patch;
    }
}
