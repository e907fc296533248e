using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Tests.Loading;

/// <summary>The one typed JSON read: a value of another JSON type is "not found", as unstructured.NestedString/NestedInt64/NestedBool.</summary>
public sealed class JsonReadTests
{
    private static readonly JsonNode Doc = JsonNode.Parse("""{"s":"x","n":5,"f":1.5,"big":1e30,"t":true,"ts":"true","ns":"5","o":{"a":{"b":"deep"}},"l":["x"]}""")!;

    [TestCase("s", "x")]
    [TestCase("n", null)]
    [TestCase("t", null)]
    [TestCase("o", null)]
    [TestCase("l", null)]
    [TestCase("missing", null)]
    public void StrReadsOnlyStrings(string key, string? expected) => Assert.That(JsonRead.Str(Doc, key), Is.EqualTo(expected));

    [TestCase("n", 5L)]
    [TestCase("ns", null)]
    [TestCase("f", null)]
    [TestCase("big", null)]
    [TestCase("t", null)]
    public void LongReadsOnlyWholeNumbers(string key, long? expected) => Assert.That(JsonRead.Long(Doc, key), Is.EqualTo(expected));

    [TestCase("t", true)]
    [TestCase("ts", null)]
    [TestCase("n", null)]
    public void BoolReadsOnlyBooleans(string key, bool? expected) => Assert.That(JsonRead.Bool(Doc, key), Is.EqualTo(expected));

    [Test]
    public void PathsWalkObjectsOnly()
    {
        Assert.That(JsonRead.Str(Doc, "o", "a", "b"), Is.EqualTo("deep"));
        Assert.That(JsonRead.Str(Doc, "l", "0"), Is.Null, "a list is not walked by property name");
        Assert.That(JsonRead.Str(Doc, "s", "x"), Is.Null, "a scalar on the way is not found");
    }
}
