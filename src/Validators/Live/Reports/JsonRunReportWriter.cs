using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.Validators.Live.Reports;

/// <summary>Writes a <see cref="RunReport"/> as JSON for CI (stable camelCase field names; every string redacted).</summary>
public static class JsonRunReportWriter
{
    /// <summary>The report as a JSON document.</summary>
    public static JsonObject ToJson(RunReport report, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = redactor ?? SecretRedactor.Shared;
        var matrix = report.Matrix;
        return new JsonObject
        {
            ["scenario"] = r.Redact(report.Scenario),
            ["substrate"] = report.Substrate,
            ["startedAt"] = report.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["durationSeconds"] = Math.Round(report.Duration.TotalSeconds, 3),
            ["outcome"] = report.Outcome.ToString(),
            ["message"] = report.Message is null ? null : r.Redact(report.Message),
            ["summary"] = new JsonObject { ["passed"] = report.Passed, ["failed"] = report.Failed, ["skipped"] = report.Skipped, ["waitingShare"] = Math.Round(report.WaitingShare, 3) },
            ["profiles"] = new JsonArray([.. report.Profiles.Select(p => (JsonNode?)JsonValue.Create(p))]),
            ["matrix"] = new JsonArray([.. matrix.Rows.Select(row => (JsonNode?)new JsonObject
            {
                ["profile"] = row,
                ["cells"] = new JsonObject(matrix.Columns.Where(c => matrix.Cell(row, c) is not null).Select(c => KeyValuePair.Create(c, (JsonNode?)matrix.Cell(row, c)!.Outcome.ToString()))),
            })]),
            ["checks"] = new JsonArray([.. report.Checks.Select(c => (JsonNode?)new JsonObject
            {
                ["suite"] = c.Suite,
                ["check"] = c.Check,
                ["id"] = LiveCheckCatalog.Find(c.Check)?.Id,
                ["profile"] = c.Profile,
                ["app"] = c.App,
                ["outcome"] = c.Outcome.ToString(),
                ["message"] = r.Redact(c.Message),
                ["durationSeconds"] = Math.Round(c.Duration.TotalSeconds, 3),
            })]),
            ["timings"] = new JsonArray([.. report.Timings.Select(t => (JsonNode?)new JsonObject
            {
                ["profile"] = t.Profile,
                ["app"] = t.App,
                ["timeToHealthySeconds"] = t.TimeToHealthy is { } d ? Math.Round(d.TotalSeconds, 3) : null,
            })]),
            ["steps"] = new JsonArray([.. report.Steps.Select(s => (JsonNode?)new JsonObject
            {
                ["suite"] = s.Suite,
                ["step"] = s.Step,
                ["profile"] = s.Profile,
                ["outcome"] = s.Outcome.ToString(),
                ["durationSeconds"] = Math.Round(s.Duration.TotalSeconds, 3),
                ["waitingSeconds"] = Math.Round(s.Waiting.TotalSeconds, 3),
            })]),
            ["diagnostics"] = new JsonArray([.. report.Diagnostics.Select(d => (JsonNode?)Diagnostics(d, r))]),
            ["findings"] = new JsonArray([.. report.Findings.Select(f => (JsonNode?)new JsonObject
            {
                ["id"] = f.Id,
                ["severity"] = f.Severity.ToString(),
                ["profile"] = f.Profile,
                ["app"] = f.App,
                ["message"] = r.Redact(f.Message),
                ["location"] = f.Location?.ToString(),
                ["fixHint"] = r.Redact(f.FixHint),
            })]),
        };
    }

    /// <summary>Writes the report to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(RunReport report, string path, SecretRedactor? redactor = null, CancellationToken cancellationToken = default)
    {
        var json = ToJson(report, redactor).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        await File.WriteAllTextAsync(path, json + "\n", cancellationToken);
    }

    private static JsonObject Diagnostics(AppDiagnostics d, SecretRedactor r) => new()
    {
        ["app"] = d.App,
        ["profile"] = d.Profile,
        ["syncStatus"] = d.SyncStatus,
        ["healthStatus"] = d.HealthStatus,
        ["operationMessage"] = d.OperationMessage is null ? null : r.Redact(d.OperationMessage),
        ["conditions"] = Strings(d.Conditions, r),
        ["resources"] = new JsonArray([.. d.Resources.Select(x => (JsonNode?)new JsonObject
        {
            ["resource"] = x.Resource,
            ["syncStatus"] = x.SyncStatus,
            ["health"] = x.Health,
            ["message"] = x.Message is null ? null : r.Redact(x.Message),
        })]),
        ["events"] = Strings(d.Events, r),
        ["podLogs"] = new JsonArray([.. d.PodLogs.Select(l => (JsonNode?)new JsonObject { ["pod"] = l.Pod, ["container"] = l.Container, ["text"] = r.Redact(l.Text) })]),
        ["diffs"] = new JsonArray([.. d.Diffs.Select(x => (JsonNode?)new JsonObject { ["resource"] = x.Resource, ["text"] = r.Redact(x.Text) })]),
    };

    private static JsonArray Strings(IEnumerable<string> values, SecretRedactor r) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(r.Redact(v)))]);
}
