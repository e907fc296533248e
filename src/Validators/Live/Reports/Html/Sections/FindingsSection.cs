using System.Text;
using PlatformValidation.Validators.Findings;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>The static findings of each profile (errors first), each with its ID, file:line, app and fix hint.</summary>
internal static class FindingsSection
{
    public const string Id = "findings";

    /// <summary>The suite whose checks say a profile was analysed.</summary>
    private const string StaticSuite = "static";

    public static string Render(RenderContext ctx)
    {
        var report = ctx.Report;
        var sb = new StringBuilder();
        sb.Append("<section id=\"findings\" aria-labelledby=\"findings-h\"><h2 id=\"findings-h\" tabindex=\"-1\">Static findings</h2>");
        var byProfile = report.Findings.GroupBy(f => f.Profile ?? ProfileMatrix.AllProfiles, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var analysed = report.Checks.Where(c => c.Suite == StaticSuite && c.Outcome != CheckOutcome.Skipped).Select(c => c.Profile ?? ProfileMatrix.AllProfiles).ToHashSet(StringComparer.Ordinal);
        var profiles = report.Profiles.Concat(byProfile.Keys).Distinct(StringComparer.Ordinal).ToList();
        if (byProfile.Count == 0 && analysed.Count == 0)
        {
            sb.Append("<p class=\"empty\">").Append(ctx.Options.InProgress ? "No profile has been analysed yet." : "The static suite did not run, so no profile was analysed.").Append("</p></section>");
            return sb.ToString();
        }

        foreach (var profile in profiles)
        {
            var slug = Slug(profile);
            var findings = byProfile.TryGetValue(profile, out var list)
                ? list.OrderByDescending(f => f.Severity).ThenBy(f => f.Location?.File, StringComparer.Ordinal).ThenBy(f => f.Location?.Line).ToList()
                : [];
            sb.Append("<h3 id=\"findings-").Append(slug).Append("\">Profile ").Append(E(profile)).Append(' ');
            sb.Append("<span class=\"muted\">").Append(Counts(findings)).Append("</span></h3>");
            if (findings.Count == 0)
            {
                sb.Append("<p>").Append(analysed.Contains(profile) ? Badge(new Status("✔", "no findings", "ok")) : Badge(ctx.Options.InProgress ? Status.Pending : Status.NotRun)).Append("</p>");
                continue;
            }

            sb.Append("<div class=\"scroll\"><table class=\"findings\"><caption class=\"vh\">Static findings of profile ").Append(E(profile)).Append("</caption>");
            sb.Append("<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">ID</th><th scope=\"col\">Where</th><th scope=\"col\">App</th><th scope=\"col\">Finding and fix</th></tr></thead><tbody>");
            foreach (var f in findings)
            {
                sb.Append("<tr><td>").Append(Badge(Status.Of(f.Severity))).Append("</td><td><code>").Append(E(f.Id)).Append("</code></td><td><code class=\"loc\">")
                  .Append(E(f.Location?.ToString() ?? "(no location)")).Append("</code></td><td>");
                App(sb, ctx, f.App);
                sb.Append("</td><td>").Append(E(ctx.R.Redact(f.Message)));
                if (!string.IsNullOrWhiteSpace(f.FixHint))
                {
                    sb.Append("<br><span class=\"fix\"><b>Fix:</b> ").Append(E(ctx.R.Redact(f.FixHint))).Append("</span>");
                }

                sb.Append("</td></tr>");
            }

            sb.Append("</tbody></table></div>");
        }

        sb.Append("</section>");
        return sb.ToString();
    }

    /// <summary>The app's name, linked to its diagnostics when it is failing.</summary>
    internal static void App(StringBuilder sb, RenderContext ctx, string? app)
    {
        if (app is null)
        {
            sb.Append("<span class=\"muted\">–</span>");
        }
        else if (ctx.AppAnchor(app) is { } anchor)
        {
            sb.Append("<a href=\"#").Append(anchor).Append("\">").Append(E(app)).Append("</a>");
        }
        else
        {
            sb.Append(E(app));
        }
    }

    private static string Counts(IReadOnlyCollection<Finding> findings)
    {
        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        return $"({errors} error(s), {warnings} warning(s), {findings.Count - errors - warnings} info)";
    }
}
