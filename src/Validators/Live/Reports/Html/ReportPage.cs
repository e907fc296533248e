using System.Reflection;
using System.Text;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html;

/// <summary>
/// The page around the sections: landmarks, a skip link, the inline stylesheet and script (no network, no CDN).
/// Content is server-rendered; the script only enhances (filters, expand/collapse, grid keys, live updates).
/// </summary>
public static class ReportPage
{
    private static readonly Lazy<string> Css = new(() => Asset("report.css"));
    private static readonly Lazy<string> Script = new(() => Asset("report.js"));

    /// <summary>The whole page: one self-contained HTML document.</summary>
    public static string Render(RunReport report, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = options ?? new HtmlReportOptions();
        var redactor = o.Redactor ?? Secrets.SecretRedactor.Shared;
        var title = o.Title ?? $"{redactor.Redact(report.Scenario)} on {report.Substrate}";
        var sections = RunView.Sections(report, o);
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<meta name=\"color-scheme\" content=\"light dark\"><meta name=\"generator\" content=\"PlatformValidation\">");
        // An empty data: icon keeps browsers from asking any server for /favicon.ico.
        sb.Append("<link rel=\"icon\" href=\"data:,\">");
        sb.Append("<title>").Append(E((o.LiveEndpoint is null ? "Report: " : "Live: ") + title)).Append(" — PlatformValidation</title>");
        sb.Append("<style>").Append(Css.Value).Append("</style></head>\n");
        sb.Append("<body").Append(o.LiveEndpoint is null ? string.Empty : $" data-live=\"{E(o.LiveEndpoint)}\"").Append('>');
        sb.Append("<a class=\"skip\" href=\"#main\">Skip to content</a>");
        sb.Append("<header class=\"top\"><h1><span class=\"brand\">PlatformValidation</span> ").Append(E(title)).Append("</h1>");
        sb.Append("<p id=\"live-status\" role=\"status\" aria-live=\"polite\">").Append(E(RunView.StatusLine(report, o))).Append("</p></header>\n");
        sb.Append(sections[0].Html).Append('\n');
        sb.Append("<main id=\"main\" tabindex=\"-1\">");
        foreach (var section in sections.Skip(1))
        {
            sb.Append(section.Html).Append('\n');
        }

        sb.Append("</main><footer><p>");
        sb.Append(o.LiveEndpoint is null
            ? "Frozen report: one self-contained file that needs no network. "
            : "Live dashboard: updates as the run progresses, without reloading. ");
        sb.Append("Rendered ").Append(E(Time(o.GeneratedAt ?? DateTimeOffset.UtcNow))).Append(" by PlatformValidation.</p></footer>");
        sb.Append("<script>").Append(Script.Value).Append("</script></body></html>\n");
        return sb.ToString();
    }

    private static string Asset(string name)
    {
        var resource = $"PlatformValidation.Validators.Live.Reports.Html.Assets.{name}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The report asset '{resource}' is missing from the assembly; rebuild PlatformValidation.Validators.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
