using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Changes;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Reporting;

/// <summary>The machine-readable form of <c>validate --base</c>.</summary>
public static class JsonChangeReport
{
    /// <summary>The schema version (bump on incompatible changes).</summary>
    public const string SchemaVersion = "platformvalidation.io/validate-changes/v1";

    public static JsonObject Build(ChangeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["schema"] = SchemaVersion,
            ["scenario"] = report.Scenario,
            ["base"] = report.BaseLabel,
            ["head"] = report.HeadLabel,
            ["passed"] = !report.Failed,
            ["noChanges"] = report.NoChanges,
            ["durationMs"] = Math.Round(report.Duration.TotalMilliseconds),
            ["rendersReused"] = report.RendersReused,
            ["profiles"] = new JsonArray(report.Profiles.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name,
                ["change"] = Word(p.Change),
                ["apps"] = new JsonArray(p.Apps.Select(a => (JsonNode)new JsonObject
                {
                    ["name"] = a.Name,
                    ["change"] = Word(a.Change),
                    ["specChanged"] = a.SpecChanged,
                    ["resources"] = new JsonArray(a.Resources.Select(r => (JsonNode)new JsonObject
                    {
                        ["key"] = r.Key,
                        ["change"] = Word(r.Change),
                        ["location"] = r.Location?.ToString(),
                        ["diff"] = r.Diff,
                    }).ToArray()),
                }).ToArray()),
                ["deletions"] = new JsonArray(p.Deletions.Select(d => (JsonNode)new JsonObject
                {
                    ["app"] = d.App,
                    ["key"] = d.Key,
                    ["automatic"] = d.Automatic,
                    ["reason"] = d.Reason,
                    ["keptBecause"] = d.KeptBecause,
                }).ToArray()),
            }).ToArray()),
            ["newFindings"] = Findings(report.NewFindings),
            ["fixedFindings"] = Findings(report.FixedFindings),
            ["unchangedFindings"] = Findings(report.UnchangedFindings),
            ["pruneFindings"] = Findings(report.PruneFindings),
        };
    }

    public static void Write(ChangeReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Build(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonArray Findings(IEnumerable<Finding> findings) => new(findings.Select(f => (JsonNode)new JsonObject
    {
        ["id"] = f.Id,
        ["severity"] = f.Severity.ToString().ToLowerInvariant(),
        ["profile"] = f.Profile,
        ["app"] = f.App,
        ["message"] = f.Message,
        ["location"] = f.Location?.ToString(),
        ["fix"] = f.FixHint,
    }).ToArray());

    private static string Word(ChangeKind kind) => kind.ToString().ToLowerInvariant();
}
