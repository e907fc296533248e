namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>The Prometheus metric types this endpoint exposes.</summary>
public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
