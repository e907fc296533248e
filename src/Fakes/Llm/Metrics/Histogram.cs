namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>A histogram family with fixed upper bounds (the <c>+Inf</c> bucket is implicit).</summary>
public sealed class Histogram : MetricFamily
{
    private readonly TimeProvider time;

    public Histogram(string name, string help, IReadOnlyList<string> labelNames, IReadOnlyList<double> buckets, TimeProvider time)
        : base(name, help, MetricType.Histogram, labelNames)
    {
        if (buckets.Count == 0)
        {
            throw new ArgumentException($"Histogram {name} needs at least one bucket.", nameof(buckets));
        }

        for (var i = 1; i < buckets.Count; i++)
        {
            if (buckets[i] <= buckets[i - 1])
            {
                throw new ArgumentException($"Histogram {name} buckets must increase.", nameof(buckets));
            }
        }

        if (labelNames.Contains("le"))
        {
            throw new ArgumentException("A histogram cannot use the label name 'le'.", nameof(labelNames));
        }

        Buckets = [.. buckets];
        this.time = time;
    }

    /// <summary>Upper bounds, without <c>+Inf</c>.</summary>
    public IReadOnlyList<double> Buckets { get; }

    public HistogramChild WithLabels(params string[] labelValues) =>
        GetOrAdd(labelValues, v => new HistogramChild(v, Buckets) { Created = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0 });
}

/// <summary>One histogram series group: cumulative buckets, sum and count.</summary>
public sealed class HistogramChild : MetricChild
{
    private readonly IReadOnlyList<double> bounds;
    private readonly long[] counts;
    private long sumBits;
    private long count;

    internal HistogramChild(IReadOnlyList<string> labelValues, IReadOnlyList<double> bounds)
        : base(labelValues)
    {
        this.bounds = bounds;
        counts = new long[bounds.Count + 1];
    }

    public long Count => Interlocked.Read(ref count);

    public double Sum => BitConverter.Int64BitsToDouble(Interlocked.Read(ref sumBits));

    public void Observe(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var index = bounds.Count;
        for (var i = 0; i < bounds.Count; i++)
        {
            if (value <= bounds[i])
            {
                index = i;
                break;
            }
        }

        Interlocked.Increment(ref counts[index]);
        AtomicDouble.Add(ref sumBits, value);
        Interlocked.Increment(ref count);
    }

    /// <summary>Cumulative counts per bound, the last entry being <c>+Inf</c>.</summary>
    public long[] CumulativeCounts()
    {
        var result = new long[counts.Length];
        long running = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            running += Interlocked.Read(ref counts[i]);
            result[i] = running;
        }

        return result;
    }
}
