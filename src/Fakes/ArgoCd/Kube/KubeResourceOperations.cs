using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Sync;

namespace PlatformValidation.Fakes.ArgoCd.Kube;

/// <summary>
/// <see cref="IResourceOperations"/> over the Kubernetes API: client-side apply (three-way merge patch with the
/// <c>kubectl.kubernetes.io/last-applied-configuration</c> annotation), server-side apply (apply patch, field manager
/// <c>argocd-controller</c>, forced conflicts), replace, and delete with a propagation policy.
/// </summary>
public sealed class KubeResourceOperations(KubeApi api, ApiDiscovery discovery) : IResourceOperations
{
    public const string FieldManager = "argocd-controller";

    public Task<DiscoveryResult> DiscoverAsync(string apiVersion, string kind, CancellationToken cancellationToken = default) =>
        discovery.DiscoverAsync(apiVersion, kind, cancellationToken);

    public async Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name, CancellationToken cancellationToken = default)
    {
        var r = await ResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        return await api.GetAsync(KubeApi.Path(r, ns, name), cancellationToken).ConfigureAwait(false);
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

        var live = await api.GetAsync(KubeApi.Path(r, ns, name), cancellationToken).ConfigureAwait(false);
        var before = Json.Str(live, "metadata.resourceVersion");
        JsonObject result;
        switch (strategy)
        {
            case ApplyStrategy.ServerSide:
                result = await api.SendJsonAsync(HttpMethod.Patch, KubeApi.Path(r, ns, name) + $"?fieldManager={FieldManager}&force=true", target, "application/apply-patch+yaml", cancellationToken).ConfigureAwait(false);
                break;
            case ApplyStrategy.Replace when live is not null:
                Json.Ensure(target, "metadata")["resourceVersion"] = before;
                result = await api.SendJsonAsync(HttpMethod.Put, KubeApi.Path(r, ns, name), target, cancellationToken: cancellationToken).ConfigureAwait(false);
                return $"{display} replaced";
            default:
                var withLastApplied = Json.Clone(target);
                Json.SetAnnotation(withLastApplied, ArgoAnnotations.LastApplied, LastAppliedOf(target));
                if (live is null)
                {
                    try
                    {
                        await api.SendJsonAsync(HttpMethod.Post, KubeApi.Path(r, ns), withLastApplied, cancellationToken: cancellationToken).ConfigureAwait(false);
                        return $"{display} created";
                    }
                    catch (ResourceOperationException e) when (e.StatusCode == 409)
                    {
                        // Created by someone else since the read (two apps with CreateNamespace=true for one namespace
                        // syncing at once): apply is create-or-update, so update what is there now.
                        live = await api.GetAsync(KubeApi.Path(r, ns, name), cancellationToken).ConfigureAwait(false)
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

                result = await api.SendJsonAsync(HttpMethod.Patch, KubeApi.Path(r, ns, name), patch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
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
        await api.SendJsonAsync(HttpMethod.Delete, KubeApi.Path(r, r.Namespaced ? ns : null, name), body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveFinalizerAsync(JsonObject live, string finalizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(live);
        var r = await ResolveAsync(Json.Str(live, "apiVersion") ?? string.Empty, Json.Str(live, "kind") ?? string.Empty, cancellationToken).ConfigureAwait(false);
        var path = KubeApi.Path(r, Json.Str(live, "metadata.namespace"), Json.Str(live, "metadata.name"));
        var current = await api.GetAsync(path, cancellationToken).ConfigureAwait(false);
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
        await api.SendJsonAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
    }

    private async Task<ApiResource> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        var r = await discovery.FindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        if (r is null)
        {
            discovery.Invalidate();
            r = await discovery.FindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        }

        return r ?? throw new ResourceOperationException($"no matches for kind \"{kind}\" in version \"{apiVersion}\"");
    }

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
