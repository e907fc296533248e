using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Validators.Live.Reports;

namespace PlatformValidation.AppHost.Resources.Dashboard;

/// <summary>The data the dashboard serves (JSON views of resources and the live run) and its minimal index page.</summary>
public static class DashboardViews
{
    public static JsonArray Resources(IEnumerable<IResource> resources) =>
        new([.. resources.Select(r => (JsonNode?)new JsonObject
        {
            ["name"] = r.Name,
            ["type"] = r.GetType().Name,
            ["state"] = (r as Resource)?.State.ToString(),
            ["error"] = (r as Resource)?.Error,
            ["timeToHealthySeconds"] = (r as Resource)?.TimeToHealthy?.TotalSeconds,
            ["endpoints"] = new JsonArray([.. r.Annotations.OfType<EndpointAnnotation>().Select(e => (JsonNode?)new JsonObject { ["name"] = e.Name, ["url"] = e.Url()?.ToString() })]),
            ["dependsOn"] = new JsonArray([.. r.Annotations.OfType<WaitForAnnotation>().Select(w => (JsonNode?)JsonValue.Create(w.Target.Name)).Distinct()]),
        })]);

    public static JsonObject Run(RunProgress run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var report = run.Snapshot();
        return JsonRunReportWriter.ToJson(report);
    }

    public static string IndexHtml(IReadOnlyList<IResource> resources, RunProgress? run)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>PlatformValidation</title></head><body>");
        sb.Append("<h1>PlatformValidation AppHost</h1><h2>Resources</h2><table><thead><tr><th>Resource</th><th>State</th><th>Endpoints</th></tr></thead><tbody>");
        foreach (var r in resources)
        {
            var endpoints = string.Join(" ", r.Annotations.OfType<EndpointAnnotation>().Select(e => e.Url() is { } u ? $"<a href=\"{WebUtility.HtmlEncode(u.ToString())}\">{WebUtility.HtmlEncode(e.Name)}</a>" : string.Empty));
            sb.Append($"<tr><td>{WebUtility.HtmlEncode(r.Name)}</td><td>{(r as Resource)?.State}</td><td>{endpoints}</td></tr>");
        }

        sb.Append("</tbody></table>");
        if (run is not null)
        {
            var report = run.Snapshot();
            sb.Append($"<h2>Run</h2><p>{report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped (substrate {WebUtility.HtmlEncode(report.Substrate)})</p>");
        }

        sb.Append("<p><a href=\"/metrics\">metrics</a> · <a href=\"/api/resources\">resources (JSON)</a> · <a href=\"/api/run\">run (JSON)</a></p></body></html>");
        return sb.ToString();
    }
}
