using System.Text;
using PlatformValidation.Validators.Live.Checks;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>
/// Every check in the order it was recorded, with its live-check ID; the script adds filters (outcome, profile, text).
/// Each ID links to the catalogue entry (what the check proves, what to do when it fails) printed below the table for
/// the checks of this run, under the same anchor as in <c>docs/live-checks.md</c>, so the file stays self-contained.
/// </summary>
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
        sb.Append("<thead><tr><th scope=\"col\">Outcome</th><th scope=\"col\">Profile</th><th scope=\"col\">ID</th><th scope=\"col\">Check</th><th scope=\"col\">App</th><th scope=\"col\">Message</th><th scope=\"col\">Duration</th></tr></thead><tbody>");
        foreach (var c in checks)
        {
            var status = Status.Of(c.Outcome);
            var profile = c.Profile ?? ProfileMatrix.AllProfiles;
            sb.Append("<tr id=\"").Append(ctx.CheckAnchor(c)).Append("\" tabindex=\"-1\" data-outcome=\"").Append(status.Word).Append("\" data-profile=\"").Append(E(profile)).Append("\">")
              .Append("<td>").Append(Badge(status)).Append("</td><td class=\"nowrap\">").Append(E(profile)).Append("</td><td class=\"nowrap\">");
            IdLink(sb, LiveCheckCatalog.Find(c.Check));
            sb.Append("</td><td class=\"nowrap\"><span class=\"suite\">").Append(E(c.Suite)).Append("/</span>").Append(E(c.Check)).Append("</td><td>");
            FindingsSection.App(sb, ctx, c.App);
            sb.Append("</td><td class=\"msg\">").Append(E(ctx.R.Redact(c.Message))).Append("</td><td class=\"num\">").Append(E(Duration(c.Duration))).Append("</td></tr>");
        }

        sb.Append("</tbody></table></div>");
        Catalogue(sb, checks);
        sb.Append("</section>");
        return sb.ToString();
    }

    private static void IdLink(StringBuilder sb, LiveCheckDescriptor? d)
    {
        if (d is not null)
        {
            sb.Append("<a class=\"check-id\" href=\"#").Append(LiveCheckCatalogDoc.Anchor(d.Id)).Append("\">").Append(E(d.Id)).Append("</a>");
        }
    }

    /// <summary>The catalogue entries (docs/live-checks.md) of the checks this run recorded, in catalogue order.</summary>
    private static void Catalogue(StringBuilder sb, IReadOnlyList<CheckResult> checks)
    {
        var names = checks.Select(c => c.Check).ToHashSet(StringComparer.Ordinal);
        var entries = LiveCheckCatalog.All.Where(d => names.Contains(d.Name)).ToList();
        if (entries.Count == 0)
        {
            return;
        }

        sb.Append("<h3>Live checks of this run</h3><p>Their entries in the live-check catalogue (<code>docs/live-checks.md</code>): what a pass proves and what to do when the check fails.</p><dl class=\"catalogue\">");
        foreach (var d in entries)
        {
            sb.Append("<dt id=\"").Append(LiveCheckCatalogDoc.Anchor(d.Id)).Append("\" tabindex=\"-1\"><code>").Append(E(d.Id)).Append("</code> <span class=\"suite\">").Append(E(d.Suite)).Append("/</span>").Append(E(d.Name)).Append("</dt>")
              .Append("<dd>").Append(E(d.Proves)).Append(" <strong>When it fails:</strong> ").Append(E(d.FixHint)).Append("</dd>");
        }

        sb.Append("</dl>");
    }
}
