using System.Globalization;
using System.Net;
using System.Text;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.AppHost.Reports;

/// <summary>
/// Renders a <see cref="RunReport"/> as one self-contained HTML file (styles inline, no script, no network): the
/// substrate, the profile × check matrix, per-app timings and the diagnostics of failing apps. Statuses are words,
/// not only colours. The report's data lives in <see cref="RunReport"/>; this is only its rendering.
/// </summary>
public static class HtmlRunReportWriter
{
    public static string Render(RunReport report, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = redactor ?? SecretRedactor.Shared;
        string E(string? s) => WebUtility.HtmlEncode(r.Redact(s ?? string.Empty));
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
          .Append(E($"PlatformValidation: {report.Scenario} on {report.Substrate}"))
          .Append("</title><style>body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.3rem .6rem;text-align:left}.Passed{background:#e3f6e3}.Failed{background:#fbe0e0}.Skipped{background:#f5f0d8}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}</style></head><body>");
        sb.Append("<h1>").Append(E(report.Scenario)).Append("</h1>");
        sb.Append("<p>Substrate: <strong>").Append(E(report.Substrate)).Append("</strong> · Outcome: <strong>").Append(report.Outcome).Append("</strong> · ")
          .Append(report.Passed).Append(" passed, ").Append(report.Failed).Append(" failed, ").Append(report.Skipped).Append(" skipped · ")
          .Append(report.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s</p>");
        if (report.Message is not null)
        {
            sb.Append("<p>").Append(E(report.Message)).Append("</p>");
        }

        var m = report.Matrix;
        sb.Append("<h2>Profile × check</h2><table><thead><tr><th scope=\"col\">profile</th>");
        foreach (var c in m.Columns)
        {
            sb.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var row in m.Rows)
        {
            sb.Append("<tr><th scope=\"row\">").Append(E(row)).Append("</th>");
            foreach (var c in m.Columns)
            {
                var cell = m.Cell(row, c);
                sb.Append(cell is null ? "<td></td>" : $"<td class=\"{cell.Outcome}\">{cell.Outcome} ({cell.Passed}/{cell.Total})</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table><h2>Checks</h2><table><thead><tr><th>outcome</th><th>suite/check</th><th>profile</th><th>app</th><th>message</th></tr></thead><tbody>");
        foreach (var c in report.Checks.OrderBy(c => c.Outcome == CheckOutcome.Failed ? 0 : 1))
        {
            sb.Append($"<tr class=\"{c.Outcome}\"><td>{c.Outcome}</td><td>{E(c.Column)}</td><td>{E(c.Profile)}</td><td>{E(c.App)}</td><td>{E(c.Message)}</td></tr>");
        }

        sb.Append("</tbody></table><h2>Time to healthy</h2><table><thead><tr><th>profile</th><th>app</th><th>seconds</th></tr></thead><tbody>");
        foreach (var t in report.Timings)
        {
            sb.Append($"<tr><td>{E(t.Profile)}</td><td>{E(t.App)}</td><td>{(t.TimeToHealthy is { } d ? d.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "never")}</td></tr>");
        }

        sb.Append("</tbody></table><h2>Failure diagnostics</h2>");
        if (report.Diagnostics.Count == 0)
        {
            sb.Append("<p>No failing app.</p>");
        }

        foreach (var d in report.Diagnostics)
        {
            sb.Append("<section id=\"app-").Append(E(d.App)).Append("\"><h3>").Append(E(d.App)).Append("</h3><p>").Append(E($"sync {d.SyncStatus}, health {d.HealthStatus}")).Append("</p>");
            if (d.OperationMessage is not null)
            {
                sb.Append("<p>Operation: ").Append(E(d.OperationMessage)).Append("</p>");
            }

            sb.Append("<h4>Conditions</h4><ul>").Append(string.Concat(d.Conditions.Select(c => "<li>" + E(c) + "</li>"))).Append("</ul>");
            sb.Append("<h4>Resources</h4><ul>").Append(string.Concat(d.Resources.Select(x => $"<li>{E(x.Resource)}: {E(x.SyncStatus)}/{E(x.Health)} {E(x.Message)}</li>"))).Append("</ul>");
            sb.Append("<h4>Events</h4><pre>").Append(E(string.Join("\n", d.Events))).Append("</pre>");
            foreach (var l in d.PodLogs)
            {
                sb.Append("<h4>Log ").Append(E($"{l.Pod}/{l.Container}")).Append("</h4><pre>").Append(E(l.Text)).Append("</pre>");
            }

            foreach (var x in d.Diffs)
            {
                sb.Append("<h4>Diff ").Append(E(x.Resource)).Append("</h4><pre>").Append(E(x.Text)).Append("</pre>");
            }

            sb.Append("</section>");
        }

        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    public static Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, Render(report), cancellationToken);
}
