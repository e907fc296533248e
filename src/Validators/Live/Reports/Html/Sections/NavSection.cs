using System.Text;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>The table of contents (a nav landmark) with the counts that matter in each section.</summary>
internal static class NavSection
{
    public const string Id = "nav";

    public static string Render(RenderContext ctx)
    {
        var report = ctx.Report;
        var errors = report.Findings.Count(f => f.Severity == Findings.Severity.Error);
        var sb = new StringBuilder();
        sb.Append("<nav id=\"nav\" aria-label=\"Sections of the report\"><ul>");
        Link(sb, SummarySection.Id, "Summary");
        if (ctx.Options.Resources.Count > 0)
        {
            Link(sb, HostResourcesSection.Id, $"AppHost resources ({ctx.Options.Resources.Count})");
        }

        Link(sb, MatrixSection.Id, "Matrix");
        Link(sb, FindingsSection.Id, $"Static findings ({report.Findings.Count}{(errors > 0 ? $", {errors} error{(errors == 1 ? string.Empty : "s")}" : string.Empty)})");
        Link(sb, FailingAppsSection.Id, $"Failing apps ({ctx.FailingApps.Count})");
        Link(sb, TimingChart.Id, "Time to healthy");
        Link(sb, ChecksSection.Id, $"All checks ({report.Checks.Count})");
        Link(sb, StepsSection.Id, $"Steps ({report.Steps.Count})");

        sb.Append("</ul></nav>");
        return sb.ToString();
    }

    private static void Link(StringBuilder sb, string id, string text) => sb.Append("<li><a href=\"#").Append(id).Append("\">").Append(Markup.E(text)).Append("</a></li>");
}
