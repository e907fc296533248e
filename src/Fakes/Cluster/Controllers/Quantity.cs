using k8s.Models;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// Kubernetes resource quantities ("250m", "1.5", "512Mi", "2G", "1e3") as decimal base units, parsed by
/// KubernetesClient's <see cref="ResourceQuantity"/> (the library's port of apimachinery's resource.Quantity).
/// </summary>
public static class Quantity
{
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            value = new ResourceQuantity(text.Trim()).ToDecimal();
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    public static decimal Parse(string? text) => TryParse(text, out var v) ? v : 0;
}
