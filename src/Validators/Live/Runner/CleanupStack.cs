namespace PlatformValidation.Validators.Live.Runner;

/// <summary>
/// Undo actions registered before a costly change (scale-up, repo edit) and run last-in-first-out when the
/// suite ends — whether it passed, failed, timed out or was cancelled — each with its own fresh timeout.
/// </summary>
public sealed class CleanupStack
{
    private readonly Lock gate = new();
    private readonly List<(string Name, Func<CancellationToken, Task> Undo)> actions = [];

    public int Count
    {
        get
        {
            lock (gate)
            {
                return actions.Count;
            }
        }
    }

    /// <summary>Registers an undo action and returns a handle that removes it once the change has been undone normally.</summary>
    public IDisposable Push(string name, Func<CancellationToken, Task> undo)
    {
        var entry = (name, undo);
        lock (gate)
        {
            actions.Add(entry);
        }

        return new Registration(this, entry);
    }

    /// <summary>Runs every registered action (newest first); tells <paramref name="done"/> the name of each that succeeded; returns the failures as messages.</summary>
    public async Task<IReadOnlyList<string>> RunAllAsync(TimeSpan timeoutEach, Action<string>? done = null)
    {
        var failures = new List<string>();
        while (true)
        {
            (string Name, Func<CancellationToken, Task> Undo) next;
            lock (gate)
            {
                if (actions.Count == 0)
                {
                    break;
                }

                next = actions[^1];
                actions.RemoveAt(actions.Count - 1);
            }

            using var cts = new CancellationTokenSource(timeoutEach);
            try
            {
                await next.Undo(cts.Token);
                done?.Invoke(next.Name);
            }
#pragma warning disable CA1031 // cleanup must try every action; each failure is reported
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"cleanup '{next.Name}' failed: {e.Message}");
            }
        }

        return failures;
    }

    private void Remove((string, Func<CancellationToken, Task>) entry)
    {
        lock (gate)
        {
            actions.Remove(entry);
        }
    }

    private sealed class Registration : IDisposable
    {
        private readonly (string, Func<CancellationToken, Task>) entry;
        private CleanupStack? owner;

        public Registration(CleanupStack owner, (string, Func<CancellationToken, Task>) entry)
        {
            this.owner = owner;
            this.entry = entry;
        }

        public void Dispose()
        {
            owner?.Remove(entry);
            owner = null;
        }
    }
}
