using System.Globalization;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>Kubernetes resource quantities ("250m", "1.5", "512Mi", "2G", "1e3") as decimal base units.</summary>
public static class Quantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024), ("Pi", 1024m * 1024 * 1024 * 1024 * 1024),
        ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1000m), ("M", 1000_000m), ("G", 1000_000_000m), ("T", 1000_000_000_000m),
        ("P", 1000_000_000_000_000m), ("E", 1000_000_000_000_000_000m),
    ];

    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        foreach (var (suffix, factor) in Suffixes)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal) && decimal.TryParse(s[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                value = n * factor;
                return true;
            }
        }

        if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            value = plain;
            return true;
        }

        return false;
    }

    public static decimal Parse(string? text) => TryParse(text, out var v) ? v : 0;
}
