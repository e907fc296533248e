using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Reports.Html;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.AppHost.Reports;

/// <summary>
/// The CLI's <c>--html FILE</c>: the live run view, frozen into one self-contained file (styles and script
/// inline, no network, readable without script) through the shared rendering in
/// <see cref="Validators.Live.Reports.Html.RunView"/>, with the AppHost's resources as they were when the run ended.
/// </summary>
public static class HtmlRunReportWriter
{
    public static string Render(RunReport report, SecretRedactor? redactor = null, IReadOnlyList<HostResourceView>? resources = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return HtmlReportWriter.Render(report, new HtmlReportOptions { Redactor = redactor, Resources = resources ?? [] });
    }

    /// <summary>The resources of a running system, as the report shows them (take it before the system stops).</summary>
    public static IReadOnlyList<HostResourceView> Snapshot(IEnumerable<IResource> resources) => HostResourceViews.From(resources);

    public static Task WriteAsync(RunReport report, string path, IReadOnlyList<HostResourceView>? resources = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return HtmlReportWriter.WriteAsync(report, path, new HtmlReportOptions { Resources = resources ?? [] }, cancellationToken);
    }
}
