using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Health.Gopher;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Health;

/// <summary>Health scripts see Lua as Argo CD's gopher-lua (5.1) shows it, with the libraries Argo CD opens.</summary>
public class GopherLuaCompatTests
{
    private static string Message(string body, bool openLibs = true, string extra = """{"status":{"ready":4,"items":["a",null,"c"]}}""")
    {
        using var script = new LuaHealthScript("t", "local hs = {status = \"Healthy\"}\n" + body + "\nreturn hs", openLibs);
        var health = script.Evaluate(Obj.Make("example.com/v1", "Widget", "w", "ns", extra));
        Assert.That(health.Status, Is.EqualTo(HealthStatusCode.Healthy), health.Message);
        return health.Message;
    }

    [TestCase("hs.message = tostring(4 / 2)", "2")]
    [TestCase("hs.message = tostring(obj.status.ready / 8)", "0.5")]
    [TestCase("hs.message = tostring(1 / 3)", "0.3333333333333333")]
    [TestCase("hs.message = tostring(10 ^ 6)", "1000000")]
    [TestCase("hs.message = tostring(0.00001)", "1e-05")]
    [TestCase("hs.message = tostring(1234567.5)", "1.2345675e+06")]
    [TestCase("hs.message = string.format(\"%s of %d\", 6 / 2, 7.9)", "3 of 7")]
    [TestCase("hs.message = table.concat({1, 4 / 2, \"x\"}, \",\")", "1,2,x")]
    public void NumbersPrintAsGopherLuaPrintsThem(string body, string expected) =>
        Assert.That(Message(body), Is.EqualTo(expected));

    [TestCase("hs.message = tostring(table.getn(obj.status.items))", "2")]
    [TestCase("local a, b = unpack({\"x\", \"y\"}) hs.message = a .. b", "xy")]
    [TestCase("hs.message = tostring(math.pow(2, 3)) .. tostring(math.mod(7, 3)) .. tostring(table.maxn({1, 2, [7] = 3}))", "817")]
    [TestCase("hs.message = tostring(table.unpack == nil and utf8 == nil and math.tointeger == nil)", "true")]
    [TestCase("hs.message = obj.status.items[2]", "c")]
    public void Lua51NamesAreThereAndNewerOnesAreNot(string body, string expected) =>
        Assert.That(Message(body), Is.EqualTo(expected));

    [Test]
    public void WithoutOpenLibsOnlyBaseTableAndSafeOsAreOpen()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Message("hs.message = tostring(string == nil and math == nil) .. type(os.time()) .. tostring(os.execute == nil)", openLibs: false), Is.EqualTo("truenumbertrue"));
            Assert.That(Message("hs.message = tostring(require(\"os\").date ~= nil)", openLibs: false), Is.EqualTo("true"));
        });
        using var script = new LuaHealthScript("t", "return {status = \"Healthy\", message = (\"abc\"):sub(1, 1)}");
        var health = script.Evaluate(Obj.Make("v1", "ConfigMap", "c", "ns"));
        Assert.That(health.Status, Is.EqualTo(HealthStatusCode.Unknown), "strings have no methods without the string library");
    }

    [Test]
    public void NoFileOrProcessAccessEvenWithOpenLibs() =>
        Assert.That(Message("hs.message = tostring(io == nil and debug == nil and dofile == nil and loadfile == nil and os.remove == nil)"), Is.EqualTo("true"));

    [Test]
    public void UseOpenLibsInArgoCdCmOpensTheStringLibrary()
    {
        const string Script = "return {status = \"Healthy\", message = string.upper(obj.metadata.name)}";
        using var closed = new ArgoCdSettings(new Dictionary<string, string> { ["resource.customizations.health.example.com_Widget"] = Script });
        using var open = new ArgoCdSettings(new Dictionary<string, string>
        {
            ["resource.customizations.health.example.com_Widget"] = Script,
            ["resource.customizations.useOpenLibs.example.com_Widget"] = "true",
        });
        var widget = Obj.Make("example.com/v1", "Widget", "w1", "ns");
        Assert.Multiple(() =>
        {
            Assert.That(new HealthAssessor(closed).Assess(widget)!.Status, Is.EqualTo(HealthStatusCode.Unknown));
            Assert.That(new HealthAssessor(open).Assess(widget), Is.EqualTo(new HealthStatus(HealthStatusCode.Healthy, "W1")));
        });
    }

    [Test]
    public void GlobalsOfOneEvaluationDoNotLeakIntoTheNext()
    {
        using var script = new LuaHealthScript("t", "if seen then return {status = \"Degraded\"} end seen = true return {status = \"Healthy\"}");
        var obj = Obj.Make("v1", "ConfigMap", "c", "ns");
        Assert.That(script.Evaluate(obj).Status, Is.EqualTo(HealthStatusCode.Healthy));
        Assert.That(script.Evaluate(obj).Status, Is.EqualTo(HealthStatusCode.Healthy), "Argo CD runs each evaluation in a fresh state");
    }

    [Test]
    public void NonAsciiTextSurvivesTheRoundTrip() =>
        Assert.That(Message("hs.message = obj.status.phase", extra: """{"status":{"phase":"Creating → Ready"}}"""), Is.EqualTo("Creating → Ready"));

    [Test]
    public void AnInvalidStatusIsUnknownWithArgoCdsMessage()
    {
        using var script = new LuaHealthScript("t", "return {status = \"Great\"}");
        Assert.That(script.Evaluate(Obj.Make("v1", "ConfigMap", "c", "ns")), Is.EqualTo(new HealthStatus(HealthStatusCode.Unknown, "Lua returned an invalid health status")));
    }

    [TestCase(2.0, "2")]
    [TestCase(-3.0, "-3")]
    [TestCase(0.1, "0.1")]
    [TestCase(123456.25, "123456.25")]
    [TestCase(1e21, "1e+21")]
    [TestCase(1e300, "1e+300")]
    [TestCase(-0.000123, "-0.000123")]
    [TestCase(double.NaN, "NaN")]
    public void GoNumberFormatMatchesGoFmt(double value, string expected) =>
        Assert.That(GoNumberFormat.Format(value), Is.EqualTo(expected));
}
