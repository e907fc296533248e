using System.Text;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>
/// One article per failing app: its failed checks, Argo CD's operation message, the resource tree with sync and
/// health, conditions, events, pod logs and the live-vs-desired difference.
/// </summary>
internal static class FailingAppsSection
{
    public const string Id = "apps";

    /// <summary>Up to this many failing apps, each one's resource tree and conditions start open.</summary>
    private const int OpenUpTo = 5;

    public static string Render(RenderContext ctx)
    {
        var sb = new StringBuilder();
        sb.Append("<section id=\"apps\" aria-labelledby=\"apps-h\"><h2 id=\"apps-h\" tabindex=\"-1\">Failing apps (").Append(ctx.FailingApps.Count).Append(")</h2>");
        if (ctx.FailingApps.Count == 0)
        {
            sb.Append("<p>").Append(Badge(new Status("✔", ctx.Options.InProgress ? "no app has failed so far" : "no app failed", "ok"))).Append("</p></section>");
            return sb.ToString();
        }

        foreach (var app in ctx.FailingApps)
        {
            App(sb, ctx, app);
        }

        sb.Append("</section>");
        return sb.ToString();
    }

    private static void App(StringBuilder sb, RenderContext ctx, string app)
    {
        var anchor = ctx.AppAnchor(app)!;
        ctx.Diagnostics.TryGetValue(app, out var d);
        var failed = ctx.FailedChecksByApp.TryGetValue(app, out var f) ? f : [];
        var profile = d?.Profile ?? failed.FirstOrDefault()?.Profile;
        sb.Append("<article class=\"app\" id=\"").Append(anchor).Append("\" tabindex=\"-1\" aria-labelledby=\"").Append(anchor).Append("-h\">");
        sb.Append("<h3 id=\"").Append(anchor).Append("-h\"><span class=\"ic bad\" aria-hidden=\"true\">✖</span> ").Append(E(app)).Append("</h3>");
        sb.Append("<p class=\"facts-line\">");
        if (profile is not null)
        {
            sb.Append("Profile <b>").Append(E(profile)).Append("</b> · ");
        }

        if (d is not null)
        {
            sb.Append("Sync ").Append(Badge(Status.OfSync(d.SyncStatus))).Append(" · Health ").Append(Badge(Status.OfHealth(d.HealthStatus)));
        }
        else
        {
            sb.Append("<span class=\"muted\">No diagnostics were collected for this app (its check failed before the app could be inspected).</span>");
        }

        sb.Append("</p>");
        if (failed.Count > 0)
        {
            sb.Append("<h4>Failed checks</h4><ul class=\"failed-checks\">");
            foreach (var check in failed)
            {
                sb.Append("<li><a href=\"#").Append(ctx.CheckAnchor(check)).Append("\">").Append(E(check.Column)).Append(check.Profile is null ? string.Empty : " (" + E(check.Profile) + ")")
                  .Append("</a>: <span class=\"msg\">").Append(E(ctx.R.Redact(check.Message))).Append("</span></li>");
            }

            sb.Append("</ul>");
        }

        if (d is not null)
        {
            Diagnostics(sb, ctx, d, anchor, ctx.FailingApps.Count <= OpenUpTo);
        }

        sb.Append("</article>");
    }

    private static void Diagnostics(StringBuilder sb, RenderContext ctx, AppDiagnostics d, string anchor, bool openTree)
    {
        if (d.OperationMessage is { Length: > 0 } op)
        {
            sb.Append("<h4>Operation message</h4><pre class=\"op\">").Append(E(ctx.R.Redact(op))).Append("</pre>");
        }

        Open(sb, anchor, "tree", $"Resource tree ({d.Resources.Count} resource{(d.Resources.Count == 1 ? string.Empty : "s")})", open: openTree);
        ResourceTree.Render(sb, ctx, d, anchor);
        sb.Append("</div></details>");

        Open(sb, anchor, "conditions", $"Conditions ({d.Conditions.Count})", open: openTree && d.Conditions.Count > 0);
        List(sb, ctx, d.Conditions, "No condition.", "conditions");
        sb.Append("</div></details>");

        Open(sb, anchor, "events", $"Events ({d.Events.Count})", open: false);
        List(sb, ctx, d.Events, "No event was found for the app's resources.", "events");
        sb.Append("</div></details>");

        Open(sb, anchor, "logs", $"Pod logs ({d.PodLogs.Count})", open: false);
        if (d.PodLogs.Count == 0)
        {
            sb.Append("<p class=\"muted\">No pod log (no workload, or no pod was created).</p>");
        }

        for (var i = 0; i < d.PodLogs.Count; i++)
        {
            var log = d.PodLogs[i];
            sb.Append("<h4 class=\"sub\" id=\"").Append(anchor).Append("-log-").Append(i).Append("\" tabindex=\"-1\">Pod <code>").Append(E(log.Pod)).Append("</code>, container <code>").Append(E(log.Container)).Append("</code></h4>")
              .Append("<pre class=\"log\">").Append(E(ctx.R.Redact(log.Text))).Append("</pre>");
        }

        sb.Append("</div></details>");

        Open(sb, anchor, "diff", $"Live vs desired ({d.Diffs.Count} resource{(d.Diffs.Count == 1 ? string.Empty : "s")} differ{(d.Diffs.Count == 1 ? "s" : string.Empty)})", open: false);
        if (d.Diffs.Count == 0)
        {
            sb.Append("<p class=\"muted\">What runs matches what Git renders (for every field Git sets).</p>");
        }
        else
        {
            sb.Append("<p class=\"muted\">Lines starting with <code>-</code> are what Git renders, lines starting with <code>+</code> what runs.</p>");
        }

        foreach (var diff in d.Diffs)
        {
            sb.Append("<h4 class=\"sub\"><code>").Append(E(diff.Resource)).Append("</code></h4>");
            DiffBlock(sb, ctx.R.Redact(diff.Text));
        }

        sb.Append("</div></details>");
    }

    private static void Open(StringBuilder sb, string anchor, string part, string summary, bool open) =>
        sb.Append("<details class=\"diag\" id=\"").Append(anchor).Append('-').Append(part).Append('"').Append(open ? " open" : string.Empty)
          .Append("><summary>").Append(E(summary)).Append("</summary><div class=\"diag-body\">");

    private static void List(StringBuilder sb, RenderContext ctx, IReadOnlyList<string> items, string none, string cls)
    {
        if (items.Count == 0)
        {
            sb.Append("<p class=\"muted\">").Append(none).Append("</p>");
            return;
        }

        sb.Append("<ul class=\"").Append(cls).Append("\">");
        foreach (var item in items)
        {
            // Kubernetes events start with their type; a warning gets a mark beside its (visible) word.
            var warning = item.StartsWith("Warning ", StringComparison.Ordinal);
            sb.Append(warning ? "<li class=\"warn\"><span class=\"ic\" aria-hidden=\"true\">⚠</span> " : "<li>").Append(E(ctx.R.Redact(item))).Append("</li>");
        }

        sb.Append("</ul>");
    }
}
