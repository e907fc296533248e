using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Reporting;

/// <summary>
/// SARIF 2.1.0 for code scanning: every catalogue entry as a rule, every finding as a result located in the repo
/// (uriBaseId SRCROOT = the repo directory), profile/app/fix hint as result properties.
/// </summary>
public static class SarifReport
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public static JsonObject Build(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rules = FindingCatalog.All.ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var root = Path.GetFullPath(report.RepoDirectory);
        var rootUri = new Uri(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar).AbsoluteUri;
        var run = new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = "PlatformValidation",
                    ["informationUri"] = "https://github.com/example-org/platform-validation",
                    ["semanticVersion"] = "0.1.0",
                    ["rules"] = new JsonArray(rules.Select(r => (JsonNode)new JsonObject
                    {
                        ["id"] = r.Id,
                        ["name"] = Pascal(r.Title),
                        ["shortDescription"] = new JsonObject { ["text"] = r.Title },
                        ["fullDescription"] = new JsonObject { ["text"] = r.Help },
                        ["defaultConfiguration"] = new JsonObject { ["level"] = Level(r.Severity) },
                        ["help"] = new JsonObject { ["text"] = r.Help },
                    }).ToArray()),
                },
            },
            ["originalUriBaseIds"] = new JsonObject { ["SRCROOT"] = new JsonObject { ["uri"] = rootUri } },
            ["results"] = new JsonArray(report.Findings.Select(f => Result(f, index)).ToArray()),
            ["properties"] = new JsonObject { ["scenario"] = report.Scenario, ["substrate"] = report.Substrate },
        };
        return new JsonObject
        {
            ["$schema"] = Schema,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        };
    }

    public static void Write(ValidationReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Build(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonNode Result(Finding f, Dictionary<string, int> index)
    {
        var result = new JsonObject
        {
            ["ruleId"] = f.Id,
            ["level"] = Level(f.Severity),
            ["message"] = new JsonObject { ["text"] = $"{f.Message} Fix: {f.FixHint}" },
        };
        if (index.TryGetValue(f.Id, out var i))
        {
            result["ruleIndex"] = i;
        }

        if (f.Location is { } loc && !loc.File.StartsWith('('))
        {
            var relative = !Path.IsPathRooted(loc.File);
            var artifact = new JsonObject { ["uri"] = relative ? Uri.EscapeDataString(loc.File).Replace("%2F", "/", StringComparison.Ordinal) : new Uri(loc.File).AbsoluteUri };
            if (relative)
            {
                artifact["uriBaseId"] = "SRCROOT";
            }

            result["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = artifact,
                    ["region"] = new JsonObject { ["startLine"] = Math.Max(1, loc.Line), ["startColumn"] = Math.Max(1, loc.Column) },
                },
            });
        }

        result["properties"] = new JsonObject { ["profile"] = f.Profile, ["app"] = f.App, ["fixHint"] = f.FixHint };
        return result;
    }

    private static string Level(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static string Pascal(string title) =>
        string.Concat(title.Split(' ', '-', '/').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
