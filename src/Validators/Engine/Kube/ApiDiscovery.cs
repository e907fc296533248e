using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Live.Kube;

/// <summary>
/// Maps apiVersion + kind to the resource the API server serves (plural, scope), from the server's discovery
/// documents. A miss refreshes the map once, because a CRD may have been registered since the last look.
/// </summary>
public sealed class ApiDiscovery
{
    private readonly KubeHttp http;
    private readonly ConcurrentDictionary<(string ApiVersion, string Kind), ResourceType> types = new();
    private readonly SemaphoreSlim refreshGate = new(1, 1);

    public ApiDiscovery(KubeHttp http)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
    }

    /// <summary>The resource type of <paramref name="apiVersion"/>/<paramref name="kind"/>; throws when the server does not serve it.</summary>
    public async Task<ResourceType> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        if (types.TryGetValue((apiVersion, kind), out var known))
        {
            return known;
        }

        await RefreshAsync(apiVersion, cancellationToken);
        return types.TryGetValue((apiVersion, kind), out var found)
            ? found
            : throw new KubeApiException($"The API server does not serve kind {kind} in {apiVersion}: install the CustomResourceDefinition that provides it (or check the apiVersion).", System.Net.HttpStatusCode.NotFound, "NotFound");
    }

    /// <summary>Like <see cref="ResolveAsync"/> but null when the kind is not served.</summary>
    public async Task<ResourceType?> TryResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ResolveAsync(apiVersion, kind, cancellationToken);
        }
        catch (KubeApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task RefreshAsync(string apiVersion, CancellationToken cancellationToken)
    {
        await refreshGate.WaitAsync(cancellationToken);
        try
        {
            var path = apiVersion.Contains('/', StringComparison.Ordinal) ? $"/apis/{apiVersion}" : $"/api/{apiVersion}";
            var list = await http.SendJsonAsync(HttpMethod.Get, path, null, "application/json", cancellationToken);
            if (list?["resources"] is not JsonArray resources)
            {
                return;
            }

            var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
            var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
            foreach (var r in resources.OfType<JsonObject>())
            {
                var name = r["name"]?.GetValue<string>() ?? string.Empty;
                var kind = r["kind"]?.GetValue<string>() ?? string.Empty;
                if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || kind.Length == 0)
                {
                    continue; // subresources (deployments/scale) are not kinds of their own
                }

                var namespaced = r["namespaced"]?.GetValue<bool>() ?? false;
                types[(apiVersion, kind)] = new ResourceType(group, version, kind, name, namespaced);
            }
        }
        finally
        {
            refreshGate.Release();
        }
    }
}
