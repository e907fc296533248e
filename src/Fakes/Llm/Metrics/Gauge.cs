namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>A gauge family.</summary>
public sealed class Gauge(string name, string help, IReadOnlyList<string> labelNames, TimeProvider time)
    : MetricFamily(name, help, MetricType.Gauge, labelNames)
{
    public GaugeChild WithLabels(params string[] labelValues) => GetOrAdd(labelValues, v => new GaugeChild(v, time));
}

/// <summary>One gauge series.</summary>
public sealed class GaugeChild(IReadOnlyList<string> labelValues, TimeProvider time) : MetricChild(labelValues)
{
    private long bits;

    public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref bits));

    public void Set(double value) => Interlocked.Exchange(ref bits, BitConverter.DoubleToInt64Bits(value));

    public void Inc(double amount = 1) => AtomicDouble.Add(ref bits, amount);

    public void Dec(double amount = 1) => AtomicDouble.Add(ref bits, -amount);

    /// <summary>Sets the value to the current Unix time in seconds (Python client's <c>set_to_current_time</c>).</summary>
    public void SetToCurrentTime() => Set(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
}
