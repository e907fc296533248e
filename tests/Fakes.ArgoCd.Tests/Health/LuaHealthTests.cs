using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Health;

/// <summary>argocd-cm resource.customizations.health.&lt;group_kind&gt; Lua overrides [om/health; util/lua].</summary>
public class LuaHealthTests
{
    private const string ChildAppHealth = """
        hs = {}
        hs.status = "Progressing"
        hs.message = ""
        if obj.status ~= nil then
          if obj.status.health ~= nil then
            hs.status = obj.status.health.status
            if obj.status.health.message ~= nil then
              hs.message = obj.status.health.message
            end
          end
        end
        return hs
        """;

    [OneTimeSetUp]
    public void NativeLuaLoads()
    {
        var problem = LuaHealthScript.ProbeRuntime();
        Assert.That(problem, Is.Null, "KeraLua's native lua54 must load on linux-x64");
    }

    [Test]
    public void DocumentedChildApplicationLuaGivesChildAppsHealth()
    {
        using var settings = new ArgoCdSettings(new Dictionary<string, string> { ["resource.customizations.health.argoproj.io_Application"] = ChildAppHealth });
        var app = Obj.Make("argoproj.io/v1alpha1", "Application", "child", "argocd", """{"status":{"health":{"status":"Degraded","message":"boom"}}}""");
        var health = new HealthAssessor(settings).Assess(app);
        Assert.That(health, Is.EqualTo(new HealthStatus(HealthStatusCode.Degraded, "boom")));
    }

    [Test]
    public void LuaOverrideBeatsBuiltInCheck()
    {
        using var settings = new ArgoCdSettings(new Dictionary<string, string> { ["resource.customizations.health.apps_Deployment"] = "return {status = \"Suspended\", message = \"custom\"}" });
        var health = new HealthAssessor(settings).Assess(Obj.Make("apps/v1", "Deployment", "d", "ns"));
        Assert.That(health!.Status, Is.EqualTo(HealthStatusCode.Suspended));
    }

    [Test]
    public void CoreKindsUseTheBareKindKey()
    {
        using var settings = new ArgoCdSettings(new Dictionary<string, string> { ["resource.customizations.health.ConfigMap"] = "return {status = \"Degraded\"}" });
        Assert.That(new HealthAssessor(settings).Assess(Obj.Make("v1", "ConfigMap", "c", "ns"))!.Status, Is.EqualTo(HealthStatusCode.Degraded));
    }

    [Test]
    public void InvalidStatusOrRuntimeErrorIsUnknown()
    {
        using var bad = new LuaHealthScript("bad", "return {status = \"Great\"}");
        using var error = new LuaHealthScript("err", "error(\"kaput\")");
        var obj = Obj.Make("v1", "ConfigMap", "c", "ns");
        Assert.Multiple(() =>
        {
            Assert.That(bad.Evaluate(obj).Status, Is.EqualTo(HealthStatusCode.Unknown));
            Assert.That(error.Evaluate(obj).Status, Is.EqualTo(HealthStatusCode.Unknown));
            Assert.That(error.Evaluate(obj).Message, Does.Contain("kaput"));
        });
    }

    [Test]
    public void LegacyResourceCustomizationsBlockWithWildcardApplies()
    {
        using var settings = new ArgoCdSettings(new Dictionary<string, string>
        {
            ["resource.customizations"] = "example.com/*:\n  health.lua: |\n    return {status = \"Healthy\", message = obj.metadata.name}\n",
        });
        var health = new HealthAssessor(settings).Assess(Obj.Make("example.com/v1", "Widget", "w1", "ns"));
        Assert.That(health, Is.EqualTo(new HealthStatus(HealthStatusCode.Healthy, "w1")));
    }

    [Test]
    public void LoopingScriptStopsAtTheDeadlineAsUnknown()
    {
        // Argo CD runs a health script under a one-second context [util/lua/lua.go runLua].
        using var loop = new LuaHealthScript("loop", "while true do end");
        using var sneaky = new LuaHealthScript("sneaky", "while true do pcall(function() while true do end end) end");
        var obj = Obj.Make("v1", "ConfigMap", "c", "ns");
        var health = loop.Evaluate(obj, TimeSpan.FromMilliseconds(50));
        var caught = sneaky.Evaluate(obj, TimeSpan.FromMilliseconds(50));
        Assert.Multiple(() =>
        {
            Assert.That(health.Status, Is.EqualTo(HealthStatusCode.Unknown));
            Assert.That(health.Message, Does.Contain("context deadline exceeded"));
            Assert.That(caught.Status, Is.EqualTo(HealthStatusCode.Unknown));
            Assert.That(caught.Message, Does.Contain("context deadline exceeded"));
        });

        // The same state runs the next evaluation normally: the hook is disarmed after the run.
        using var ok = new LuaHealthScript("ok", "local n = 0 for i = 1, 100000 do n = n + i end return {status = \"Healthy\", message = tostring(n)}");
        Assert.That(ok.Evaluate(obj), Is.EqualTo(new HealthStatus(HealthStatusCode.Healthy, "5000050000")));
        Assert.That(loop.Evaluate(obj, TimeSpan.FromMilliseconds(50)).Message, Does.Contain("context deadline exceeded"));
    }
}
