using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Reporting;

/// <summary>The machine-readable report: summary, profiles, discovery, findings and the AppProject suggestion.</summary>
public static class JsonReport
{
    /// <summary>The report schema version (bump on incompatible changes).</summary>
    public const string SchemaVersion = "platformvalidation.io/validate-report/v1";

    public static JsonObject Build(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = new JsonObject
        {
            ["schema"] = SchemaVersion,
            ["tool"] = "PlatformValidation",
            ["scenario"] = report.Scenario,
            ["repo"] = report.RepoDirectory,
            ["substrate"] = report.Substrate,
            ["durationMs"] = Math.Round(report.Duration.TotalMilliseconds),
            ["passed"] = !report.HasErrors,
            ["summary"] = new JsonObject
            {
                ["errors"] = report.Count(Severity.Error),
                ["warnings"] = report.Count(Severity.Warning),
                ["info"] = report.Count(Severity.Info),
            },
            ["profiles"] = new JsonArray(report.Profiles.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name,
                ["layers"] = new JsonArray(p.Layers.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
                ["apps"] = p.Apps,
                ["applicationSets"] = p.ApplicationSets,
                ["resources"] = p.Resources,
                ["renderedApps"] = p.RenderedApps,
                ["notRendered"] = new JsonArray(p.NotRendered.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
                ["errors"] = FindingFamilies.For(report, p).Count(f => f.Severity == Severity.Error),
            }).ToArray()),
            ["findings"] = new JsonArray(report.Findings.Select(Finding).ToArray()),
            ["suggestedProjects"] = new JsonArray(report.SuggestedProjects.Select(s => (JsonNode)new JsonObject
            {
                ["project"] = s.Project,
                ["clusterResourceWhitelist"] = Kinds(s.ClusterResources),
                ["namespaceResourceWhitelist"] = Kinds(s.NamespaceResources),
                ["unknownScope"] = Kinds(s.UnknownScope),
            }).ToArray()),
        };
        if (report.Discovery is { } d)
        {
            root["discovery"] = new JsonObject
            {
                ["canonicalRepoUrl"] = d.CanonicalRepoUrl,
                ["repoUrlOrigin"] = d.RepoUrlOrigin,
                ["notDeployed"] = new JsonArray(d.NotDeployed.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
                ["roots"] = new JsonArray(d.Roots.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
                ["rootFiles"] = new JsonArray(d.RootFiles.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
                ["applications"] = d.Applications,
                ["applicationSets"] = d.ApplicationSets,
                ["projects"] = new JsonArray(d.Projects.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
            };
        }

        return root;
    }

    public static void Write(ValidationReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Build(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonNode Finding(Finding f) => new JsonObject
    {
        ["id"] = f.Id,
        ["severity"] = f.Severity.ToString().ToLowerInvariant(),
        ["title"] = FindingCatalog.Find(f.Id)?.Title,
        ["message"] = f.Message,
        ["file"] = f.Location?.File,
        ["line"] = f.Location?.Line,
        ["column"] = f.Location?.Column,
        ["fixHint"] = f.FixHint,
        ["profile"] = f.Profile,
        ["app"] = f.App,
    };

    private static JsonArray Kinds(IEnumerable<Graph.GroupKind> kinds) =>
        new(kinds.Select(k => (JsonNode)new JsonObject { ["group"] = k.Group, ["kind"] = k.Kind }).ToArray());
}
