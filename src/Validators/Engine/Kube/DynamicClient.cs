using System.Net;
using System.Text.Json.Nodes;
using k8s;

namespace PlatformValidation.Validators.Kube;

/// <summary>
/// Reads and writes objects of any kind as <see cref="JsonObject"/> through KubernetesClient's transport, the way
/// <c>kubectl apply --server-side</c> does: the kind is resolved by discovery, writes are server-side apply
/// patches with a field manager. Every failure is a <see cref="KubeApiException"/> naming the object.
/// </summary>
public sealed class DynamicClient
{
    /// <summary>The field manager the harness applies with.</summary>
    public const string FieldManager = "platform-validation";

    public DynamicClient(Kubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Http = new KubeHttp(client);
        Discovery = new ApiDiscovery(Http);
    }

    public KubeHttp Http { get; }

    public ApiDiscovery Discovery { get; }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ObjectRef target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var type = await Discovery.TryResolveAsync(target.ApiVersion, target.Kind, cancellationToken);
        return type is null ? null : await Http.SendJsonAsync(HttpMethod.Get, type.ObjectPath(target.Namespace, target.Name), null, "application/json", cancellationToken);
    }

    /// <summary>Every object of a kind (in one namespace, or all when <paramref name="ns"/> is null); empty when the kind is not served.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(string apiVersion, string kind, string? ns = null, string? labelSelector = null, CancellationToken cancellationToken = default)
    {
        var type = await Discovery.TryResolveAsync(apiVersion, kind, cancellationToken);
        if (type is null)
        {
            return [];
        }

        var query = labelSelector is null ? string.Empty : "?labelSelector=" + Uri.EscapeDataString(labelSelector);
        var list = await Http.SendJsonAsync(HttpMethod.Get, type.CollectionPath(ns) + query, null, "application/json", cancellationToken);
        return list?["items"] is JsonArray items ? items.OfType<JsonObject>().ToList() : [];
    }

    /// <summary>
    /// Server-side applies <paramref name="body"/> (force, field manager <see cref="FieldManager"/>). A namespaced
    /// object without a namespace goes to <paramref name="defaultNamespace"/>.
    /// </summary>
    public async Task<JsonObject> ApplyAsync(JsonObject body, string defaultNamespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var target = ObjectRef.Of(body);
        var type = await Discovery.ResolveAsync(target.ApiVersion, target.Kind, cancellationToken);
        var copy = (JsonObject)body.DeepClone();
        var ns = target.Namespace;
        if (type.Namespaced && ns is null)
        {
            ns = defaultNamespace;
            ((JsonObject)copy["metadata"]!)["namespace"] = ns;
        }
        else if (!type.Namespaced && copy["metadata"] is JsonObject meta)
        {
            meta.Remove("namespace");
        }

        var path = type.ObjectPath(type.Namespaced ? ns : null, target.Name) + $"?fieldManager={FieldManager}&force=true";
        try
        {
            return await Http.SendJsonAsync(HttpMethod.Patch, path, copy, "application/apply-patch+yaml", cancellationToken) ?? copy;
        }
        catch (KubeApiException e)
        {
            throw new KubeApiException($"Applying {target} failed: {e.Message}", e.StatusCode, e.Reason);
        }
    }

    /// <summary>Applies a JSON merge patch (RFC 7386) to an existing object, optionally to a subresource (<c>status</c>, <c>scale</c>).</summary>
    public async Task<JsonObject> MergePatchAsync(ObjectRef target, JsonObject patch, string? subresource = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patch);
        var type = await Discovery.ResolveAsync(target.ApiVersion, target.Kind, cancellationToken);
        var path = type.ObjectPath(target.Namespace, target.Name) + (subresource is null ? string.Empty : "/" + subresource) + $"?fieldManager={FieldManager}";
        try
        {
            return await Http.SendJsonAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json", cancellationToken) ?? new JsonObject();
        }
        catch (KubeApiException e)
        {
            throw new KubeApiException($"Patching {target}{(subresource is null ? string.Empty : " (" + subresource + ")")} failed: {e.Message}", e.StatusCode, e.Reason);
        }
    }

    /// <summary>Deletes an object (background propagation); true when it existed.</summary>
    public async Task<bool> DeleteAsync(ObjectRef target, string propagationPolicy = "Background", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var type = await Discovery.TryResolveAsync(target.ApiVersion, target.Kind, cancellationToken);
        if (type is null)
        {
            return false;
        }

        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "DeleteOptions", ["propagationPolicy"] = propagationPolicy };
        try
        {
            await Http.SendJsonAsync(HttpMethod.Delete, type.ObjectPath(target.Namespace, target.Name), body, "application/json", cancellationToken);
            return true;
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
