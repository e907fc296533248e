using System.Text.Json.Nodes;
using System.Xml.Linq;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Graph;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Reporting;

namespace PlatformValidation.Validators.Tests.Reporting;

public class ReportFormatTests
{
    private static readonly ValidationReport Report = new(
        "demo",
        "/repo",
        [
            new ProfileSummary("platform", ["platform"], 2, 0, 10) { AppNames = new HashSet<string> { "a", "b" } },
            new ProfileSummary("full", ["platform", "demos"], 3, 1, 20) { AppNames = new HashSet<string> { "a", "b", "c" } },
        ],
        [
            new Finding("SEC001", Severity.Error, "Secret s carries 1 value(s) in plain text", new SourceLocation("apps/b/secret.yaml", 5, 1), "Use an ExternalSecret.") { App = "b" },
            new Finding("DEP001", Severity.Error, "app c needs Secret x", new SourceLocation("apps/c/d.yaml", 12, 7), "Add it.") { App = "c", Profile = "full" },
            new Finding("PIN001", Severity.Warning, "image latest", new SourceLocation("apps/a/d.yaml", 3, 9), "Pin it.") { App = "a" },
        ],
        [new ProjectSuggestion("p", [new GroupKind(string.Empty, "Namespace")], [new GroupKind("apps", "Deployment")])],
        TimeSpan.FromMilliseconds(1234));

    private static string Render(ReportFormat format)
    {
        using var writer = new StringWriter();
        ReportWriters.Write(Report, format, writer);
        return writer.ToString();
    }

    [Test]
    public void TextGroupsFindingsByProfileWithLocationAndFix()
    {
        var text = Render(ReportFormat.Text);

        Assert.That(text, Does.Contain("findings in profile full").And.Contain("apps/c/d.yaml:12:7").And.Contain("fix: Add it."));
        Assert.That(text.IndexOf("findings (every profile", StringComparison.Ordinal), Is.LessThan(text.IndexOf("findings in profile full", StringComparison.Ordinal)));
        Assert.That(text, Does.Contain("FAILED: 2 error(s), 1 warning(s)"));
    }

    [Test]
    public void JunitFailsTheCasesOfFamiliesWithErrorsPerProfile()
    {
        var xml = XDocument.Parse(Render(ReportFormat.JUnit));
        var suites = xml.Root!.Elements("testsuite").ToList();

        Assert.That(suites.Select(s => s.Attribute("name")!.Value), Is.EqualTo(new[] { "profile platform", "profile full" }));
        Assert.That(suites[0].Attribute("failures")!.Value, Is.EqualTo("1"), "SEC001 concerns app b, which platform reaches");
        Assert.That(suites[1].Attribute("failures")!.Value, Is.EqualTo("2"), "SEC001 and DEP001");
        Assert.That(suites[1].Descendants("failure").Select(f => f.Attribute("type")!.Value), Is.EquivalentTo(new[] { "SEC001", "DEP001" }));
        Assert.That(suites[0].Descendants("system-out").Single().Value, Does.Contain("PIN001"));
    }

    [Test]
    public void SarifCarriesRulesLevelsAndRepoRelativeRegions()
    {
        var sarif = JsonNode.Parse(Render(ReportFormat.Sarif))!;
        var run = sarif["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        var results = run["results"]!.AsArray();
        var dep = results.Single(r => r!["ruleId"]!.GetValue<string>() == "DEP001")!;

        Assert.That(sarif["version"]!.GetValue<string>(), Is.EqualTo("2.1.0"));
        Assert.That(rules.Count, Is.EqualTo(FindingCatalog.All.Count));
        Assert.That(rules[dep["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>(), Is.EqualTo("DEP001"));
        Assert.That(dep["level"]!.GetValue<string>(), Is.EqualTo("error"));
        var location = dep["locations"]![0]!["physicalLocation"]!;
        Assert.That(location["artifactLocation"]!["uri"]!.GetValue<string>(), Is.EqualTo("apps/c/d.yaml"));
        Assert.That(location["artifactLocation"]!["uriBaseId"]!.GetValue<string>(), Is.EqualTo("SRCROOT"));
        Assert.That(location["region"]!["startLine"]!.GetValue<int>(), Is.EqualTo(12));
        Assert.That(results.Single(r => r!["ruleId"]!.GetValue<string>() == "PIN001")!["level"]!.GetValue<string>(), Is.EqualTo("warning"));
        Assert.That(run["originalUriBaseIds"]!["SRCROOT"]!["uri"]!.GetValue<string>(), Does.EndWith("/repo/"));
    }

    [Test]
    public void JsonSummarizesAndListsFindingsAndSuggestions()
    {
        var json = JsonNode.Parse(Render(ReportFormat.Json))!;

        Assert.That(json["passed"]!.GetValue<bool>(), Is.False);
        Assert.That(json["summary"]!["errors"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(json["findings"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()), Is.EqualTo(new[] { "SEC001", "DEP001", "PIN001" }));
        Assert.That(json["suggestedProjects"]![0]!["clusterResourceWhitelist"]![0]!["kind"]!.GetValue<string>(), Is.EqualTo("Namespace"));
    }
}
