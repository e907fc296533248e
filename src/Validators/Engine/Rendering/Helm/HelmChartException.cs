namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>A chart could not be loaded or rendered; the message names the chart file (and template line) and what to do.</summary>
public sealed class HelmChartException : Exception
{
    public HelmChartException()
    {
    }

    public HelmChartException(string message)
        : base(message)
    {
    }

    public HelmChartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the chart cannot be had here (a remote dependency): RENDER002 rather than RENDER001.</summary>
    public bool NotAvailable { get; init; }
}
