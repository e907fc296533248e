using System.Text.RegularExpressions;

namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>Prometheus data-model name rules: metric names may contain colons (vLLM's <c>vllm:</c> prefix); label names may not.</summary>
public static partial class MetricName
{
    public static void Validate(string name)
    {
        if (!MetricNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).", nameof(name));
        }
    }

    public static void ValidateLabel(string label)
    {
        if (!LabelNamePattern().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{label}' is not a valid Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __).", nameof(label));
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricNamePattern();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelNamePattern();
}
