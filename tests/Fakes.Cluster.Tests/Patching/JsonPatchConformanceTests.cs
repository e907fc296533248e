using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Patching;

namespace PlatformValidation.Fakes.Cluster.Tests.Patching;

/// <summary>The RFC 6902 rules the JSON Patch test suite checks, and the suite itself behind PV_JSONPATCH_TESTS.</summary>
public sealed class JsonPatchConformanceTests
{
    private static JsonNode? Apply(string doc, string patch) => JsonPatch.Apply(JsonNode.Parse(doc)!, JsonNode.Parse(patch));

    [Test]
    public void ReplacingTheWholeDocumentGivesTheNewValue() =>
        Assert.That(Apply("""{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""")!.ToJsonString(), Is.EqualTo("""{"b":2}"""));

    [TestCase("""[{"op":"remove","path":"/01"}]""")]
    [TestCase("""[{"op":"add","path":"/00","value":"z"}]""")]
    [TestCase("""[{"op":"test","path":"/00","value":"x"}]""")]
    public void AnArrayIndexWithALeadingZeroIsNotAnIndex(string patch) =>
        Assert.Throws<PatchException>(() => Apply("""["x","y"]""", patch));

    [Test]
    public void TestWithoutAValueIsRefused() =>
        Assert.Throws<PatchException>(() => Apply("""[null]""", """[{"op":"test","path":"/0"}]"""));

    [Test]
    public void TheRunnerCountsAnAppliedErrorCaseAsAFailureAndComparesNumbersByValue()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """
                [
                  {"doc": {"a": 1.0}, "patch": [], "expected": {"a": 1}},
                  {"doc": {}, "patch": [{"op": "add", "path": "/x", "value": 1}], "error": "should fail"}
                ]
                """);
            var results = JsonPatchConformance.Run(file);
            Assert.That(results.Select(r => r.Passed), Is.EqualTo(new[] { true, false }));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>json-patch/json-patch-tests, when PV_JSONPATCH_TESTS points at a checkout of it (docs/conformance.md).</summary>
    [Test]
    [Category(PlatformValidation.Tests.TestCategories.ExternalTool)]
    public void EveryCaseOfTheJsonPatchTestSuitePasses()
    {
        var dir = Environment.GetEnvironmentVariable("PV_JSONPATCH_TESTS");
        if (string.IsNullOrEmpty(dir))
        {
            Assert.Ignore("PV_JSONPATCH_TESTS is not set: point it at a json-patch-tests checkout (tests.json, spec_tests.json) to run the suite");
        }

        var results = new[] { "tests.json", "spec_tests.json" }.SelectMany(f => JsonPatchConformance.Run(Path.Combine(dir, f))).Where(r => !r.Disabled).ToList();
        Assert.That(results, Is.Not.Empty);
        Assert.That(results.Where(r => !r.Passed).Select(r => $"{r.File} #{r.Index} {r.Comment}: {r.Detail}"), Is.Empty);
    }
}
