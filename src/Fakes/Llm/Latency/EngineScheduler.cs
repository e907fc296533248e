namespace PlatformValidation.Fakes.Llm.Latency;

/// <summary>
/// vLLM-like first-come-first-served scheduling: at most max-num-seqs sequences run; the rest wait in a bounded queue
/// (full → <see cref="QueueFullException"/>). Running sequences hold KV-cache blocks that grow with their tokens; when a
/// sequence needs a block and none is free, the most recently scheduled group is preempted (its blocks freed, put back
/// at the head of the queue, counted), as vLLM's V1 scheduler does.
/// </summary>
public sealed class EngineScheduler
{
    private readonly Lock gate = new();
    private readonly LinkedList<SequenceGroup> waiting = new();
    private readonly List<SequenceGroup> running = [];
    private readonly int blockSize;
    private int runningSequences;
    private int usedBlocks;

    public EngineScheduler(int maxNumSeqs, int maxWaiting, int totalBlocks, int blockSize)
    {
        MaxNumSeqs = maxNumSeqs;
        MaxWaiting = maxWaiting;
        TotalBlocks = totalBlocks;
        this.blockSize = blockSize;
    }

    /// <summary>Raised (under the scheduler lock) after every change: running sequences, waiting requests, KV usage 0–1.</summary>
    public event Action<int, int, double>? Changed;

    /// <summary>Raised when a group is preempted.</summary>
    public event Action<SequenceGroup>? PreemptedGroup;

    public int MaxNumSeqs { get; }

    public int MaxWaiting { get; }

    public int TotalBlocks { get; }

    public int RunningSequences
    {
        get
        {
            lock (gate)
            {
                return runningSequences;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    public double KvUsage
    {
        get
        {
            lock (gate)
            {
                return (double)usedBlocks / TotalBlocks;
            }
        }
    }

    /// <summary>Schedules the group now, or queues it until there is room. Throws <see cref="QueueFullException"/> when the queue is full.</summary>
    public Task AdmitAsync(SequenceGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (gate)
        {
            if (waiting.Count == 0 && TryRun(group))
            {
                Notify();
                return Task.CompletedTask;
            }

            if (waiting.Count >= MaxWaiting)
            {
                throw new QueueFullException(MaxWaiting);
            }

            Enqueue(group, atFront: false);
            Notify();
        }

        return WaitForAdmission(group, cancellationToken);
    }

    /// <summary>After a preemption, waits until the group is scheduled again.</summary>
    public Task ReadmitAsync(SequenceGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (gate)
        {
            if (!group.Preempted)
            {
                return Task.CompletedTask;
            }
        }

        return WaitForAdmission(group, cancellationToken);
    }

    /// <summary>
    /// Makes room for the group's next token. Returns false when the group has been preempted (by this call or an
    /// earlier one from another group) and must <see cref="ReadmitAsync"/> before going on.
    /// </summary>
    public bool Grow(SequenceGroup group, int generated)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (gate)
        {
            if (group.Preempted || !group.Running)
            {
                return false;
            }

            group.Generated = generated;
            var needed = BlocksFor(group.PromptTokens, generated, group.N);
            while (group.Blocks < needed)
            {
                var free = TotalBlocks - usedBlocks;
                if (free >= needed - group.Blocks)
                {
                    usedBlocks += needed - group.Blocks;
                    group.Blocks = needed;
                    break;
                }

                var victim = running[^1];
                Preempt(victim);
                if (ReferenceEquals(victim, group))
                {
                    Notify();
                    return false;
                }
            }

            Notify();
            return true;
        }
    }

    /// <summary>Frees the group's slot and blocks (finished, failed or cancelled) and schedules waiting groups.</summary>
    public void Release(SequenceGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (gate)
        {
            if (group.WaitingNode is not null)
            {
                waiting.Remove(group.WaitingNode);
                group.WaitingNode = null;
            }

            if (group.Running)
            {
                running.Remove(group);
                group.Running = false;
                runningSequences -= group.N;
                usedBlocks -= group.Blocks;
                group.Blocks = 0;
            }

            group.Admission?.TrySetCanceled();
            ScheduleWaiting();
            Notify();
        }
    }

    private async Task WaitForAdmission(SequenceGroup group, CancellationToken cancellationToken)
    {
        Task admitted;
        lock (gate)
        {
            admitted = group.Admission?.Task ?? Task.CompletedTask;
        }

        await admitted.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private int BlocksFor(int promptTokens, int generated, int n)
    {
        var shared = (promptTokens + generated + blockSize - 1) / blockSize;
        var perSequence = (generated + blockSize - 1) / blockSize;
        return shared + (n - 1) * perSequence;
    }

    private bool TryRun(SequenceGroup group)
    {
        var needed = BlocksFor(group.PromptTokens, group.Generated, group.N);
        var fitsSlots = runningSequences + group.N <= MaxNumSeqs || runningSequences == 0;
        var fitsBlocks = usedBlocks + needed <= TotalBlocks || (usedBlocks == 0 && running.Count == 0);
        if (!fitsSlots || !fitsBlocks)
        {
            return false;
        }

        usedBlocks += needed;
        group.Blocks = needed;
        group.Running = true;
        group.Preempted = false;
        running.Add(group);
        runningSequences += group.N;
        return true;
    }

    private void Enqueue(SequenceGroup group, bool atFront)
    {
        group.Admission = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        group.WaitingNode = atFront ? waiting.AddFirst(group) : waiting.AddLast(group);
    }

    private void Preempt(SequenceGroup victim)
    {
        running.Remove(victim);
        victim.Running = false;
        runningSequences -= victim.N;
        usedBlocks -= victim.Blocks;
        victim.Blocks = 0;
        victim.Preempted = true;
        victim.Preemptions++;
        Enqueue(victim, atFront: true);
        PreemptedGroup?.Invoke(victim);
    }

    private void ScheduleWaiting()
    {
        while (waiting.First is { } head && TryRun(head.Value))
        {
            waiting.RemoveFirst();
            head.Value.WaitingNode = null;
            head.Value.Admission?.TrySetResult();
        }
    }

    private void Notify()
    {
        ScheduleWaiting();
        Changed?.Invoke(runningSequences, waiting.Count, TotalBlocks == 0 ? 0 : (double)usedBlocks / TotalBlocks);
    }
}
