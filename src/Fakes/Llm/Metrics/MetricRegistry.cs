namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>An ordered set of metric families, written in registration order like the Python client's registry.</summary>
public sealed class MetricRegistry(TimeProvider time)
{
    private readonly List<MetricFamily> families = [];
    private readonly List<Action> beforeCollect = [];
    private readonly Lock gate = new();

    public TimeProvider Time { get; } = time;

    /// <summary>Emit <c>_created</c> series for counters and histograms (the Python client does in single-process mode).</summary>
    public bool EmitCreatedSeries { get; init; } = true;

    public IReadOnlyList<MetricFamily> Families
    {
        get
        {
            lock (gate)
            {
                return [.. families];
            }
        }
    }

    public T Register<T>(T family)
        where T : MetricFamily
    {
        lock (gate)
        {
            if (families.Any(f => f.Name == family.Name))
            {
                throw new InvalidOperationException($"Metric {family.Name} is registered twice.");
            }

            families.Add(family);
        }

        return family;
    }

    public Counter Counter(string name, string help, params string[] labels) => Register(new Counter(name, help, labels, Time));

    public Gauge Gauge(string name, string help, params string[] labels) => Register(new Gauge(name, help, labels, Time));

    public Histogram Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labels) =>
        Register(new Histogram(name, help, labels, buckets, Time));

    /// <summary>Runs before every scrape (to refresh gauges that are sampled, not pushed).</summary>
    public void OnCollect(Action refresh)
    {
        lock (gate)
        {
            beforeCollect.Add(refresh);
        }
    }

    /// <summary>The exposition in Prometheus text format 0.0.4.</summary>
    public string Collect()
    {
        Action[] refreshers;
        lock (gate)
        {
            refreshers = [.. beforeCollect];
        }

        foreach (var refresh in refreshers)
        {
            refresh();
        }

        return TextExposition.Write(Families, EmitCreatedSeries);
    }
}
