namespace PlatformValidation.Fakes.Llm.Latency;

/// <summary>
/// Prefix caching by block: a prompt's full blocks are identified by chained hashes of their token ids; leading blocks
/// seen before are hits. Remembers at most <c>capacity</c> blocks, evicting the least recently used.
/// </summary>
public sealed class PrefixCache(int blockSize, int capacity)
{
    private readonly Dictionary<ulong, LinkedListNode<ulong>> index = [];
    private readonly LinkedList<ulong> lru = new();
    private readonly Lock gate = new();

    /// <summary>Looks the prompt up and records its blocks; returns the number of prompt tokens that were cached.</summary>
    public int LookupAndInsert(IReadOnlyList<int> tokenIds)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var fullBlocks = tokenIds.Count / blockSize;

        // vLLM always recomputes the last prompt token, so a fully cached prompt still computes one token.
        if (fullBlocks * blockSize == tokenIds.Count && fullBlocks > 0)
        {
            fullBlocks--;
        }

        var hits = 0;
        var hitting = true;
        ulong hash = 14695981039346656037;
        lock (gate)
        {
            for (var b = 0; b < fullBlocks; b++)
            {
                for (var i = b * blockSize; i < (b + 1) * blockSize; i++)
                {
                    hash = (hash ^ (uint)tokenIds[i]) * 1099511628211;
                }

                if (index.TryGetValue(hash, out var node))
                {
                    lru.Remove(node);
                    lru.AddFirst(node);
                    if (hitting)
                    {
                        hits++;
                    }
                }
                else
                {
                    hitting = false;
                    index[hash] = lru.AddFirst(hash);
                    if (index.Count > capacity)
                    {
                        var last = lru.Last!;
                        lru.RemoveLast();
                        index.Remove(last.Value);
                    }
                }
            }
        }

        return hits * blockSize;
    }
}
