using System.Text;

namespace PlatformValidation.Validators.Live.Reports.Html;

/// <summary>
/// Writes a <see cref="RunReport"/> as one self-contained HTML file (<c>--html FILE</c>): the live dashboard's view,
/// frozen — styles and script inline, no network, readable without JavaScript.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>The report as an HTML document.</summary>
    public static string Render(RunReport report, HtmlReportOptions? options = null) => ReportPage.Render(report, (options ?? new HtmlReportOptions()) with { LiveEndpoint = null });

    /// <summary>Writes the report to <paramref name="path"/> (UTF-8, no BOM), creating its directory.</summary>
    public static async Task WriteAsync(RunReport report, string path, HtmlReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(path, Render(report, options), new UTF8Encoding(false), cancellationToken);
    }
}
