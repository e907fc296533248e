using System.Globalization;
using System.Text;

namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>
/// Writes families in the Prometheus text exposition format 0.0.4, laid out the way vLLM's Python
/// <c>prometheus_client</c> lays them out: HELP before TYPE, labels in declaration order, values and <c>le</c>
/// bounds formatted like <c>floatToGoString</c> (<c>0.0</c>, <c>1.0</c>, <c>+Inf</c>), histogram buckets then
/// <c>_count</c> then <c>_sum</c>, and <c>_created</c> gauges after each counter and histogram family.
/// </summary>
public static class TextExposition
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricFamily> families, bool emitCreated)
    {
        ArgumentNullException.ThrowIfNull(families);
        var sb = new StringBuilder(64 * 1024);
        foreach (var family in families)
        {
            var children = family.Children;
            switch (family)
            {
                case Counter counter:
                    Header(sb, counter.Name, counter.Help, "counter");
                    foreach (var child in children.Cast<CounterChild>())
                    {
                        Sample(sb, counter.Name, counter.LabelNames, child.LabelValues, null, child.Value);
                    }

                    if (emitCreated && children.Count > 0)
                    {
                        var created = (counter.Name.EndsWith("_total", StringComparison.Ordinal) ? counter.Name[..^6] : counter.Name) + "_created";
                        Header(sb, created, counter.Help, "gauge");
                        foreach (var child in children)
                        {
                            Sample(sb, created, counter.LabelNames, child.LabelValues, null, child.Created);
                        }
                    }

                    break;
                case Gauge gauge:
                    Header(sb, gauge.Name, gauge.Help, "gauge");
                    foreach (var child in children.Cast<GaugeChild>())
                    {
                        Sample(sb, gauge.Name, gauge.LabelNames, child.LabelValues, null, child.Value);
                    }

                    break;
                case Histogram histogram:
                    Header(sb, histogram.Name, histogram.Help, "histogram");
                    foreach (var child in children.Cast<HistogramChild>())
                    {
                        var cumulative = child.CumulativeCounts();
                        for (var i = 0; i < cumulative.Length; i++)
                        {
                            var le = i < histogram.Buckets.Count ? FormatValue(histogram.Buckets[i]) : "+Inf";
                            Sample(sb, histogram.Name + "_bucket", histogram.LabelNames, child.LabelValues, le, cumulative[i]);
                        }

                        Sample(sb, histogram.Name + "_count", histogram.LabelNames, child.LabelValues, null, cumulative[^1]);
                        Sample(sb, histogram.Name + "_sum", histogram.LabelNames, child.LabelValues, null, child.Sum);
                    }

                    if (emitCreated && children.Count > 0)
                    {
                        Header(sb, histogram.Name + "_created", histogram.Help, "gauge");
                        foreach (var child in children)
                        {
                            Sample(sb, histogram.Name + "_created", histogram.LabelNames, child.LabelValues, null, child.Created);
                        }
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown metric family type {family.GetType().Name}.");
            }
        }

        return sb.ToString();
    }

    private static void Header(StringBuilder sb, string name, string help, string type)
    {
        sb.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        sb.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    private static void Sample(StringBuilder sb, string name, IReadOnlyList<string> labelNames, IReadOnlyList<string> labelValues, string? le, double value)
    {
        sb.Append(name);
        if (labelNames.Count > 0 || le is not null)
        {
            sb.Append('{');
            for (var i = 0; i < labelNames.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                sb.Append(labelNames[i]).Append("=\"").Append(EscapeLabel(labelValues[i])).Append('"');
            }

            if (le is not null)
            {
                if (labelNames.Count > 0)
                {
                    sb.Append(',');
                }

                sb.Append("le=\"").Append(le).Append('"');
            }

            sb.Append('}');
        }

        sb.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Python <c>floatToGoString</c>: <c>repr(float)</c>, with Go-style exponents for large positive values.</summary>
    public static string FormatValue(double d)
    {
        if (double.IsPositiveInfinity(d))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(d))
        {
            return "-Inf";
        }

        if (double.IsNaN(d))
        {
            return "NaN";
        }

        var s = PythonRepr(d);
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        if (d > 0 && dot > 6 && !s.Contains('e', StringComparison.Ordinal))
        {
            var mantissa = (s[0] + "." + s[1..dot] + s[(dot + 1)..]).TrimEnd('0', '.');
            return mantissa + "e+0" + (dot - 1).ToString(CultureInfo.InvariantCulture);
        }

        return s;
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, <c>.0</c> on integers, exponent outside [1e-4, 1e16).</summary>
    internal static string PythonRepr(double d)
    {
        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var abs = Math.Abs(d);
        if (abs >= 1e16 || abs < 1e-4)
        {
            // .NET "R" gives e.g. 1E+16 / 1E-05; Python gives 1e+16 / 1e-05.
            var r = d.ToString("E16", CultureInfo.InvariantCulture);
            var shortest = d.ToString("R", CultureInfo.InvariantCulture);
            var eIndex = shortest.IndexOf('E', StringComparison.Ordinal);
            string mantissa;
            int exponent;
            if (eIndex >= 0)
            {
                mantissa = shortest[..eIndex];
                exponent = int.Parse(shortest[(eIndex + 1)..], CultureInfo.InvariantCulture);
            }
            else
            {
                var parts = r.Split('E');
                exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
                mantissa = (d / Math.Pow(10, exponent)).ToString("R", CultureInfo.InvariantCulture);
            }

            var sign = exponent < 0 ? "-" : "+";
            return mantissa + "e" + sign + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
        {
            text += ".0";
        }

        return text;
    }
}
