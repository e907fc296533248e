using System.Text;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>Every check in the order it was recorded; the script adds filters (outcome, profile, text).</summary>
internal static class ChecksSection
{
    public const string Id = "checks";

    public static string Render(RenderContext ctx)
    {
        var checks = ctx.Report.Checks;
        var sb = new StringBuilder();
        sb.Append("<section id=\"checks\" aria-labelledby=\"checks-h\"><h2 id=\"checks-h\" tabindex=\"-1\">All checks (").Append(checks.Count).Append(")</h2>");
        if (checks.Count == 0)
        {
            sb.Append("<p class=\"empty\">").Append(ctx.Options.InProgress ? "No check has finished yet." : "No check was recorded.").Append("</p></section>");
            return sb.ToString();
        }

        sb.Append("<div class=\"scroll\"><table class=\"checks\" data-filterable><caption>Every check of the run, in the order it was recorded.</caption>");
        sb.Append("<thead><tr><th scope=\"col\">Outcome</th><th scope=\"col\">Profile</th><th scope=\"col\">Check</th><th scope=\"col\">App</th><th scope=\"col\">Message</th><th scope=\"col\">Duration</th></tr></thead><tbody>");
        foreach (var c in checks)
        {
            var status = Status.Of(c.Outcome);
            var profile = c.Profile ?? ProfileMatrix.AllProfiles;
            sb.Append("<tr id=\"").Append(ctx.CheckAnchor(c)).Append("\" tabindex=\"-1\" data-outcome=\"").Append(status.Word).Append("\" data-profile=\"").Append(E(profile)).Append("\">")
              .Append("<td>").Append(Badge(status)).Append("</td><td class=\"nowrap\">").Append(E(profile)).Append("</td><td class=\"nowrap\"><span class=\"suite\">").Append(E(c.Suite)).Append("/</span>").Append(E(c.Check)).Append("</td><td>");
            FindingsSection.App(sb, ctx, c.App);
            sb.Append("</td><td class=\"msg\">").Append(E(ctx.R.Redact(c.Message))).Append("</td><td class=\"num\">").Append(E(Duration(c.Duration))).Append("</td></tr>");
        }

        sb.Append("</tbody></table></div></section>");
        return sb.ToString();
    }
}
