using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Analyzers;

/// <summary>
/// One variant of the sample per defect class (tests/Validators.Tests/Fixtures): each is detected with the right ID
/// at the right file:line, which the test finds itself by searching the fixture file for the offending field.
/// </summary>
[Category(TestCategories.ExternalTool)]
[Parallelizable(ParallelScope.All)]
public class FaultFixtureTests
{
    /// <summary>Fixture, expected ID, repo-relative file, text on the expected line (the Nth occurrence when given).</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("crd-provider-missing", FindingIds.Dep001, "serving/kserve/controller.yaml", "  ingress: |");
        yield return Case("higher-layer-dependency", FindingIds.Dep002, "serving/kserve/ingress-gateway.yaml", "gatewayClassName: agentgateway");
        yield return Case("demo-coupling", FindingIds.Dep003, "routing/inference-routing-real/httproute.yaml", "name: demo-gateway");
        yield return Case("gpu-auto-sync", FindingIds.Gate001, "serving/coder-chat/deployment.yaml", "nvidia.com/gpu: 1");
        yield return Case("manual-app-automated", FindingIds.Gate002, "clusters/ai-dev/apps/serving/raw-vllm.yaml", "automated:");
        yield return Case("scaled-without-ignore", FindingIds.Gate003, "clusters/ai-dev/apps/serving/raw-vllm.yaml", "spec:");
        yield return Case("narrowing-unsafe-shared-root", FindingIds.Narrow002, "clusters/ai-dev/roots/platform-min.yaml", "apiVersion:");
        yield return Case("child-claimed-twice", FindingIds.Narrow003, "clusters/ai-dev/apps/llm-gateway/observability.yaml", "apiVersion:");
        yield return Case("child-without-finalizer", FindingIds.Narrow004, "clusters/ai-dev/apps/platform/kueue.yaml", "metadata:");
        yield return Case("wave-misorder", FindingIds.Wave001, "clusters/ai-dev/apps/platform/external-secrets-config.yaml", "argocd.argoproj.io/sync-wave");
        yield return Case("project-gap", FindingIds.Proj004, "platform/kueue-config/gpu-pool.yaml", "kind: ClusterQueue");
        yield return Case("repo-url-mismatch", FindingIds.Repo001, "clusters/ai-dev/apps/platform/keda.yaml", "repoURL:");
        yield return Case("plaintext-secret", FindingIds.Sec001, "platform/observability/grafana-admin.yaml", "stringData:");
        yield return Case("cr-wrong-type", FindingIds.Schema001, "workloads/inference-pool/inferencepool.yaml", "number: \"8000\"");
        yield return Case("disabled-group-needed", FindingIds.Group001, "clusters/ai-dev/catalog/experience/groups.generated.yaml", "enabled: false");
    }

    private static TestCaseData Case(string fixture, string id, string file, string needle) =>
        new TestCaseData(fixture, id, file, needle).SetName($"{fixture} is reported as {id}");

    [TestCaseSource(nameof(Cases))]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task FaultIsReportedWithItsIdAtTheOffendingLine(string fixture, string id, string file, string needle, CancellationToken cancellationToken)
    {
        using var workspace = FixtureWorkspace.Create(fixture);
        var expectedLine = TextLines.InFile(workspace.RepoFile(file), needle);

        var report = await new StaticValidator().ValidateAsync(ScenarioParser.Load(workspace.ScenarioFile), cancellationToken);

        var matching = report.Findings.Where(f => f.Id == id).ToList();
        Assert.That(matching, Is.Not.Empty, $"no {id} finding; got:\n{Describe(report)}");
        Assert.That(matching.Any(f => f.Location?.File == file && f.Location.Line == expectedLine),
            $"{id} expected at {file}:{expectedLine}; got:\n{Describe(report)}");
        Assert.That(report.HasErrors || FindingCatalog.Find(id)!.Severity != Severity.Error, Is.True);
        foreach (var finding in matching)
        {
            Assert.That(finding.Message, Is.Not.Empty);
            Assert.That(finding.FixHint, Is.Not.Empty);
        }
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task CleanSampleHasNoErrorFinding(CancellationToken cancellationToken)
    {
        var report = await new StaticValidator().ValidateAsync(ScenarioParser.Load(RepoPaths.SampleScenario), cancellationToken);

        Assert.That(report.Findings.Where(f => f.Severity == Severity.Error), Is.Empty, Describe(report));
        Assert.That(report.Profiles.Select(p => p.Name), Is.EqualTo(new[] { "platform", "serving", "llm-gateway", "full" }));
        Assert.That(report.Profiles.Select(p => p.Apps), Is.Ordered.Ascending, "profiles nest, so each reaches at least the apps of the one before");
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task SecretValuesNeverAppearInFindings(CancellationToken cancellationToken)
    {
        using var workspace = FixtureWorkspace.Create("plaintext-secret");

        var report = await new StaticValidator().ValidateAsync(ScenarioParser.Load(workspace.ScenarioFile), cancellationToken);

        Assert.That(Describe(report), Does.Not.Contain("not-a-real-password"));
    }

    private static string Describe(ValidationReport report) =>
        string.Join("\n", report.Findings.Select(f => $"  {f.Severity} {f.Id} {f.Location} [{f.Profile}] {f.Message}"));
}
