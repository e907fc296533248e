using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Sync;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.Kube;

/// <summary>The kind of change an informer reports.</summary>
public enum ChangeType
{
    Upserted,
    Deleted,
}

/// <summary>
/// List-then-watch of one API resource across all namespaces (client-go's reflector): keeps a store, reports every
/// change, resumes from the last resourceVersion, re-lists on <c>410 Gone</c>, and backs off on errors (1 s → 30 s).
/// </summary>
public sealed class ResourceInformer(KubeHttp api, ApiResource resource, Action<ApiResource, ChangeType, JsonObject> onChange, TimeProvider time)
{
    private readonly Dictionary<(string Ns, string Name), JsonObject> store = [];
    private readonly Lock gate = new();
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ApiResource Resource => resource;

    /// <summary>The last error that interrupted the list/watch loop (diagnostics).</summary>
    public string? LastError { get; private set; }

    /// <summary>Completes once the first list is in the store.</summary>
    public Task Synced => synced.Task;

    public IReadOnlyList<JsonObject> Items
    {
        get
        {
            lock (gate)
            {
                return store.Values.ToList();
            }
        }
    }

    public JsonObject? Get(string? ns, string name)
    {
        lock (gate)
        {
            return store.GetValueOrDefault((ns ?? string.Empty, name));
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var rv = await ListAsync(cancellationToken).ConfigureAwait(false);
                synced.TrySetResult();
                backoff = TimeSpan.FromSeconds(1);
                while (!cancellationToken.IsCancellationRequested && rv is not null)
                {
                    rv = await WatchAsync(rv, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: whatever the last call hit meanwhile (cancelled, or the API server already gone) ends the
                // informer quietly.
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever went wrong (server, network, a subscriber), relist after a backoff; never die silently.
                LastError = e.GetType().Name + ": " + e.Message;
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var list = await api.GetAsync(resource.Path(null), cancellationToken).ConfigureAwait(false)
            ?? throw new KubeApiException($"list {resource.Path(null)} failed: 404 NotFound", System.Net.HttpStatusCode.NotFound, "NotFound");
        var seen = new HashSet<(string, string)>();
        foreach (var item in Json.Objects(list, "items").ToList())
        {
            item["apiVersion"] ??= resource.ApiVersion;
            item["kind"] ??= resource.Kind;
            var key = Key(item);
            seen.Add(key);
            Upsert(item);
        }

        List<JsonObject> removed;
        lock (gate)
        {
            removed = store.Where(kv => !seen.Contains(kv.Key)).Select(kv => kv.Value).ToList();
            foreach (var r in removed)
            {
                store.Remove(Key(r));
            }
        }

        foreach (var r in removed)
        {
            onChange(resource, ChangeType.Deleted, r);
        }

        return Json.Str(list, "metadata.resourceVersion") ?? string.Empty;
    }

    /// <summary>Watches from <paramref name="resourceVersion"/>; returns the version to resume from, or null to re-list.</summary>
    private async Task<string?> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var path = resource.Path(null) + string.Create(CultureInfo.InvariantCulture, $"?watch=true&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion={Uri.EscapeDataString(resourceVersion)}");
        using var response = await api.SendAsync(HttpMethod.Get, path, null, cancellationToken, stream: true).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new KubeApiException($"watch {path} failed: {(int)response.StatusCode}", response.StatusCode, null);
        }

        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        var rv = resourceVersion;
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return rv;
            }

            if (line.Length == 0 || JsonNode.Parse(line) is not JsonObject evt || Json.Obj(evt, "object") is not { } obj)
            {
                continue;
            }

            switch (Json.Str(evt, "type"))
            {
                case "ADDED" or "MODIFIED":
                    obj["apiVersion"] ??= resource.ApiVersion;
                    obj["kind"] ??= resource.Kind;
                    Upsert(obj);
                    break;
                case "DELETED":
                    obj["apiVersion"] ??= resource.ApiVersion;
                    obj["kind"] ??= resource.Kind;
                    lock (gate)
                    {
                        store.Remove(Key(obj));
                    }

                    onChange(resource, ChangeType.Deleted, obj);
                    break;
                case "ERROR":
                    return Json.Long(obj, "code") == 410 ? null : throw new ResourceOperationException($"watch {path} error: {Json.Str(obj, "message")}");
            }

            rv = Json.Str(obj, "metadata.resourceVersion") ?? rv;
        }
    }

    private void Upsert(JsonObject item)
    {
        var key = Key(item);
        lock (gate)
        {
            if (store.TryGetValue(key, out var existing) && Json.Str(existing, "metadata.resourceVersion") == Json.Str(item, "metadata.resourceVersion"))
            {
                return;
            }

            store[key] = item;
        }

        onChange(resource, ChangeType.Upserted, item);
    }

    private static (string, string) Key(JsonObject o) => (Json.Str(o, "metadata.namespace") ?? string.Empty, Json.Str(o, "metadata.name") ?? string.Empty);
}
