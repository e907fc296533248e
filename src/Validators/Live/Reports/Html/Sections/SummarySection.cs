using System.Text;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>The run at a glance: outcome, substrate, counts, duration, the step running now and the failing apps.</summary>
internal static class SummarySection
{
    public const string Id = "summary";

    public static string Render(RenderContext ctx)
    {
        var report = ctx.Report;
        var sb = new StringBuilder();
        sb.Append("<section id=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\" tabindex=\"-1\">Summary</h2>");
        sb.Append("<p class=\"outcome\">");
        if (ctx.Options.InProgress)
        {
            sb.Append(Badge(Status.Running));
            if (ctx.Options.CurrentStep is { } step)
            {
                sb.Append(" step <code>").Append(E(ctx.R.Redact(step))).Append("</code>");
            }
        }
        else
        {
            sb.Append("Run ").Append(Badge(Status.Of(report.Outcome)));
        }

        sb.Append("</p>");
        if (report.Message is { } message)
        {
            sb.Append("<p class=\"run-message\">").Append(E(ctx.R.Redact(message))).Append("</p>");
        }

        sb.Append("<ul class=\"tiles\" aria-label=\"Checks\">");
        Tile(sb, report.Passed, Status.Passed);
        Tile(sb, report.Failed, Status.Failed);
        Tile(sb, report.Skipped, Status.Skipped);
        sb.Append("</ul><dl class=\"facts\">");
        Fact(sb, "Scenario", E(ctx.R.Redact(report.Scenario)));
        Fact(sb, "Substrate", E(report.Substrate));
        Fact(sb, "Profiles", E(string.Join(" → ", report.Profiles)));
        Fact(sb, "Started", E(Time(report.StartedAt)));
        Fact(sb, ctx.Options.InProgress ? "Running for" : "Duration", E(Duration(report.Duration)));
        var errors = report.Findings.Count(f => f.Severity == Findings.Severity.Error);
        var warnings = report.Findings.Count(f => f.Severity == Findings.Severity.Warning);
        Fact(sb, "Static findings", $"{errors} error(s), {warnings} warning(s), {report.Findings.Count - errors - warnings} info");
        Fact(sb, "Waiting on the cluster", $"{Number(report.WaitingShare * 100, "0")} % of step time");
        sb.Append("</dl>");
        if (ctx.FailingApps.Count > 0)
        {
            sb.Append("<h3 id=\"summary-failing\">Failing apps</h3><ul class=\"failing").Append(ctx.FailingApps.Count > 5 ? " inline" : string.Empty).Append("\" aria-labelledby=\"summary-failing\">");
            foreach (var app in ctx.FailingApps)
            {
                var profile = ctx.Diagnostics.TryGetValue(app, out var d) ? d.Profile : ctx.FailedChecksByApp[app][0].Profile;
                sb.Append("<li><a href=\"#").Append(ctx.AppAnchor(app)).Append("\">").Append(E(app)).Append("</a>");
                if (profile is not null)
                {
                    sb.Append(" <span class=\"muted\">(profile ").Append(E(profile)).Append(")</span>");
                }

                sb.Append("</li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("</section>");
        return sb.ToString();
    }

    private static void Tile(StringBuilder sb, int count, Status status) =>
        sb.Append("<li class=\"tile t-").Append(count == 0 ? "none" : status.Tone).Append("\"><span class=\"big\">").Append(count).Append("</span> ").Append(Badge(status)).Append("</li>");

    private static void Fact(StringBuilder sb, string term, string html) => sb.Append("<dt>").Append(term).Append("</dt><dd>").Append(html).Append("</dd>");
}
