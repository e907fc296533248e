using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Health.Conformance;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Health;

/// <summary>An Argo CD resource_customizations folder as built-in health, and its health tests as a conformance suite.</summary>
public class ResourceCustomizationsTests
{
    private string root = null!;

    [SetUp]
    public void CreateFolder() => root = Directory.CreateTempSubdirectory("resource-customizations-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(root, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Test]
    public void BuiltInScriptsComeAfterArgoCdCmAndBeforeTheGoChecks()
    {
        Write("apps/Deployment/health.lua", "return {status = \"Suspended\", message = \"from the folder\"}");
        Write("_.example.com/_/health.lua", "return {status = \"Degraded\", message = \"wildcard\"}");
        Write("x.example.com/Exact/health.lua", "return {status = \"Healthy\", message = \"exact\"}");
        using var builtIns = ResourceCustomizationsDirectory.Load(root);
        using var cm = new ArgoCdSettings(new Dictionary<string, string> { ["resource.customizations.health.x.example.com_Exact"] = "return {status = \"Progressing\", message = \"cm\"}" });
        Assert.Multiple(() =>
        {
            Assert.That(new HealthAssessor(ArgoCdSettings.Empty, builtInScripts: builtIns).Assess(Obj.Make("apps/v1", "Deployment", "d", "ns"))!.Message, Is.EqualTo("from the folder"));
            Assert.That(new HealthAssessor(ArgoCdSettings.Empty, builtInScripts: builtIns).Assess(Obj.Make("y.example.com/v1", "Any", "a", "ns"))!.Message, Is.EqualTo("wildcard"));
            Assert.That(new HealthAssessor(ArgoCdSettings.Empty, builtInScripts: builtIns).Assess(Obj.Make("x.example.com/v1", "Exact", "e", "ns"))!.Message, Is.EqualTo("exact"), "an exact folder beats a wildcard one");
            Assert.That(new HealthAssessor(cm, builtInScripts: builtIns).Assess(Obj.Make("x.example.com/v1", "Exact", "e", "ns"))!.Message, Is.EqualTo("cm"), "argocd-cm beats the built-ins");
            Assert.That(new HealthAssessor(ArgoCdSettings.Empty, builtInScripts: builtIns).Assess(Obj.Make("v1", "Service", "s", "ns"))!.Status, Is.EqualTo(HealthStatusCode.Healthy), "kinds the folder does not cover keep the Go checks");
        });
    }

    [Test]
    public void AFolderWithoutScriptsIsRefusedWithWhatToPass()
    {
        var e = Assert.Throws<ArgumentException>(() => ResourceCustomizationsDirectory.Load(root));
        Assert.That(e!.Message, Does.Contain("resource_customizations folder of an argo-cd checkout"));
    }

    [Test]
    public void TheConformanceRunComparesStatusAndMessageAndReadsGoYaml()
    {
        Write("resource_customizations/example.com/Widget/health.lua", "return {status = obj.status.s, message = tostring(obj.status.n)}");
        Write("resource_customizations/example.com/Widget/health_test.yaml", """
            tests:
            - healthStatus: {status: Healthy, message: "3"}
              inputPath: testdata/a.yaml
            - healthStatus: {status: Degraded, message: "x"}
              inputpath: testdata/b.yaml
            """);
        Write("resource_customizations/example.com/Widget/testdata/a.yaml", "apiVersion: example.com/v1\nkind: Widget\nstatus: {s: Degraded}\nstatus: {s: Healthy, n: 3}\n");
        Write("resource_customizations/example.com/Widget/testdata/b.yaml", "apiVersion: example.com/v1\nkind: Widget\nstatus: {s: Degraded, n: 1}\n");
        var results = HealthConformance.Run(root);
        Assert.That(results, Has.Count.EqualTo(1));
        var cases = results[0].Cases;
        Assert.Multiple(() =>
        {
            Assert.That(cases[0].Passed, Is.True, "a duplicate key keeps the last value, as sigs.k8s.io/yaml reads it: " + cases[0]);
            Assert.That(cases[1].Passed, Is.False, "a field name matches case-insensitively (inputpath); the message differs");
            Assert.That(cases[1].ActualMessage, Is.EqualTo("1"));
        });
    }

    /// <summary>Argo CD's own health tests, when PV_ARGOCD_CHECKOUT points at an argo-cd checkout (docs/conformance.md).</summary>
    [Test]
    [Category(PlatformValidation.Tests.TestCategories.ExternalTool)]
    public void EveryUpstreamHealthTestPasses()
    {
        var checkout = Environment.GetEnvironmentVariable("PV_ARGOCD_CHECKOUT");
        if (string.IsNullOrEmpty(checkout))
        {
            Assert.Ignore("PV_ARGOCD_CHECKOUT is not set: point it at an argo-cd checkout to run Argo CD's resource_customizations health tests");
        }

        var results = HealthConformance.Run(checkout);
        var failures = results.SelectMany(r => r.Cases.Where(c => !c.Passed).Select(c => $"{r.Kind} {c.Input}: expected {c.ExpectedStatus} '{c.ExpectedMessage}', got {c.ActualStatus} '{c.ActualMessage}'"))
            .Concat(results.Where(r => r.Error is not null).Select(r => $"{r.Kind}: {r.Error}")).ToList();
        Assert.That(results.Sum(r => r.Cases.Count), Is.GreaterThan(0));
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }
}
