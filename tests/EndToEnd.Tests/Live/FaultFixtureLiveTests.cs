using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// Every fault fixture of the foundation issue (tests/Validators.Tests/Fixtures) that has a live symptom makes the
/// matching live check fail on sim, with a message naming the app and the cause. Each case runs only the suite, the
/// profile and the app its fault needs. The expected app and cause words come from the fixture's own change (see the
/// comment of each case), not from the harness's output. The fixtures without a live symptom, and why, are listed in
/// tests/Validators.Tests/Fixtures/README.md.
/// </summary>
[Category(TestCategories.Slow)]
[Parallelizable(ParallelScope.All)]
[Order(2)]
[CancelAfter(300_000)]
public sealed class FaultFixtureLiveTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        // The two wide-profile cases (they wait longest) first, so that the cases running side by side end together.
        // The chat-db group is disabled, but open-webui (group chat) reads chat-db's database Secret.
        yield return Case("disabled-group-needed", ProfileMatrix("full"), LiveChecks.AppsHealthy, "open-webui", "chat-db");

        // The real route of the routing layer hangs off demo-gateway, which only the demo layer creates.
        yield return Case("demo-coupling", ProfileMatrix("llm-gateway"), LiveChecks.AppsHealthy, "inference-routing-real", "demo-gateway");

        // The AppProject's cluster whitelist was tightened by hand and forgot kueue's ClusterQueue.
        yield return Case("project-gap", ProfileMatrix("platform"), LiveChecks.AppsHealthy, "kueue-config", "ClusterQueue", "project");

        // KServe's own Gateway uses the agentgateway class, which only the routing layer installs.
        yield return Case("higher-layer-dependency", ProfileMatrix("serving"), LiveChecks.AppsHealthy, "kserve", "kserve-ingress-gateway", "agentgateway");

        // coder-chat, an ordinary auto-sync app, asks for one nvidia.com/gpu.
        yield return Case("gpu-auto-sync", ProfileMatrix("serving"), LiveChecks.GpuAtRest, "coder-chat", "nvidia.com/gpu");

        // The raw-vllm cost gate got an automated sync policy.
        yield return Case("manual-app-automated", CostGates("serving", "raw-vllm"), LiveChecks.GateClosed, "raw-vllm", "automated");

        // raw-vllm lost its ignoreDifferences on /spec/replicas, so scaling it up is drift.
        yield return Case("scaled-without-ignore", CostGates("serving", "raw-vllm"), LiveChecks.RefreshKeepsReplicas, "raw-vllm", "replicas", "ignoreDifferences");

        // The platform profile applies a trimmed root-platform (same name) whose include list leaves out keda and kueue.
        yield return Case("narrowing-unsafe-shared-root", Narrowing("serving", "platform", "serving"), LiveChecks.NoPrune, "root-platform", "keda", "kueue");

        // The llm-gateway root also creates the observability app that the platform root creates. Both roots list it as
        // soon as they have reconciled once, so the profile need not converge (its owners flip between Synced and not).
        yield return Case("child-claimed-twice", ProfileMatrix("llm-gateway") with { Timeouts = new Dictionary<string, TimeSpan> { ["healthy"] = TestTimeouts.Scale(TimeSpan.FromSeconds(8)) } }, LiveChecks.OneOwner, "observability", "root-platform", "root-llm-gateway");

        // kueue lost the resources finalizer, so deleting the platform root (the documented teardown) orphans its workloads.
        yield return Case("child-without-finalizer", Narrowing("platform", "platform", "platform"), LiveChecks.Teardown, "kueue", "finalizer");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task FaultFailsTheMatchingLiveCheckNamingTheAppAndTheCause(string fixture, SuiteDefinition suite, string check, string app, string[] cause, CancellationToken cancellationToken)
    {
        using var workspace = FixtureWorkspace.Create(fixture);
        var scenario = FastTimeouts(LiveScenarioFactory.Load(workspace.ScenarioFile), suite);
        await using var system = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim) { Suites = [suite] });

        var report = await system.RunAsync((a, token) => a.Resource<ScenarioRunnerResource>("runner").RunAsync(token), cancellationToken);

        var failed = report.Checks.Where(c => c.Outcome == CheckOutcome.Failed).ToList();
        var described = string.Join("\n", failed.Select(c => $"  {c.Suite}/{c.Check} [{c.Profile}] app={c.App}: {c.Message}"));
        Assert.That(report.Outcome, Is.EqualTo(RunOutcome.Failed), $"fixture {fixture} should fail suite {suite.Name}; failed checks:\n{described}");
        Assert.That(
            failed.Any(c => c.Check == check && c.App == app && c.Message.Contains(app, StringComparison.Ordinal) && cause.All(w => c.Message.Contains(w, StringComparison.Ordinal))),
            Is.True,
            $"no failed {check} check for app {app} naming the cause ({string.Join(", ", cause)}); failed checks:\n{described}");
    }

    private static TestCaseData Case(string fixture, SuiteDefinition suite, string check, string app, params string[] cause) =>
        new TestCaseData(fixture, suite, check, app, cause).SetName($"{fixture} fails {suite.Kind}/{check} for app {app}");

    private static SuiteDefinition ProfileMatrix(string profile) => new("profile-matrix", SuiteKinds.ProfileMatrix) { Profiles = [profile] };

    private static SuiteDefinition CostGates(string profile, string app) => new("cost-gates", SuiteKinds.CostGates) { Profile = profile, Apps = [app] };

    private static SuiteDefinition Narrowing(string from, string to, string teardown) => new("narrowing", SuiteKinds.Narrowing) { Profile = from, NarrowTo = to, Teardown = teardown };

    /// <summary>
    /// Timeouts for a faulty repo: a clean narrow profile is healthy on sim within a few seconds (the wide ones, with
    /// three to six layers, take longer), so the waits that must run out (the faulty app never gets healthy) are
    /// short. Scaled by PV_TEST_TIMEOUT_MULTIPLIER.
    /// </summary>
    private static LiveScenario FastTimeouts(LiveScenario s, SuiteDefinition suite) => s with
    {
        Timeouts = s.Timeouts with
        {
            Apply = TestTimeouts.Scale(TimeSpan.FromSeconds(20)),
            Healthy = TestTimeouts.Scale(TimeSpan.FromSeconds(suite.Profiles.Any(p => p is "llm-gateway" or "full") ? 25 : 12)),
            Sync = TestTimeouts.Scale(TimeSpan.FromSeconds(15)),
            Scale = TestTimeouts.Scale(TimeSpan.FromSeconds(15)),
            Teardown = TestTimeouts.Scale(TimeSpan.FromSeconds(8)),
            Smoke = TestTimeouts.Scale(TimeSpan.FromSeconds(2)),
            Probe = TestTimeouts.Scale(TimeSpan.FromSeconds(2)),
            Settle = TimeSpan.FromSeconds(2),
            PollInterval = TimeSpan.FromMilliseconds(250),
        },
    };
}
