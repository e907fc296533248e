using System.Globalization;
using System.Text;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>
/// The profile × check grid, drawn with a column per profile and a row per check (grouped by suite) so that a long
/// list of checks stays readable. Each cell shows the worst outcome (icon and word) and its counts, and links to the
/// failing app's diagnostics or to the check itself.
/// </summary>
internal static class MatrixSection
{
    public const string Id = "matrix";

    public static string Render(RenderContext ctx)
    {
        var matrix = ctx.Report.Matrix;
        var profiles = ctx.MatrixRows(matrix);
        var sb = new StringBuilder();
        sb.Append("<section id=\"matrix\" aria-labelledby=\"matrix-h\"><h2 id=\"matrix-h\" tabindex=\"-1\">Profile × check matrix</h2>");
        if (matrix.Columns.Count == 0)
        {
            sb.Append("<p class=\"empty\">").Append(ctx.Options.InProgress ? "No check has finished yet." : "No check was recorded.").Append("</p></section>");
            return sb.ToString();
        }

        var suites = matrix.Columns.GroupBy(c => c[..c.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal).ToList();
        sb.Append("<p class=\"hint\" data-js-only hidden>In the grid, the arrow keys move between cells and Enter opens a cell's diagnostics or checks.</p>");
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"scroll\"><table class=\"matrix\" data-grid data-rows=\"{matrix.Columns.Count}\" data-cols=\"{profiles.Count}\">");
        sb.Append("<caption>One column per profile, one row per check (grouped by suite). Each cell shows the worst outcome of that profile's checks and how many of them passed.</caption>");
        sb.Append("<thead><tr><th scope=\"col\">Check</th>");
        foreach (var profile in profiles)
        {
            sb.Append("<th scope=\"col\">").Append(E(profile)).Append("</th>");
        }

        sb.Append("</tr></thead>");
        var r = 0;
        foreach (var suite in suites)
        {
            sb.Append("<tbody><tr class=\"suite-row\"><th scope=\"rowgroup\" colspan=\"").Append(profiles.Count + 1).Append("\">").Append(E(suite.Key)).Append("</th></tr>");
            foreach (var column in suite)
            {
                sb.Append("<tr><th scope=\"row\"><span class=\"vh\">").Append(E(suite.Key)).Append(" / </span>").Append(E(column[(suite.Key.Length + 1)..])).Append("</th>");
                for (var c = 0; c < profiles.Count; c++)
                {
                    Cell(sb, ctx, matrix, profiles[c], column, r, c);
                }

                sb.Append("</tr>");
                r++;
            }

            sb.Append("</tbody>");
        }

        sb.Append("</table></div></section>");
        return sb.ToString();
    }

    private static void Cell(StringBuilder sb, RenderContext ctx, ProfileMatrix matrix, string profile, string column, int r, int c)
    {
        var position = string.Create(CultureInfo.InvariantCulture, $"{r}-{c}");
        var cell = matrix.Cell(profile, column);
        if (cell is null)
        {
            sb.Append("<td class=\"empty\" data-cell=\"").Append(position).Append("\">");
            sb.Append(ctx.Options.InProgress ? Badge(Status.Pending) : "<span aria-hidden=\"true\">–</span><span class=\"vh\">no check</span>");
            sb.Append("</td>");
            return;
        }

        var checks = ctx.Report.Checks.Where(x => (x.Profile ?? ProfileMatrix.AllProfiles) == profile && x.Column == column).ToList();
        var failed = checks.FirstOrDefault(x => x.Outcome == CheckOutcome.Failed);
        var target = failed is not null ? ctx.AppAnchor(failed.App) ?? ctx.CheckAnchor(failed) : ctx.CheckAnchor(checks[0]);
        var status = Status.Of(cell.Outcome);
        var title = failed is not null ? ctx.R.Redact(failed.Message) : $"{cell.Passed} of {cell.Total} passed";
        if (title.Length > 300)
        {
            title = title[..300] + "…";
        }

        sb.Append("<td class=\"t-").Append(status.Tone).Append("\" data-cell=\"").Append(position).Append("\"><a class=\"cell\" id=\"cell-").Append(position).Append("\" href=\"#").Append(target)
          .Append("\" data-outcome=\"").Append(status.Word).Append("\" data-check=\"").Append(E(column)).Append("\" data-profile=\"").Append(E(profile)).Append("\" title=\"").Append(E(title)).Append("\">")
          .Append(Badge(status))
          .Append(" <span class=\"n\">").Append(cell.Passed).Append('/').Append(cell.Total).Append("<span class=\"vh\"> passed in ").Append(E(profile)).Append(", ").Append(E(column)).Append("</span></span></a></td>");
    }
}
