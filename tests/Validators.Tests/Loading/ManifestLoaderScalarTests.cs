using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Tests.Loading;

/// <summary>Scalars resolve as sigs.k8s.io/yaml (go-yaml v2 into interface{}) resolves them.</summary>
public class ManifestLoaderScalarTests
{
    private static JsonNode? ValueOf(string yamlValue)
    {
        var result = new ManifestLoader().LoadText($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  v: {yamlValue}\n", "f.yaml");
        Assert.That(result.Findings, Is.Empty, () => string.Join("; ", result.Findings.Select(f => f.Message)));
        return result.Objects.Single().Body["data"]!["v"];
    }

    [TestCase("true", true)]
    [TestCase("True", true)]
    [TestCase("yes", true)]
    [TestCase("Y", true)]
    [TestCase("on", true)]
    [TestCase("ON", true)]
    [TestCase("false", false)]
    [TestCase("no", false)]
    [TestCase("n", false)]
    [TestCase("Off", false)]
    public void PlainYaml11BoolFormsBecomeBooleans(string text, bool expected) =>
        Assert.That(ValueOf(text)!.GetValue<bool>(), Is.EqualTo(expected));

    [TestCase("\"true\"")]
    [TestCase("'yes'")]
    [TestCase("!!str on")]
    public void QuotedOrStrTaggedBoolWordsStayStrings(string text) =>
        Assert.That(ValueOf(text)!.GetValue<string>(), Is.AnyOf("true", "yes", "on"));

    [TestCase("~")]
    [TestCase("null")]
    [TestCase("Null")]
    [TestCase("NULL")]
    [TestCase("")]
    public void NullFormsBecomeJsonNull(string text) => Assert.That(ValueOf(text), Is.Null);

    [TestCase("42", 42L)]
    [TestCase("-7", -7L)]
    [TestCase("+5", 5L)]
    [TestCase("0x1F", 31L)]
    [TestCase("0o17", 15L)]
    [TestCase("017", 15L)]
    [TestCase("0b101", 5L)]
    [TestCase("1_000", 1000L)]
    public void IntegerFormsBecomeNumbers(string text, long expected) =>
        Assert.That(ValueOf(text)!.GetValue<long>(), Is.EqualTo(expected));

    [TestCase("1.5", 1.5)]
    [TestCase(".5", 0.5)]
    [TestCase("-2.5e+3", -2500.0)]
    public void FloatFormsBecomeNumbers(string text, double expected) =>
        Assert.That(ValueOf(text)!.GetValue<double>(), Is.EqualTo(expected));

    [TestCase("1e3")]
    [TestCase("1.2.3")]
    [TestCase("0x")]
    [TestCase("12:30")]
    [TestCase("yesterday")]
    public void ShapesGoYamlDoesNotResolveStayStrings(string text) =>
        Assert.That(ValueOf(text)!.GetValue<string>(), Is.EqualTo(text));

    [Test]
    public void TimestampsStayStringsAsGoYamlV2KeepsThemForInterfaceTargets() =>
        Assert.That(ValueOf("2001-12-14")!.GetValue<string>(), Is.EqualTo("2001-12-14"));

    [Test]
    public void BlockScalarsAreStrings() =>
        Assert.That(new ManifestLoader().LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  v: |\n    123\n", "f.yaml").Objects[0].Body["data"]!["v"]!.GetValue<string>(), Is.EqualTo("123\n"));

    [TestCase(".inf")]
    [TestCase("-.Inf")]
    [TestCase(".nan")]
    public void InfinityAndNanAreErrorsBecauseJsonCannotHoldThem(string text)
    {
        var result = new ManifestLoader().LoadText($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: x}}\ndata:\n  v: {text}\n", "f.yaml");
        Assert.That(result.Objects, Is.Empty);
        Assert.That(result.Findings.Single().Id, Is.EqualTo("YAML001"));
        Assert.That(result.Findings.Single().Message, Does.Contain("JSON"));
        Assert.That(result.Findings.Single().Location!.Line, Is.EqualTo(5));
    }

    [Test]
    public void TaggedIntThatIsNotANumberIsAnError()
    {
        var result = new ManifestLoader().LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  v: !!int abc\n", "f.yaml");
        Assert.That(result.Findings.Single().Message, Does.Contain("cannot decode !!str `abc` as a !!int"));
    }

    [Test]
    public void NonStringKeysBecomeStringsAsSigsK8sYamlConvertsThem()
    {
        var body = new ManifestLoader().LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  on: a\n  1: b\n  1.5: c\n", "f.yaml").Objects[0].Body;
        Assert.That(body["data"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "true", "1", "1.5" }));
    }

    [Test]
    public void MergeKeysCopyAnchoredMappingsWithExplicitKeysWinning()
    {
        var body = new ManifestLoader().LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nbase: &b {a: '1', b: '2'}\ndata:\n  b: '3'\n  <<: *b\n", "f.yaml").Objects[0].Body;
        Assert.That(body["data"]!["a"]!.GetValue<string>(), Is.EqualTo("1"));
        Assert.That(body["data"]!["b"]!.GetValue<string>(), Is.EqualTo("3"));
    }
}
