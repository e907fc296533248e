using System.Text;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>
/// An app's resources as a tree, the way Argo CD's UI groups them: the Application, then each namespace (or
/// cluster scope), then each managed resource with its sync and health state; pods (from the collected logs) hang
/// under the workload whose name prefixes theirs.
/// </summary>
internal static class ResourceTree
{
    public static void Render(StringBuilder sb, RenderContext ctx, AppDiagnostics d, string anchor)
    {
        var nodes = d.Resources.Select(Parse).ToList();
        var pods = d.PodLogs.Select((log, i) => (Log: log, Index: i)).GroupBy(p => p.Log.Pod, StringComparer.Ordinal).ToList();
        sb.Append("<ul class=\"tree\" aria-label=\"Resources of app ").Append(E(d.App)).Append("\"><li><span class=\"node\"><span class=\"kind\">Application</span> <b>")
          .Append(E(d.App)).Append("</b></span> ").Append(Badge(Status.OfSync(d.SyncStatus))).Append(' ').Append(Badge(Status.OfHealth(d.HealthStatus)));
        if (nodes.Count == 0 && pods.Count == 0)
        {
            sb.Append("<ul><li class=\"muted\">No managed resource is known (the app has not synced anything).</li></ul></li></ul>");
            return;
        }

        sb.Append("<ul>");
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in nodes.Select(n => n.Namespace).Concat(pods.Select(p => Namespace(p.Key))).Distinct().OrderBy(n => n is null ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal))
        {
            sb.Append("<li><span class=\"node\">")
              .Append(ns is null ? "<span class=\"kind\">Cluster scope</span>" : "<span class=\"kind\">Namespace</span> <b>" + E(ns) + "</b>")
              .Append("</span><ul>");
            foreach (var node in nodes.Where(n => n.Namespace == ns))
            {
                sb.Append("<li><span class=\"node\"><span class=\"kind\">").Append(E(node.Kind)).Append("</span> <b>").Append(E(node.Name)).Append("</b></span>");
                States(sb, node.Health.SyncStatus, node.Health.Health);
                if (node.Health.Message is { Length: > 0 } message)
                {
                    sb.Append(" <span class=\"msg\">").Append(E(ctx.R.Redact(message))).Append("</span>");
                }

                var mine = Workloads.Contains(node.Kind)
                    ? pods.Where(p => Namespace(p.Key) == ns && !placed.Contains(p.Key) && PodName(p.Key).StartsWith(node.Name + "-", StringComparison.Ordinal)).ToList()
                    : [];
                if (mine.Count > 0)
                {
                    sb.Append("<ul>");
                    foreach (var pod in mine)
                    {
                        placed.Add(pod.Key);
                        Pod(sb, ctx, pod.Key, pod, anchor);
                    }

                    sb.Append("</ul>");
                }

                sb.Append("</li>");
            }

            foreach (var pod in pods.Where(p => Namespace(p.Key) == ns && !placed.Contains(p.Key)))
            {
                placed.Add(pod.Key);
                Pod(sb, ctx, pod.Key, pod, anchor);
            }

            sb.Append("</ul></li>");
        }

        sb.Append("</ul></li></ul>");
    }

    private static void Pod(StringBuilder sb, RenderContext ctx, string pod, IEnumerable<(PodLog Log, int Index)> logs, string anchor)
    {
        var list = logs.ToList();
        var header = list[0].Log.Text.Split('\n', 2)[0];
        var phase = header.StartsWith('[') ? header.Trim('[', ']') : null;
        sb.Append("<li><span class=\"node\"><span class=\"kind\">Pod</span> <b>").Append(E(PodName(pod))).Append("</b></span>");
        if (phase is not null)
        {
            // "[Phase]" or "[Phase, Reason: message]", as the diagnostics collector writes it.
            var parts = phase.Split(',', 2);
            var word = parts[0].Trim();
            var waiting = parts.Length > 1 ? parts[1].Trim() : null;
            var reason = waiting?.Split(':', 2)[0].Trim();
            var failing = waiting is not null && reason is not ("ContainerCreating" or "PodInitializing");
            var phaseStatus = word switch
            {
                "Running" when waiting is null => new Status("✔", word, "ok"),
                "Running" => new Status("▶", word, "none"),
                "Succeeded" => new Status("✔", word, "ok"),
                "Failed" => new Status("✖", word, "bad"),
                "Pending" => new Status("…", word, "pending"),
                _ => new Status("?", word, "none"),
            };
            sb.Append(' ').Append(Badge(phaseStatus));
            if (waiting is not null)
            {
                sb.Append(' ').Append(Badge(failing ? new Status("✖", reason!, "bad") : new Status("…", reason!, "pending")));
                var message = waiting.Length > reason!.Length + 1 ? waiting[(reason.Length + 1)..].Trim() : string.Empty;
                if (message.Length > 0)
                {
                    sb.Append(" <span class=\"msg\">").Append(E(ctx.R.Redact(message))).Append("</span>");
                }
            }
        }

        sb.Append(" <span class=\"links\">");
        foreach (var (log, index) in list)
        {
            sb.Append("<a href=\"#").Append(anchor).Append("-log-").Append(index).Append("\">log of ").Append(E(log.Container)).Append("</a> ");
        }

        sb.Append("</span></li>");
    }

    /// <summary>Kinds whose pods hang under them (a pod named after the workload plus a suffix).</summary>
    private static readonly HashSet<string> Workloads = new(StringComparer.Ordinal) { "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Rollout", "InferenceService", "LeaderWorkerSet" };

    /// <summary>Sync and health badges; a resource kind Argo CD assesses no health for shows none rather than "Unknown".</summary>
    private static void States(StringBuilder sb, string? sync, string? health)
    {
        if (sync is not null)
        {
            sb.Append(' ').Append(Badge(Status.OfSync(sync)));
        }

        if (health is not null)
        {
            sb.Append(' ').Append(Badge(Status.OfHealth(health)));
        }
    }

    private static string? Namespace(string pod) => pod.Contains('/', StringComparison.Ordinal) ? pod[..pod.IndexOf('/', StringComparison.Ordinal)] : null;

    private static string PodName(string pod) => pod[(pod.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Splits <c>Kind namespace/name</c> or <c>Kind name</c> (the form managed resources are named in).</summary>
    private static (string Kind, string? Namespace, string Name, ResourceHealth Health) Parse(ResourceHealth r)
    {
        var space = r.Resource.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return (r.Resource, null, string.Empty, r);
        }

        var kind = r.Resource[..space];
        var rest = r.Resource[(space + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (kind, null, rest, r) : (kind, rest[..slash], rest[(slash + 1)..], r);
    }
}
