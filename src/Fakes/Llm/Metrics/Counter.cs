namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>A monotonically increasing counter family. <paramref name="name"/> is the exposed name, ending in <c>_total</c>.</summary>
public sealed class Counter(string name, string help, IReadOnlyList<string> labelNames, TimeProvider time)
    : MetricFamily(name, help, MetricType.Counter, labelNames)
{
    public CounterChild WithLabels(params string[] labelValues) =>
        GetOrAdd(labelValues, v => new CounterChild(v) { Created = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0 });
}

/// <summary>One counter series.</summary>
public sealed class CounterChild(IReadOnlyList<string> labelValues) : MetricChild(labelValues)
{
    private long bits;

    public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref bits));

    public void Inc(double amount = 1)
    {
        if (amount < 0 || double.IsNaN(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A counter only goes up.");
        }

        if (amount == 0)
        {
            return;
        }

        AtomicDouble.Add(ref bits, amount);
    }
}
