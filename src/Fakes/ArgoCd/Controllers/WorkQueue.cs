using System.Threading.Channels;

namespace PlatformValidation.Fakes.ArgoCd.Controllers;

/// <summary>
/// A de-duplicating work queue with delayed adds (client-go's workqueue): an item queued while already waiting is
/// not queued twice, an item being processed is re-queued once after it finishes, delays run on the
/// <see cref="TimeProvider"/>. Workers call <see cref="RunAsync"/>.
/// </summary>
public sealed class WorkQueue<T>(TimeProvider time) : IDisposable
    where T : notnull
{
    private readonly Channel<T> channel = Channel.CreateUnbounded<T>();
    private readonly HashSet<T> queued = [];
    private readonly HashSet<T> processing = [];
    private readonly HashSet<T> dirty = [];
    private readonly Dictionary<T, (ITimer Timer, DateTimeOffset Due)> delayed = [];
    private readonly Lock gate = new();
    private int busy;

    /// <summary>True when nothing is queued or being processed (delayed items do not count).</summary>
    public bool IsIdle
    {
        get
        {
            lock (gate)
            {
                return queued.Count == 0 && processing.Count == 0 && Volatile.Read(ref busy) == 0;
            }
        }
    }

    public void Add(T item)
    {
        lock (gate)
        {
            if (processing.Contains(item))
            {
                dirty.Add(item);
                return;
            }

            if (!queued.Add(item))
            {
                return;
            }
        }

        channel.Writer.TryWrite(item);
    }

    /// <summary>Adds after <paramref name="delay"/>; an earlier pending delayed add wins.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        var due = time.GetUtcNow() + delay;
        lock (gate)
        {
            if (delayed.TryGetValue(item, out var existing))
            {
                if (existing.Due <= due)
                {
                    return;
                }

                existing.Timer.Dispose();
            }

            var timer = time.CreateTimer(
                _ =>
                {
                    lock (gate)
                    {
                        if (delayed.TryGetValue(item, out var d) && d.Due == due)
                        {
                            delayed.Remove(item);
                            d.Timer.Dispose();
                        }
                    }

                    Add(item);
                },
                null,
                delay,
                Timeout.InfiniteTimeSpan);
            delayed[item] = (timer, due);
        }
    }

    public async Task RunAsync(Func<T, CancellationToken, Task> process, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            lock (gate)
            {
                queued.Remove(item);
                processing.Add(item);
                Interlocked.Increment(ref busy);
            }

            try
            {
                await process(item, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                bool again;
                lock (gate)
                {
                    processing.Remove(item);
                    again = dirty.Remove(item);
                    Interlocked.Decrement(ref busy);
                }

                if (again)
                {
                    Add(item);
                }
            }
        }
    }

    public void Dispose()
    {
        channel.Writer.TryComplete();
        lock (gate)
        {
            foreach (var (timer, _) in delayed.Values)
            {
                timer.Dispose();
            }

            delayed.Clear();
        }
    }
}
