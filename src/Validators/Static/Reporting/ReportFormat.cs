namespace PlatformValidation.Validators.Reporting;

/// <summary>The output formats of <c>validate</c>.</summary>
public enum ReportFormat
{
    Text,
    Json,
    JUnit,
    Sarif,
    Markdown,
    Html,
}

/// <summary>Writes a validation report in one format.</summary>
public static class ReportWriters
{
    /// <summary>The format names the CLI accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["text", "json", "junit", "sarif", "markdown", "html"];

    /// <summary>Parses a format name (case-insensitive), or null when unknown.</summary>
    public static ReportFormat? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "junit" => ReportFormat.JUnit,
        "sarif" => ReportFormat.Sarif,
        "markdown" or "md" => ReportFormat.Markdown,
        "html" => ReportFormat.Html,
        _ => null,
    };

    /// <summary>Writes <paramref name="report"/> as <paramref name="format"/>; <paramref name="color"/> only affects text.</summary>
    public static void Write(Analyzers.ValidationReport report, ReportFormat format, TextWriter writer, bool color = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        switch (format)
        {
            case ReportFormat.Json:
                JsonReport.Write(report, writer);
                break;
            case ReportFormat.JUnit:
                JUnitReport.Write(report, writer);
                break;
            case ReportFormat.Sarif:
                SarifReport.Write(report, writer);
                break;
            case ReportFormat.Markdown:
                MarkdownReport.Write(report, writer);
                break;
            case ReportFormat.Html:
                using (var markdown = new StringWriter(System.Globalization.CultureInfo.InvariantCulture))
                {
                    MarkdownReport.Write(report, markdown);
                    HtmlPage.Write($"PlatformValidation: {report.Scenario}", markdown.ToString(), writer);
                }

                break;
            default:
                TextReport.Write(report, writer, color);
                break;
        }
    }
}
