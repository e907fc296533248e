namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// Runs the stages of <c>validate</c> so that <c>--timeout</c> and a termination signal are honoured at every stage,
/// including those that cannot observe a token (reading and parsing a file is synchronous): the work runs on its own
/// task; when the token fires, the caller gets control back after at most <see cref="Grace"/> — the time the work is
/// given to stop by itself (killing its tools, removing scratch copies) — and whatever is still running is abandoned
/// to the ending process.
/// </summary>
public static class ValidateDeadline
{
    /// <summary>How long a cancelled run may take to wind down before it is abandoned (the first signal must end the process within 2 s).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1.5);

    /// <summary>Runs <paramref name="work"/>; throws <see cref="OperationCanceledException"/> within <see cref="Grace"/> of <paramref name="cancellationToken"/> firing.</summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var task = Task.Run(() => work(cancellationToken), CancellationToken.None);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => cancelled.TrySetResult()))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) == task)
            {
                return await task.ConfigureAwait(false);
            }
        }

        // Cancelled: give the work its grace period to stop on its own, then leave it behind.
        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        await Task.WhenAny(task, Task.Delay(Grace, CancellationToken.None)).ConfigureAwait(false);
        if (task.IsCompletedSuccessfully)
        {
            return task.Result;
        }

        throw new OperationCanceledException("the run was cancelled", cancellationToken);
    }
}
