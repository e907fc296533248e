using System.Collections.Concurrent;

namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>
/// One metric family: a name, help text, type and fixed label names, with one child per label-value combination.
/// Children are created eagerly by the caller (vLLM binds every label child at start-up, so series exist at zero).
/// </summary>
public abstract class MetricFamily
{
    private readonly ConcurrentDictionary<string, MetricChild> children = new(StringComparer.Ordinal);
    private readonly List<MetricChild> ordered = [];
    private readonly Lock orderLock = new();

    protected MetricFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames)
    {
        MetricName.Validate(name);
        foreach (var label in labelNames)
        {
            MetricName.ValidateLabel(label);
        }

        Name = name;
        Help = help;
        Type = type;
        LabelNames = labelNames;
    }

    /// <summary>The family name as exposed (counters include their <c>_total</c> suffix).</summary>
    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>Children in creation order (the order the exposition writes them).</summary>
    public IReadOnlyList<MetricChild> Children
    {
        get
        {
            lock (orderLock)
            {
                return [.. ordered];
            }
        }
    }

    protected TChild GetOrAdd<TChild>(string[] labelValues, Func<string[], TChild> create)
        where TChild : MetricChild
    {
        if (labelValues.Length != LabelNames.Count)
        {
            throw new ArgumentException($"Metric {Name} takes {LabelNames.Count} label values, got {labelValues.Length}.", nameof(labelValues));
        }

        var key = string.Join('\u0001', labelValues);
        if (children.TryGetValue(key, out var existing))
        {
            return (TChild)existing;
        }

        lock (orderLock)
        {
            if (children.TryGetValue(key, out existing))
            {
                return (TChild)existing;
            }

            var child = create(labelValues);
            children[key] = child;
            ordered.Add(child);
            return child;
        }
    }
}

/// <summary>One labelled series (or group of series, for a histogram) of a family.</summary>
public abstract class MetricChild(IReadOnlyList<string> labelValues)
{
    public IReadOnlyList<string> LabelValues { get; } = labelValues;

    /// <summary>Unix time (seconds) the child was created; exposed as <c>_created</c> like the Python client.</summary>
    public double Created { get; init; }
}
