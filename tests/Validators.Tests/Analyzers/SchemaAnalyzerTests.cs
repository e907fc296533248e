using System.Text.Json.Nodes;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Analyzers;

/// <summary>SCHEMA001/SCHEMA002: rendered objects checked against the CRD version they use and the built-in Go types.</summary>
[Category(TestCategories.ExternalTool)]
[Parallelizable(ParallelScope.All)]
public class SchemaAnalyzerTests
{
    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task AStringTargetPortInAnInferencePoolIsSchema001WithTheApiServersFieldPath(CancellationToken cancellationToken)
    {
        using var workspace = FixtureWorkspace.Create("cr-wrong-type");

        var report = await new StaticValidator().ValidateAsync(ScenarioParser.Load(workspace.ScenarioFile), cancellationToken);

        var finding = report.Findings.Single(f => f.Id == FindingIds.Schema001);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.Message, Does.Contain("spec.targetPorts[0].number: Invalid value: \"8000\": spec.targetPorts[0].number in body must be of type integer: \"string\""));
        Assert.That(finding.Location?.File, Is.EqualTo("workloads/inference-pool/inferencepool.yaml"));
        Assert.That(finding.Location?.Line, Is.EqualTo(TextLines.InFile(workspace.RepoFile("workloads/inference-pool/inferencepool.yaml"), "number: \"8000\"")));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task AFieldTheCrdDoesNotDeclareIsSchema002(CancellationToken cancellationToken)
    {
        using var workspace = FixtureWorkspace.Create("cr-wrong-type");
        var file = workspace.RepoFile("workloads/inference-pool/inferencepool.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("number: \"8000\"", "number: 8000\n      protocol: TCP", StringComparison.Ordinal));

        var report = await new StaticValidator().ValidateAsync(ScenarioParser.Load(workspace.ScenarioFile), cancellationToken);

        Assert.That(report.Findings.Where(f => f.Id == FindingIds.Schema001), Is.Empty);
        var finding = report.Findings.Single(f => f.Id == FindingIds.Schema002);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(finding.Message, Does.Contain("spec.targetPorts[0].protocol").And.Contain("prunes"));
        Assert.That(finding.Location?.Line, Is.EqualTo(TextLines.InFile(file, "protocol: TCP")));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task TheBundledSampleHasNoSchemaFinding(CancellationToken cancellationToken)
    {
        var report = await new StaticValidator().ValidateAsync(ScenarioParser.Load(RepoPaths.SampleScenario), cancellationToken);

        Assert.That(report.Findings.Where(f => f.Id.StartsWith("SCHEMA", StringComparison.Ordinal)).Select(f => $"{f.Id} {f.Location} {f.Message}"), Is.Empty);
    }

    [TestCase("spec.targetPorts[0].number", "/spec/targetPorts/0/number")]
    [TestCase("spec.selector.matchLabels.inference.example.org/pool", "/spec/selector/matchLabels/inference.example.org~1pool")]
    [TestCase("spec.missing", "/spec")]
    public void FieldPathsResolveToPointersEvenWithDottedKeys(string path, string pointer)
    {
        var body = JsonNode.Parse("""{"spec":{"targetPorts":[{"number":"8000"}],"selector":{"matchLabels":{"inference.example.org/pool":"a"}}}}""")!.AsObject();

        Assert.That(SchemaAnalyzer.Pointer(body, path), Is.EqualTo(pointer));
    }
}
