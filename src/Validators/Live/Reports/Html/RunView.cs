using PlatformValidation.Validators.Live.Reports.Html.Sections;

namespace PlatformValidation.Validators.Live.Reports.Html;

/// <summary>
/// The one rendering of a run, as sections of server-rendered HTML: the frozen report embeds them in a page, the
/// live dashboard sends them over its event stream and the page swaps those that changed.
/// </summary>
public static class RunView
{
    /// <summary>The sections of the page in order (<c>nav</c> first; <c>resources</c>, after the summary, only when the options carry resources).</summary>
    public static IReadOnlyList<ReportSection> Sections(RunReport report, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ctx = new RenderContext(report, options ?? new HtmlReportOptions());
        var sections = new List<ReportSection>
        {
            new(NavSection.Id, NavSection.Render(ctx)),
            new(SummarySection.Id, SummarySection.Render(ctx)),
        };
        if (ctx.Options.Resources.Count > 0)
        {
            sections.Add(new(HostResourcesSection.Id, HostResourcesSection.Render(ctx)));
        }

        sections.AddRange(
        [
            new(MatrixSection.Id, MatrixSection.Render(ctx)),
            new(FindingsSection.Id, FindingsSection.Render(ctx)),
            new(FailingAppsSection.Id, FailingAppsSection.Render(ctx)),
            new(TimingChart.Id, TimingChart.Render(ctx)),
            new(ChecksSection.Id, ChecksSection.Render(ctx)),
            new(StepsSection.Id, StepsSection.Render(ctx)),
        ]);
        return sections;
    }

    /// <summary>The one-line status shown in the page header (and announced politely to screen readers).</summary>
    public static string StatusLine(RunReport report, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = options ?? new HtmlReportOptions();
        var counts = $"{report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped";
        if (o.InProgress)
        {
            return $"▶ Running{(o.CurrentStep is null ? string.Empty : " " + (o.Redactor ?? Secrets.SecretRedactor.Shared).Redact(o.CurrentStep))} — {counts} so far";
        }

        var status = Status.Of(report.Outcome);
        return $"{status.Icon} Run {status.Word} — {counts}";
    }
}
