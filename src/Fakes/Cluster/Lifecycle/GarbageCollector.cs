using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Controllers;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Lifecycle;

/// <summary>
/// ownerReference garbage collection: dependents of a deleted owner are deleted (background), an owner deleted with
/// the orphan finalizer has its dependents' references removed, and one deleted in the foreground waits (its
/// foregroundDeletion finalizer) until dependents with blockOwnerDeletion are gone. Dependents whose owners no
/// longer exist are deleted too.
/// </summary>
public sealed class GarbageCollector : Controller
{
    private readonly object gate = new();
    private readonly Dictionary<string, ControllerKey> byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ControllerKey>> dependents = new(StringComparer.Ordinal);

    public GarbageCollector(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "garbage-collector";

    protected override IReadOnlyList<GroupResource>? Watches => null;

    protected override IEnumerable<ControllerKey> InitialKeys()
    {
        var keys = base.InitialKeys().ToList();
        foreach (var key in keys)
        {
            if (Core.Objects.Get(key.Resource, key.Namespace, key.Name) is { } obj)
            {
                Index(key, obj, removed: false);
            }
        }

        return keys;
    }

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e)
    {
        var key = new ControllerKey(e.Resource, e.Object.Namespace(), e.Object.Name());
        var removed = e.Type == WatchEventType.Deleted;
        Index(key, e.Object, removed);
        var keys = new List<ControllerKey> { key };
        lock (gate)
        {
            if (dependents.TryGetValue(e.Object.Uid(), out var deps))
            {
                keys.AddRange(deps);
            }

            foreach (var owner in OwnerUids(e.Object))
            {
                if (byUid.TryGetValue(owner, out var ownerKey))
                {
                    keys.Add(ownerKey);
                }
            }
        }

        return keys;
    }

    private void Index(ControllerKey key, JsonObject obj, bool removed)
    {
        lock (gate)
        {
            var uid = obj.Uid();
            if (removed)
            {
                if (byUid.TryGetValue(uid, out var existing) && existing == key)
                {
                    byUid.Remove(uid);
                }
            }
            else
            {
                byUid[uid] = key;
            }

            foreach (var owner in OwnerUids(obj))
            {
                if (!dependents.TryGetValue(owner, out var set))
                {
                    set = [];
                    dependents[owner] = set;
                }

                if (removed)
                {
                    set.Remove(key);
                }
                else
                {
                    set.Add(key);
                }
            }
        }
    }

    private static IEnumerable<string> OwnerUids(JsonObject obj) =>
        obj.Arr("metadata", "ownerReferences")?.OfType<JsonObject>().Select(r => r.Str("uid") ?? string.Empty).Where(u => u.Length > 0) ?? [];

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var type = Core.Registry.Storage(key.Resource);
        if (type is null)
        {
            return Task.CompletedTask;
        }

        var obj = Core.Objects.Get(key.Resource, key.Namespace, key.Name);
        if (obj is null)
        {
            return Task.CompletedTask;
        }

        if (PodHelpers.IsDeleting(obj))
        {
            var finalizers = obj.Arr("metadata", "finalizers")?.Select(f => f?.GetValue<string>()).ToList() ?? [];
            if (finalizers.Contains(ResourceStore.OrphanFinalizer))
            {
                Orphan(obj, type);
            }
            else if (finalizers.Contains(ResourceStore.ForegroundFinalizer))
            {
                Foreground(key, obj, type);
            }
        }

        var owners = obj.Arr("metadata", "ownerReferences")?.OfType<JsonObject>().ToList() ?? [];
        if (owners.Count > 0)
        {
            List<JsonObject> live;
            lock (gate)
            {
                live = owners.Where(o => byUid.ContainsKey(o.Str("uid") ?? string.Empty)).ToList();
            }

            if (live.Count == 0 && !PodHelpers.IsDeleting(obj))
            {
                Delete(type, obj, "Background");
            }
            else if (live.Count < owners.Count && live.Count > 0)
            {
                var next = obj.Clone();
                next.Metadata()["ownerReferences"] = new JsonArray(live.Select(l => (JsonNode)l.DeepClone()).ToArray());
                Store.Update(type, obj.Namespace(), obj.Name(), next, Context);
            }
        }

        return Task.CompletedTask;
    }

    private void Orphan(JsonObject owner, ResourceType ownerType)
    {
        foreach (var dep in Dependents(owner.Uid()))
        {
            var depType = Core.Registry.Storage(dep.Resource);
            var obj = Core.Objects.Get(dep.Resource, dep.Namespace, dep.Name);
            if (depType is null || obj is null)
            {
                continue;
            }

            var next = obj.Clone();
            var refs = next.Arr("metadata", "ownerReferences")!.OfType<JsonObject>().Where(r => r.Str("uid") != owner.Uid()).Select(r => (JsonNode)r.DeepClone()).ToArray();
            if (refs.Length == 0)
            {
                next.Metadata().Remove("ownerReferences");
            }
            else
            {
                next.Metadata()["ownerReferences"] = new JsonArray(refs);
            }

            Store.Update(depType, dep.Namespace, dep.Name, next, Context);
        }

        RemoveFinalizer(owner, ownerType, ResourceStore.OrphanFinalizer);
    }

    private void Foreground(ControllerKey key, JsonObject owner, ResourceType ownerType)
    {
        var blocking = 0;
        foreach (var dep in Dependents(owner.Uid()))
        {
            var depType = Core.Registry.Storage(dep.Resource);
            var obj = Core.Objects.Get(dep.Resource, dep.Namespace, dep.Name);
            if (depType is null || obj is null)
            {
                continue;
            }

            var reference = obj.Arr("metadata", "ownerReferences")?.OfType<JsonObject>().FirstOrDefault(r => r.Str("uid") == owner.Uid());
            if (reference?.Bool("blockOwnerDeletion") == true)
            {
                blocking++;
            }

            if (!PodHelpers.IsDeleting(obj))
            {
                Delete(depType, obj, "Foreground");
            }
        }

        if (blocking == 0)
        {
            RemoveFinalizer(owner, ownerType, ResourceStore.ForegroundFinalizer);
        }
        else
        {
            EnqueueAfter(key, TimeSpan.FromMilliseconds(100));
        }
    }

    private List<ControllerKey> Dependents(string uid)
    {
        lock (gate)
        {
            return dependents.TryGetValue(uid, out var set) ? [.. set] : [];
        }
    }

    private void Delete(ResourceType type, JsonObject obj, string policy)
    {
        try
        {
            Store.Delete(type, obj.Namespace(), obj.Name(), new DeleteOptions { PropagationPolicy = policy, PreconditionUid = obj.Uid() });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone or replaced meanwhile.
        }
    }

    private void RemoveFinalizer(JsonObject obj, ResourceType type, string finalizer)
    {
        var current = Core.Objects.Get(type.StorageResource, obj.Namespace(), obj.Name());
        if (current is null)
        {
            return;
        }

        var next = current.Clone();
        var remaining = next.Arr("metadata", "finalizers")?.Select(f => f?.GetValue<string>()).Where(f => f != finalizer).Select(f => (JsonNode)f!).ToArray() ?? [];
        next.Metadata()["finalizers"] = new JsonArray(remaining);
        Store.Update(type, obj.Namespace(), obj.Name(), next, Context);
    }
}
