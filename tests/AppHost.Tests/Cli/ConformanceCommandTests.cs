using System.Text.Json.Nodes;
using PlatformValidation.AppHost.Cli;

namespace PlatformValidation.AppHost.Tests.Cli;

/// <summary><c>conformance argocd-health</c> and <c>conformance json-patch</c> on small suites written here.</summary>
public sealed class ConformanceCommandTests
{
    private string dir = null!;

    [SetUp]
    public void CreateDir() => dir = Directory.CreateTempSubdirectory("conformance-cli-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, recursive: true);

    private string Write(string relative, string content)
    {
        var path = Path.Combine(dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private void WriteWidgetKind(string expectedMessage)
    {
        Write("resource_customizations/example.com/Widget/health.lua", """
            hs = {}
            hs.status = "Healthy"
            hs.message = "ready " .. tostring(obj.status.ready / 2) .. " of " .. table.getn(obj.status.items)
            return hs
            """);
        Write("resource_customizations/example.com/Widget/health_test.yaml", $$"""
            tests:
            - healthStatus:
                status: Healthy
                message: "{{expectedMessage}}"
              inputPath: testdata/ready.yaml
            """);
        Write("resource_customizations/example.com/Widget/testdata/ready.yaml", """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            status: {ready: 4, items: [a, b, c]}
            """);
    }

    [Test]
    public async Task ArgoCdHealthPassesWhenLuaPrintsNumbersAsGopherLuaDoes()
    {
        WriteWidgetKind("ready 2 of 3");
        var result = await CliRunner.RunAsync("conformance", "argocd-health", dir);
        Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.Passed), result.ToString());
        Assert.That(result.Stdout, Does.Contain("pass  example.com/Widget (1/1)"));
        Assert.That(result.Stdout, Does.Contain("argocd-health: 1/1 cases passed"));
    }

    [Test]
    public async Task ArgoCdHealthReportsAFailingCaseAsJsonAndExitsOne()
    {
        WriteWidgetKind("ready 2.0 of 3");
        var result = await CliRunner.RunAsync("conformance", "argocd-health", dir, "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.ChecksFailed), result.ToString());
        var report = JsonNode.Parse(result.Stdout)!;
        Assert.That(report["passed"]!.GetValue<int>(), Is.Zero);
        Assert.That(report["total"]!.GetValue<int>(), Is.EqualTo(1));
        var failure = report["kinds"]![0]!["failures"]![0]!;
        Assert.That(failure["actual"]!["message"]!.GetValue<string>(), Is.EqualTo("ready 2 of 3"));
    }

    [Test]
    public async Task ArgoCdHealthOnAFolderWithoutScriptsExitsTwo()
    {
        var result = await CliRunner.RunAsync("conformance", "argocd-health", Path.Combine(dir, "missing"));
        Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.CouldNotRun), result.ToString());
        Assert.That(result.Stderr, Does.Contain("does not exist"));
        Assert.That(result.Stderr, Does.Not.Contain("Exception"));
    }

    [Test]
    public async Task JsonPatchCountsExpectedErrorsAsPassesOnlyWhenRefused()
    {
        var suite = Write("tests.json", """
            [
              {"comment": "add", "doc": {"a": 1}, "patch": [{"op": "add", "path": "/b", "value": 2}], "expected": {"a": 1, "b": 2}},
              {"comment": "leading zero", "doc": ["x"], "patch": [{"op": "remove", "path": "/00"}], "error": "leading zero"},
              {"comment": "disabled", "doc": {}, "patch": [], "expected": {"no": 1}, "disabled": true}
            ]
            """);
        var result = await CliRunner.RunAsync("conformance", "json-patch", suite);
        Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.Passed), result.ToString());
        Assert.That(result.Stdout, Does.Contain("json-patch: 2/2 cases passed (1 disabled by the suite)"));
    }

    [Test]
    public async Task JsonPatchReportsAnErrorCaseThatAppliesAsAFailure()
    {
        var suite = Write("tests.json", """
            [{"comment": "should fail", "doc": {"a": 1}, "patch": [{"op": "add", "path": "/b", "value": 2}], "error": "nope"}]
            """);
        var result = await CliRunner.RunAsync("conformance", "json-patch", suite, "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.ChecksFailed), result.ToString());
        Assert.That(JsonNode.Parse(result.Stdout)!["failures"]![0]!["comment"]!.GetValue<string>(), Is.EqualTo("should fail"));
    }

    [Test]
    public async Task JsonPatchOnAMissingOrInvalidFileExitsTwo()
    {
        var missing = await CliRunner.RunAsync("conformance", "json-patch", Path.Combine(dir, "none.json"));
        var invalid = await CliRunner.RunAsync("conformance", "json-patch", Write("bad.json", "{not json"));
        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(CommandCatalog.CouldNotRun), missing.ToString());
            Assert.That(invalid.ExitCode, Is.EqualTo(CommandCatalog.CouldNotRun), invalid.ToString());
            Assert.That(invalid.Stderr, Does.Contain("bad.json: not JSON"));
        });
    }
}
