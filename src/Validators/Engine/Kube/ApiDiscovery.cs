using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Kube;

/// <summary>
/// Maps apiVersion + kind to the resource the API server serves (plural, scope, verbs), from the server's discovery
/// documents (<c>/api</c>, <c>/apis</c> and each group version). Group versions are read when first asked for and
/// kept until <see cref="Invalidate"/> (as client-go's memory-cached discovery is reset when CRDs change); a served
/// group version whose list fails (an aggregated API that is down) counts as serving nothing, as in client-go.
/// Used by the live runner, the AppHost and the simulated Argo CD alike.
/// </summary>
public sealed class ApiDiscovery
{
    private readonly KubeHttp http;

    // apiVersion → its resources, or null when the server does not serve that group version (404).
    private readonly ConcurrentDictionary<string, IReadOnlyList<ApiResource>?> byGroupVersion = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyList<ApiResource>? all;

    public ApiDiscovery(KubeHttp http)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
    }

    /// <summary>Forgets everything read so far (call when CustomResourceDefinitions change).</summary>
    public void Invalidate()
    {
        all = null;
        byGroupVersion.Clear();
    }

    /// <summary>Every resource of every served group version (subresources excluded), read once until <see cref="Invalidate"/>.</summary>
    public async Task<IReadOnlyList<ApiResource>> AllAsync(CancellationToken cancellationToken = default)
    {
        if (all is { } cached)
        {
            return cached;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (all is { } again)
            {
                return again;
            }

            var versions = new List<string>();
            var core = await http.GetAsync("/api", cancellationToken).ConfigureAwait(false);
            versions.AddRange(Strings(core?["versions"]));
            var groups = await http.GetAsync("/apis", cancellationToken).ConfigureAwait(false);
            foreach (var g in (groups?["groups"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var name = Text(g["name"]);
                versions.AddRange(((g["versions"] as JsonArray)?.OfType<JsonObject>() ?? []).Select(v => $"{name}/{Text(v["version"])}"));
            }

            var result = new List<ApiResource>();
            foreach (var apiVersion in versions.Distinct(StringComparer.Ordinal))
            {
                var list = await ReadAsync(apiVersion, tolerateFailure: true, cancellationToken).ConfigureAwait(false);
                byGroupVersion[apiVersion] = list;
                result.AddRange(list ?? []);
            }

            all = result;
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether the server serves <paramref name="apiVersion"/> at all (from the cache, reading it once).</summary>
    public async Task<bool> ServesAsync(string apiVersion, CancellationToken cancellationToken = default) =>
        await GroupVersionAsync(apiVersion, refresh: false, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The resource of a kind from what was read so far (its group version is read when first asked for); no refresh on a miss.</summary>
    public async Task<ApiResource?> FindAsync(string apiVersion, string kind, CancellationToken cancellationToken = default) =>
        (await GroupVersionAsync(apiVersion, refresh: false, cancellationToken).ConfigureAwait(false))?.FirstOrDefault(r => r.Kind == kind);

    /// <summary>Like <see cref="FindAsync"/>, but a miss reads the group version again once (a CRD may just have been registered); null when still not served.</summary>
    public async Task<ApiResource?> TryResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        return await FindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false)
            ?? (await GroupVersionAsync(apiVersion, refresh: true, cancellationToken).ConfigureAwait(false))?.FirstOrDefault(r => r.Kind == kind);
    }

    /// <summary>The resource of <paramref name="apiVersion"/>/<paramref name="kind"/>; throws when the server does not serve it.</summary>
    public async Task<ApiResource> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken = default) =>
        await TryResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false)
        ?? throw new KubeApiException($"The API server does not serve kind {kind} in {apiVersion}: install the CustomResourceDefinition that provides it (or check the apiVersion).", HttpStatusCode.NotFound, "NotFound");

    private async Task<IReadOnlyList<ApiResource>?> GroupVersionAsync(string apiVersion, bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && byGroupVersion.TryGetValue(apiVersion, out var known))
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!refresh && byGroupVersion.TryGetValue(apiVersion, out var again))
            {
                return again;
            }

            var list = await ReadAsync(apiVersion, tolerateFailure: false, cancellationToken).ConfigureAwait(false);
            var before = byGroupVersion.TryGetValue(apiVersion, out var old) ? old : null;
            byGroupVersion[apiVersion] = list;
            if (refresh && !SameKinds(before, list))
            {
                all = null; // a full listing taken before is stale now
            }

            return list;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// One group version's resources; null when the server answers 404 for it. Another failure throws, or with
    /// <paramref name="tolerateFailure"/> (a full listing) gives an empty list.
    /// </summary>
    private async Task<IReadOnlyList<ApiResource>?> ReadAsync(string apiVersion, bool tolerateFailure, CancellationToken cancellationToken)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = apiVersion[(slash + 1)..];
        JsonObject? list;
        try
        {
            list = await http.GetAsync(slash < 0 ? $"/api/{apiVersion}" : $"/apis/{apiVersion}", cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (tolerateFailure && e.StatusCode is not null)
        {
            return []; // served but failing (503 from an aggregated API): nothing usable from it now
        }

        if (list is null)
        {
            return null;
        }

        return ((list["resources"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Select(r => (Name: Text(r["name"]), Kind: Text(r["kind"]), Resource: r))
            .Where(r => r.Name.Length > 0 && r.Kind.Length > 0 && !r.Name.Contains('/', StringComparison.Ordinal)) // subresources (deployments/scale) are not kinds of their own
            .Select(r => new ApiResource(group, version, r.Kind, r.Name, r.Resource["namespaced"] is JsonValue n && n.TryGetValue<bool>(out var b) && b, Strings(r.Resource["verbs"]).ToList()))
            .ToList();
    }

    private static bool SameKinds(IReadOnlyList<ApiResource>? a, IReadOnlyList<ApiResource>? b) =>
        a is null ? b is null : b is not null && a.Select(r => r.Kind).SequenceEqual(b.Select(r => r.Kind), StringComparer.Ordinal);

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(Text).Where(s => s.Length > 0) ?? [];
}
