using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Tests.Loading;

/// <summary>
/// The shared YAML → JSON reader (validate's loader and the simulated API server's request bodies): go-yaml v2
/// scalars as sigs.k8s.io/yaml resolves them, bounded depth that stops reading at once.
/// </summary>
[CancelAfter(60_000)]
public class YamlToJsonTests
{
    [Test]
    public void ScalarsResolveAsGoYamlV2DoesForKubeApiserver()
    {
        // sigs.k8s.io/yaml.YAMLToJSON → go-yaml v2: YAML 1.1 booleans, octal with a leading 0, quoted values stay strings.
        var node = YamlToJson.ParseFirstDocument("a: yes\nb: on\nc: 0777\nd: \"yes\"\ne: ~\nf: 1.5\n", maxDepth: 10)!.AsObject();

        Assert.That(node["a"]!.GetValue<bool>(), Is.True);
        Assert.That(node["b"]!.GetValue<bool>(), Is.True);
        Assert.That(node["c"]!.GetValue<long>(), Is.EqualTo(511));
        Assert.That(node["d"]!.GetValue<string>(), Is.EqualTo("yes"));
        Assert.That(node["e"], Is.Null);
        Assert.That(node["f"]!.GetValue<double>(), Is.EqualTo(1.5));
    }

    [Test]
    public void OnlyTheFirstDocumentIsRead()
    {
        var node = YamlToJson.ParseFirstDocument("a: 1\n---\nb: [unclosed\n", maxDepth: 10);

        Assert.That(JsonNode.DeepEquals(node, new JsonObject { ["a"] = 1 }), Is.True);
    }

    [Test]
    public void NestingBeyondTheLimitIsAnErrorWithItsLine()
    {
        var text = "a: 1\nx: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var ex = Assert.Throws<YamlToJsonException>(() => YamlToJson.ParseFirstDocument(text, maxDepth: 512));

        Assert.That(ex!.Line, Is.EqualTo(2));
        Assert.That(ex.Reason, Does.StartWith("nesting deeper than 512 levels"));
        Assert.That(ex.Reason, Does.Not.Contain("LoaderOptions"));
    }

    [Test]
    public void SyntaxErrorIsAnErrorWithItsLine()
    {
        var ex = Assert.Throws<YamlToJsonException>(() => YamlToJson.ParseFirstDocument("a: 1\nb: [unclosed\n", maxDepth: 10));

        Assert.That(ex!.Line, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void HundredThousandDeepFlowNestingInValidateIsOneYaml001AtItsLine()
    {
        // Issue 12: 100k levels (200 KB) took 58 s because reading went on past the depth limit; now it stops there.
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var result = new ManifestLoader().LoadText(text, "deep.yaml");

        var finding = result.Findings.Single();
        Assert.That(finding.Id, Is.EqualTo(LoadingFindings.Yaml001));
        Assert.That(finding.Location!.File, Is.EqualTo("deep.yaml"));
        Assert.That(finding.Location.Line, Is.EqualTo(5));
        Assert.That(finding.Message, Does.Contain("nesting deeper than 200 levels"));
        Assert.That(result.Objects, Is.Empty);
    }
}
