using System.Threading.Channels;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>The key a controller reconciles: resource, namespace and name.</summary>
public readonly record struct ControllerKey(GroupResource Resource, string? Namespace, string Name);

/// <summary>
/// A level-triggered controller: watches store events of some resources, maps them to keys, and reconciles each
/// key on one loop (deduplicated queue, delayed requeue through the cluster's TimeProvider).
/// </summary>
public abstract class Controller : IAsyncDisposable
{
    private readonly Channel<ControllerKey> queue = Channel.CreateUnbounded<ControllerKey>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<ControllerKey> pending = [];
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> loops = [];
    private WatchSubscription? subscription;

    protected Controller(ClusterCore core) => Core = core;

    protected ClusterCore Core { get; }

    protected ResourceStore Store => Core.Store;

    /// <summary>The name written as field manager and event source.</summary>
    public abstract string Name { get; }

    /// <summary>Resources whose changes trigger reconciles; null for every resource.</summary>
    protected abstract IReadOnlyList<GroupResource>? Watches { get; }

    protected abstract Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken);

    /// <summary>Keys affected by a change; by default the changed object itself.</summary>
    protected virtual IEnumerable<ControllerKey> KeysFor(StoreEvent e) => [new ControllerKey(e.Resource, e.Object.Namespace(), e.Object.Name())];

    /// <summary>The keys to reconcile at start (every existing object of the watched resources by default).</summary>
    protected virtual IEnumerable<ControllerKey> InitialKeys() =>
        (Watches ?? Core.Objects.Resources()).SelectMany(gr => Store.ListRaw(gr).Select(o => new ControllerKey(gr, o.Namespace(), o.Name())));

    protected OperationContext Context => OperationContext.Controller(Name);

    public void Start()
    {
        lock (Store.Objects.Gate)
        {
            subscription = Store.Objects.Subscribe(null, null, out _);
            foreach (var key in InitialKeys().ToList())
            {
                Enqueue(key);
            }
        }

        loops.Add(Task.Run(() => PumpAsync(stop.Token)));
        loops.Add(Task.Run(() => WorkAsync(stop.Token)));
    }

    public void Enqueue(ControllerKey key)
    {
        lock (pending)
        {
            if (!pending.Add(key))
            {
                return;
            }
        }

        queue.Writer.TryWrite(key);
    }

    public void EnqueueAfter(ControllerKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(key);
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delay, Core.Time, stop.Token);
                Enqueue(key);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        });
    }

    private async Task PumpAsync(CancellationToken ct)
    {
        var watched = Watches?.ToHashSet();
        try
        {
            await foreach (var e in subscription!.Reader.ReadAllAsync(ct))
            {
                if (watched is not null && !watched.Contains(e.Resource))
                {
                    continue;
                }

                foreach (var key in KeysFor(e))
                {
                    Enqueue(key);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var key in queue.Reader.ReadAllAsync(ct))
            {
                lock (pending)
                {
                    pending.Remove(key);
                }

                try
                {
                    await ReconcileAsync(key, ct);
                }
                catch (ApiException e) when (e.Code is 409 or 404)
                {
                    // Raced with another writer: reconcile again from the latest state.
                    EnqueueAfter(key, TimeSpan.FromMilliseconds(20));
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Core.Log($"{Name}: reconciling {key.Resource} {key.Namespace}/{key.Name} failed: {e.Message}");
                    EnqueueAfter(key, TimeSpan.FromMilliseconds(500));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        subscription?.Dispose();
        queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }

        stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The usual mapping of a workload controller: a change of <paramref name="resource"/> itself, or of an object
    /// whose controller ownerReference is a <paramref name="kind"/>, reconciles that owner.
    /// </summary>
    protected static IEnumerable<ControllerKey> SelfOrControllerOwner(StoreEvent e, GroupResource resource, string kind)
    {
        if (e.Resource == resource)
        {
            return [new ControllerKey(resource, e.Object.Namespace(), e.Object.Name())];
        }

        var owner = PodHelpers.ControllerRef(e.Object);
        return owner?.Str("kind") == kind ? [new ControllerKey(resource, e.Object.Namespace(), owner.Str("name")!)] : [];
    }

    protected ResourceType TypeOf(string group, string version, string plural) =>
        Core.Registry.Find(group, version, plural) ?? throw new InvalidOperationException($"{group}/{version}/{plural} is not served");
}
