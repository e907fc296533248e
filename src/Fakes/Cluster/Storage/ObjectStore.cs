using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Storage;

/// <summary>
/// The in-memory equivalent of etcd plus the watch cache: objects per group-resource ordered by key, one global
/// resourceVersion counter, and a bounded per-resource event history that watches resume from (410 Expired past it).
/// Stored objects are never mutated; writers store new trees. Callers must not modify objects they read.
/// </summary>
public sealed class ObjectStore
{
    private readonly Dictionary<GroupResource, Table> tables = [];
    private readonly List<WatchSubscription> subscribers = [];
    private readonly int historyCapacity;
    private readonly int maxObjects;
    private long resourceVersion;
    private int objectCount;

    public ObjectStore(int historyCapacity = 2000, int maxObjects = int.MaxValue)
    {
        this.historyCapacity = Math.Max(10, historyCapacity);
        this.maxObjects = Math.Max(1, maxObjects);
    }

    /// <summary>The lock every read-modify-write of the API layer holds.</summary>
    public object Gate { get; } = new();

    public long CurrentResourceVersion
    {
        get
        {
            lock (Gate)
            {
                return resourceVersion;
            }
        }
    }

    public static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    public JsonObject? Get(GroupResource gr, string? ns, string name)
    {
        lock (Gate)
        {
            return tables.TryGetValue(gr, out var t) && t.Objects.TryGetValue(Key(ns, name), out var o) ? o : null;
        }
    }

    /// <summary>Objects of a resource (in one namespace, or all when null) in key order, after <paramref name="startAfterKey"/>.</summary>
    public (List<JsonObject> Items, long ResourceVersion) List(GroupResource gr, string? ns, string? startAfterKey = null)
    {
        lock (Gate)
        {
            var items = new List<JsonObject>();
            if (tables.TryGetValue(gr, out var t) && t.Keys.Count > 0)
            {
                IEnumerable<string> keys = string.IsNullOrEmpty(ns) ? t.Keys : t.Keys.GetViewBetween(ns + "/", ns + "/\uffff");
                if (startAfterKey is not null && t.Keys.Max is { } max && string.CompareOrdinal(startAfterKey, max) < 0)
                {
                    keys = keys.Where(k => string.CompareOrdinal(k, startAfterKey) > 0);
                }
                else if (startAfterKey is not null)
                {
                    keys = [];
                }

                foreach (var key in keys)
                {
                    items.Add(t.Objects[key]);
                }
            }

            return (items, resourceVersion);
        }
    }

    /// <summary>All stored group-resources (for namespace cleanup and garbage collection).</summary>
    public IReadOnlyList<GroupResource> Resources()
    {
        lock (Gate)
        {
            return tables.Where(t => t.Value.Objects.Count > 0).Select(t => t.Key).ToList();
        }
    }

    /// <summary>Stores a new object; the caller has checked it does not exist. Returns the stored object.</summary>
    public JsonObject Put(GroupResource gr, JsonObject obj, WatchEventType type, JsonObject? previous)
    {
        lock (Gate)
        {
            var table = TableFor(gr);
            var key = Key(obj.Namespace(), obj.Name());
            var isNew = !table.Objects.ContainsKey(key);
            if (isNew && objectCount >= maxObjects)
            {
                // What a full etcd makes kube-apiserver answer: a 500 with etcd's own message (quota-backend-bytes).
                throw new Api.ApiException(500, "InternalError", "etcdserver: mvcc: database space exceeded (the simulated cluster holds at most " + maxObjects.ToString(CultureInfo.InvariantCulture) + " objects; SimulatedClusterOptions.MaxObjects)");
            }

            var rv = ++resourceVersion;
            obj.Metadata()["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
            Materialize(obj);
            if (isNew)
            {
                objectCount++;
            }

            table.Objects[key] = obj;
            table.Keys.Add(key);
            Publish(table, new StoreEvent(rv, gr, type, obj, previous));
            return obj;
        }
    }

    /// <summary>Removes an object; the event carries it with a fresh resourceVersion as the API server reports deletions.</summary>
    public JsonObject? Remove(GroupResource gr, string? ns, string name)
    {
        lock (Gate)
        {
            var key = Key(ns, name);
            if (!tables.TryGetValue(gr, out var table) || !table.Objects.Remove(key, out var existing))
            {
                return null;
            }

            objectCount--;
            table.Keys.Remove(key);

            var rv = ++resourceVersion;
            var last = existing.Clone();
            last.Metadata()["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
            Materialize(last);
            Publish(table, new StoreEvent(rv, gr, WatchEventType.Deleted, last, existing));
            return last;
        }
    }

    /// <summary>Drops every object of a resource (a deleted CRD's objects), emitting Deleted events.</summary>
    public int RemoveAll(GroupResource gr)
    {
        lock (Gate)
        {
            if (!tables.TryGetValue(gr, out var table))
            {
                return 0;
            }

            var keys = table.Objects.Keys.ToList();
            foreach (var key in keys)
            {
                var obj = table.Objects[key];
                Remove(gr, obj.Namespace(), obj.Name());
            }

            return keys.Count;
        }
    }

    public int Count(GroupResource gr)
    {
        lock (Gate)
        {
            return tables.TryGetValue(gr, out var t) ? t.Objects.Count : 0;
        }
    }

    /// <summary>
    /// Subscribes to changes after <paramref name="fromResourceVersion"/> (null: from now), returning the retained
    /// events after it first. Throws 410 Expired when history no longer reaches back that far.
    /// </summary>
    public WatchSubscription Subscribe(GroupResource? gr, long? fromResourceVersion, out List<StoreEvent> backlog)
    {
        lock (Gate)
        {
            backlog = [];
            if (fromResourceVersion is { } from && gr is { } g)
            {
                var table = TableFor(g);
                if (from < table.CompleteSince)
                {
                    throw StatusErrors.Expired($"too old resource version: {from} ({table.CompleteSince + 1})");
                }

                backlog.AddRange(table.History.Where(e => e.ResourceVersion > from));
            }
            else if (fromResourceVersion is { } from2)
            {
                foreach (var table in tables.Values)
                {
                    backlog.AddRange(table.History.Where(e => e.ResourceVersion > from2));
                }

                backlog.Sort((a, b) => a.ResourceVersion.CompareTo(b.ResourceVersion));
            }

            var sub = new WatchSubscription(this, gr);
            subscribers.Add(sub);
            return sub;
        }
    }

    /// <summary>The oldest resourceVersion a continue token or watch of <paramref name="gr"/> may still name.</summary>
    public long CompleteSince(GroupResource gr)
    {
        lock (Gate)
        {
            return tables.TryGetValue(gr, out var t) ? t.CompleteSince : 0;
        }
    }

    internal void Unsubscribe(WatchSubscription sub)
    {
        lock (Gate)
        {
            subscribers.Remove(sub);
        }
    }

    /// <summary>Forces lazily parsed JSON trees to materialise so concurrent readers never race on first access.</summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    Materialize(v);
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    Materialize(v);
                }

                break;
        }
    }

    private Table TableFor(GroupResource gr)
    {
        if (!tables.TryGetValue(gr, out var t))
        {
            t = new Table { CompleteSince = resourceVersion };
            tables[gr] = t;
        }

        return t;
    }

    private void Publish(Table table, StoreEvent e)
    {
        table.History.Enqueue(e);
        while (table.History.Count > historyCapacity)
        {
            var dropped = table.History.Dequeue();
            table.CompleteSince = dropped.ResourceVersion;
        }

        foreach (var sub in subscribers)
        {
            if (sub.Resource is null || sub.Resource == e.Resource)
            {
                sub.Writer.TryWrite(e);
            }
        }
    }

    private sealed class Table
    {
        public Dictionary<string, JsonObject> Objects { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public Queue<StoreEvent> History { get; } = new();

        public long CompleteSince { get; set; }
    }
}

/// <summary>A live feed of store events for one resource (or all); dispose to stop.</summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly ObjectStore store;
    private readonly Channel<StoreEvent> channel = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });

    internal WatchSubscription(ObjectStore store, GroupResource? resource)
    {
        this.store = store;
        Resource = resource;
    }

    public GroupResource? Resource { get; }

    public ChannelReader<StoreEvent> Reader => channel.Reader;

    internal ChannelWriter<StoreEvent> Writer => channel.Writer;

    public void Dispose()
    {
        store.Unsubscribe(this);
        channel.Writer.TryComplete();
    }
}
