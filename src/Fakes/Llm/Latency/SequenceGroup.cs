namespace PlatformValidation.Fakes.Llm.Latency;

/// <summary>One request's sequences (n of them) as the scheduler sees them.</summary>
public sealed class SequenceGroup(int promptTokens, int n)
{
    public int PromptTokens { get; } = promptTokens;

    public int N { get; } = Math.Max(1, n);

    /// <summary>Tokens generated so far per sequence.</summary>
    public int Generated { get; internal set; }

    internal int Blocks { get; set; }

    internal bool Running { get; set; }

    /// <summary>Set when the scheduler preempted the group; it must wait to be scheduled again.</summary>
    public bool Preempted { get; internal set; }

    public int Preemptions { get; internal set; }

    internal TaskCompletionSource? Admission { get; set; }

    internal LinkedListNode<SequenceGroup>? WaitingNode { get; set; }
}

/// <summary>The waiting queue is full: answered with 429.</summary>
public sealed class QueueFullException(int capacity) : Exception($"The waiting queue is full ({capacity} requests); retry later.")
{
    public int Capacity { get; } = capacity;
}
