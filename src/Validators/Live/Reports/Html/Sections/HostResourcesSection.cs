using System.Text;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>The AppHost's resources: state, health, endpoints, what each waits for, and the newest lines of its log.</summary>
internal static class HostResourcesSection
{
    public const string Id = "resources";

    public static string Render(RenderContext ctx)
    {
        var resources = ctx.Options.Resources;
        var sb = new StringBuilder();
        sb.Append("<section id=\"resources\" aria-labelledby=\"resources-h\"><h2 id=\"resources-h\" tabindex=\"-1\">AppHost resources (").Append(resources.Count).Append(")</h2>");
        sb.Append("<div class=\"scroll\"><table class=\"resources\"><caption>The parts of the system the run needs, in the order they start.</caption>");
        sb.Append("<thead><tr><th scope=\"col\">Resource</th><th scope=\"col\">State</th><th scope=\"col\">Health</th><th scope=\"col\">Endpoints</th><th scope=\"col\">Waits for</th><th scope=\"col\">Healthy after</th></tr></thead><tbody>");
        foreach (var r in resources)
        {
            sb.Append("<tr><th scope=\"row\">").Append(E(r.Name)).Append(" <span class=\"muted\">").Append(E(r.Type)).Append("</span></th><td>").Append(Badge(Status.OfResourceState(r.State)));
            if (r.Error is { } error)
            {
                sb.Append("<br><span class=\"msg\">").Append(E(ctx.R.Redact(error))).Append("</span>");
            }

            sb.Append("</td><td>").Append(Badge(Status.OfResourceHealth(r.Health)));
            if (r.HealthChecks.Count > 0)
            {
                sb.Append(" <span class=\"muted\">(").Append(E(string.Join(", ", r.HealthChecks))).Append(")</span>");
            }

            sb.Append("</td><td>");
            foreach (var e in r.Endpoints)
            {
                // Live pages link to the endpoint; the frozen report shows it as text (it is gone once the run ends).
                if (e.Url is null)
                {
                    sb.Append(E(e.Name)).Append(": <span class=\"muted\">not yet</span> ");
                }
                else if (ctx.Live && (e.Url.StartsWith("http://", StringComparison.Ordinal) || e.Url.StartsWith("https://", StringComparison.Ordinal)))
                {
                    sb.Append(E(e.Name)).Append(": <a href=\"").Append(E(e.Url)).Append("\">").Append(E(e.Url)).Append("</a> ");
                }
                else
                {
                    sb.Append(E(e.Name)).Append(": <code>").Append(E(e.Url)).Append("</code> ");
                }
            }

            sb.Append("</td><td>").Append(E(r.DependsOn.Count == 0 ? "–" : string.Join(", ", r.DependsOn))).Append("</td><td class=\"num\">")
              .Append(r.TimeToHealthy is { } t ? E(Duration(t)) : "–").Append("</td></tr>");
        }

        sb.Append("</tbody></table></div><h3>Logs</h3>");
        foreach (var r in resources)
        {
            var lines = r.Log.Count > ctx.Options.ResourceLogLines ? r.Log.Skip(r.Log.Count - ctx.Options.ResourceLogLines).ToList() : r.Log;
            sb.Append("<details class=\"rlog\" id=\"log-").Append(Slug(r.Name)).Append("\"><summary>Log of ").Append(E(r.Name)).Append(" (").Append(lines.Count).Append(" line").Append(lines.Count == 1 ? string.Empty : "s")
              .Append(r.Log.Count > lines.Count ? ", newest" : string.Empty).Append(")</summary><pre class=\"log\">");
            foreach (var line in lines)
            {
                sb.Append(E(ctx.R.Redact(line))).Append('\n');
            }

            sb.Append("</pre></details>");
        }

        sb.Append("</section>");
        return sb.ToString();
    }
}
