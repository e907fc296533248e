using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.ScenarioRunner;

namespace PlatformValidation.AppHost.Resources.RunView;

/// <summary>
/// Tells the run view's event stream when there is something new to show: a resource changed state or logged a
/// line, or the run moved (<see cref="RunProgress.Version"/>, checked on a short poll since the runner raises no event).
/// </summary>
public sealed class RunViewChangeFeed : IDisposable
{
    private static readonly TimeSpan RunPoll = TimeSpan.FromMilliseconds(200);
    private readonly Func<RunProgress?> run;
    private readonly List<HarnessResource> watched;
    private readonly Lock gate = new();
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long resourceChanges;

    public RunViewChangeFeed(IEnumerable<HarnessResource> resources, Func<RunProgress?> run)
    {
        ArgumentNullException.ThrowIfNull(resources);
        this.run = run;
        watched = [.. resources];
        foreach (var r in watched)
        {
            r.Log.LineWritten += OnLine;
        }
    }

    /// <summary>Grows whenever something shown changes.</summary>
    public long Version => Interlocked.Read(ref resourceChanges) + (run()?.Version ?? 0);

    /// <summary>Returns when <see cref="Version"/> differs from <paramref name="seen"/>, or after <paramref name="timeout"/>.</summary>
    public async Task WaitForChangeAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Version == seen && DateTime.UtcNow < deadline)
        {
            Task next;
            lock (gate)
            {
                next = signal.Task;
            }

            await Task.WhenAny(next, Task.Delay(RunPoll, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public void Dispose()
    {
        foreach (var r in watched)
        {
            r.Log.LineWritten -= OnLine;
        }
    }

    private void OnLine(string line) => Changed();

    private void Changed()
    {
        Interlocked.Increment(ref resourceChanges);
        TaskCompletionSource done;
        lock (gate)
        {
            done = signal;
            signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }
}
