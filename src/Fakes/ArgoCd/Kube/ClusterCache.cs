using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.Kube;

/// <summary>
/// Argo CD's cluster cache (gitops-engine <c>pkg/cache</c>): one informer per listable kind (preferred version of
/// each group/kind, minus the default <c>resource.exclusions</c>), keyed by group/kind/namespace/name. New kinds are
/// picked up when CustomResourceDefinitions change. Subscribers hear about every change.
/// </summary>
public sealed class ClusterCache : IAsyncDisposable
{
    // Argo CD's default resource.exclusions plus events: never managed, very chatty.
    private static readonly HashSet<string> Excluded =
    [
        "/Endpoints", "discovery.k8s.io/EndpointSlice", "coordination.k8s.io/Lease", "authentication.k8s.io/TokenReview",
        "authentication.k8s.io/SelfSubjectReview", "authorization.k8s.io/SelfSubjectAccessReview", "authorization.k8s.io/SelfSubjectRulesReview",
        "authorization.k8s.io/SubjectAccessReview", "authorization.k8s.io/LocalSubjectAccessReview", "certificates.k8s.io/CertificateSigningRequest",
        "/Event", "events.k8s.io/Event", "/ComponentStatus", "/Binding",
    ];

    private readonly KubeHttp api;
    private readonly ApiDiscovery discovery;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, (ResourceInformer Informer, CancellationTokenSource Stop, Task Run)> informers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource lifetime = new();
    private readonly SemaphoreSlim rescanGate = new(1, 1);

    public ClusterCache(KubeHttp api, ApiDiscovery discovery, TimeProvider time)
    {
        this.api = api;
        this.discovery = discovery;
        this.time = time;
    }

    /// <summary>Raised for every observed change (from the informer threads).</summary>
    public event Action<ApiResource, ChangeType, JsonObject>? Changed;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await RescanAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(informers.Values.Select(i => i.Informer.Synced)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Re-reads discovery and starts informers for new kinds (called when CRDs change).</summary>
    public async Task RescanAsync(CancellationToken cancellationToken = default)
    {
        await rescanGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            discovery.Invalidate();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in await discovery.AllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (Excluded.Contains(r.GroupKind) || !r.Verbs.Contains("list") || !r.Verbs.Contains("watch") || !seen.Add(r.GroupKind))
                {
                    continue;
                }

                if (informers.TryGetValue(r.GroupKind, out var existing) && existing.Informer.Resource.Version == r.Version)
                {
                    continue;
                }

                var stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                var informer = new ResourceInformer(api, r, OnChange, time);
                var run = Task.Run(() => informer.RunAsync(stop.Token), CancellationToken.None);
                if (informers.TryRemove(r.GroupKind, out var old))
                {
                    await old.Stop.CancelAsync().ConfigureAwait(false);
                    old.Stop.Dispose();
                }

                informers[r.GroupKind] = (informer, stop, run);
            }

            foreach (var gone in informers.Keys.Where(k => !seen.Contains(k)).ToList())
            {
                if (informers.TryRemove(gone, out var old))
                {
                    foreach (var item in old.Informer.Items)
                    {
                        Changed?.Invoke(old.Informer.Resource, ChangeType.Deleted, item);
                    }

                    await old.Stop.CancelAsync().ConfigureAwait(false);
                    old.Stop.Dispose();
                }
            }
        }
        finally
        {
            rescanGate.Release();
        }
    }

    /// <summary>Waits until every informer started so far has listed once.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(informers.Values.Select(i => i.Informer.Synced)).WaitAsync(cancellationToken);

    /// <summary>Kinds whose list/watch loop last failed, with the error (diagnostics).</summary>
    public IReadOnlyDictionary<string, string> InformerErrors =>
        informers.Where(i => i.Value.Informer.LastError is not null).ToDictionary(i => i.Key, i => i.Value.Informer.LastError!, StringComparer.Ordinal);

    public ApiResource? ResourceFor(string group, string kind) =>
        informers.TryGetValue($"{group}/{kind}", out var i) ? i.Informer.Resource : null;

    public JsonObject? Get(ResourceKey key) =>
        informers.TryGetValue($"{key.Group}/{key.Kind}", out var i) ? i.Informer.Get(key.Namespace, key.Name) : null;

    public IReadOnlyList<JsonObject> List(string group, string kind) =>
        informers.TryGetValue($"{group}/{kind}", out var i) ? i.Informer.Items : [];

    /// <summary>Every cached object (the controller filters by tracking).</summary>
    public IEnumerable<JsonObject> All() => informers.Values.SelectMany(i => i.Informer.Items);

    public bool IsNamespaced(string group, string kind) => ResourceFor(group, kind)?.Namespaced ?? true;

    public async ValueTask DisposeAsync()
    {
        await lifetime.CancelAsync().ConfigureAwait(false);
        foreach (var (_, (_, stop, run)) in informers)
        {
            try
            {
                await run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }

            stop.Dispose();
        }

        lifetime.Dispose();
        rescanGate.Dispose();
    }

    private void OnChange(ApiResource resource, ChangeType type, JsonObject obj)
    {
        if (resource.Group == "apiextensions.k8s.io" && resource.Kind == "CustomResourceDefinition" &&
            (type == ChangeType.Deleted || ResourceFor(Json.Str(obj, "spec.group") ?? string.Empty, Json.Str(obj, "spec.names.kind") ?? string.Empty) is null))
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await RescanAsync(lifetime.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or KubeApiException or ObjectDisposedException)
                {
                    // The next CRD change or start retries.
                }
            });
        }

        Changed?.Invoke(resource, type, obj);
    }
}
