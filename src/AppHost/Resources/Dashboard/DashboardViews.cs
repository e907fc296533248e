using System.Text.Json.Nodes;
using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Validators.Live.Reports;

namespace PlatformValidation.AppHost.Resources.Dashboard;

/// <summary>The data the dashboard serves as JSON: the resources and the live run.</summary>
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
}
