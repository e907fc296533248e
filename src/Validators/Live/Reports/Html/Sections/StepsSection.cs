using System.Text;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>The executed steps with their duration and the share spent waiting on the cluster.</summary>
internal static class StepsSection
{
    public const string Id = "steps";

    public static string Render(RenderContext ctx)
    {
        var steps = ctx.Report.Steps;
        var sb = new StringBuilder();
        sb.Append("<section id=\"steps\" aria-labelledby=\"steps-h\"><h2 id=\"steps-h\" tabindex=\"-1\">Steps (").Append(steps.Count).Append(")</h2>");
        if (steps.Count == 0)
        {
            sb.Append("<p class=\"empty\">No step has finished yet.</p></section>");
            return sb.ToString();
        }

        var total = TimeSpan.FromTicks(steps.Sum(s => s.Duration.Ticks));
        sb.Append("<p>").Append(E(Duration(total))).Append(" in steps, ").Append(Number(ctx.Report.WaitingShare * 100, "0")).Append(" % of it waiting on the cluster.</p>");
        sb.Append("<details id=\"steps-list\"><summary>Show the ").Append(steps.Count).Append(" steps</summary><div class=\"scroll\"><table class=\"steps\"><caption class=\"vh\">Executed steps</caption>");
        sb.Append("<thead><tr><th scope=\"col\">Suite</th><th scope=\"col\">Step</th><th scope=\"col\">Profile</th><th scope=\"col\">Outcome</th><th scope=\"col\">Duration</th><th scope=\"col\">Waiting</th></tr></thead><tbody>");
        foreach (var s in steps)
        {
            sb.Append("<tr><td>").Append(E(s.Suite)).Append("</td><td>").Append(E(s.Step)).Append("</td><td>").Append(E(s.Profile ?? "–")).Append("</td><td>")
              .Append(Badge(Status.Of(s.Outcome))).Append("</td><td class=\"num\">").Append(E(Duration(s.Duration))).Append("</td><td class=\"num\">").Append(E(Duration(s.Waiting))).Append("</td></tr>");
        }

        sb.Append("</tbody></table></div></details></section>");
        return sb.ToString();
    }
}
