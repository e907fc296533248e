using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Sync;

namespace PlatformValidation.Fakes.ArgoCd.Kube;

/// <summary>
/// API discovery (<c>/api</c>, <c>/apis</c>, and each group version), cached until <see cref="Invalidate"/> — the
/// controller invalidates when CustomResourceDefinitions change, as client-go's memcache discovery is reset.
/// </summary>
public sealed class ApiDiscovery(KubeApi api, TimeProvider time)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Dictionary<string, List<ApiResource>>? byGroupVersion;
    private DateTimeOffset loadedAt;

    public event Action? Changed;

    public void Invalidate() => byGroupVersion = null;

    public async Task<IReadOnlyList<ApiResource>> AllAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken).ConfigureAwait(false)).Values.SelectMany(v => v).ToList();

    /// <summary>Finds a kind; a miss refreshes discovery at most once per second (a CRD may just have been created).</summary>
    public async Task<DiscoveryResult> DiscoverAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        if (found is null && time.GetUtcNow() - loadedAt > TimeSpan.FromSeconds(1))
        {
            Invalidate();
            found = await FindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        }

        if (found is not null)
        {
            return new DiscoveryResult(true, found.Namespaced, found.Plural, string.Empty);
        }

        var all = await LoadAsync(cancellationToken).ConfigureAwait(false);
        var (group, _) = ResourceKey.SplitApiVersion(apiVersion);
        if (!all.ContainsKey(apiVersion))
        {
            var other = all.Values.SelectMany(v => v).FirstOrDefault(r => r.Group == group && r.Kind == kind);
            return DiscoveryResult.NotFound(other is not null
                ? $"The Kubernetes API could not find version \"{ResourceKey.SplitApiVersion(apiVersion).Version}\" of {group}/{kind} for requested resource. Version \"{other.Version}\" of {group}/{kind} is installed on the destination cluster."
                : $"failed to discover server resources for group version {apiVersion}: the server could not find the requested resource");
        }

        return DiscoveryResult.NotFound($"{kind}.{group} \"\" not found");
    }

    public async Task<ApiResource?> FindAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        var all = await LoadAsync(cancellationToken).ConfigureAwait(false);
        return all.TryGetValue(apiVersion, out var list) ? list.FirstOrDefault(r => r.Kind == kind) : null;
    }

    private async Task<Dictionary<string, List<ApiResource>>> LoadAsync(CancellationToken cancellationToken)
    {
        if (byGroupVersion is { } cached)
        {
            return cached;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (byGroupVersion is { } again)
            {
                return again;
            }

            var result = new Dictionary<string, List<ApiResource>>(StringComparer.Ordinal);
            var core = await api.GetAsync("/api", cancellationToken).ConfigureAwait(false);
            foreach (var v in Json.Arr(core, "versions")?.Select(Json.AsString).OfType<string>() ?? [])
            {
                result[v] = await ResourcesAsync($"/api/{v}", string.Empty, v, cancellationToken).ConfigureAwait(false);
            }

            var groups = await api.GetAsync("/apis", cancellationToken).ConfigureAwait(false);
            foreach (var g in Json.Objects(groups, "groups"))
            {
                var name = Json.Str(g, "name") ?? string.Empty;
                foreach (var v in Json.Objects(g, "versions"))
                {
                    var version = Json.Str(v, "version") ?? string.Empty;
                    result[$"{name}/{version}"] = await ResourcesAsync($"/apis/{name}/{version}", name, version, cancellationToken).ConfigureAwait(false);
                }
            }

            var changed = byGroupVersion is null && loadedAt != default;
            byGroupVersion = result;
            loadedAt = time.GetUtcNow();
            if (changed)
            {
                Changed?.Invoke();
            }

            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<List<ApiResource>> ResourcesAsync(string path, string group, string version, CancellationToken cancellationToken)
    {
        JsonObject? list;
        try
        {
            list = await api.GetAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceOperationException)
        {
            return [];
        }

        return Json.Objects(list, "resources")
            .Where(r => !(Json.Str(r, "name") ?? string.Empty).Contains('/', StringComparison.Ordinal))
            .Select(r => new ApiResource(group, version, Json.Str(r, "kind") ?? string.Empty, Json.Str(r, "name") ?? string.Empty, Json.Bool(r, "namespaced"),
                Json.Arr(r, "verbs")?.Select(Json.AsString).OfType<string>().ToList() ?? []))
            .ToList();
    }
}
