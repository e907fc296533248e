using PlatformValidation.Fakes.ArgoCd.Tests.Support;
using static PlatformValidation.Fakes.ArgoCd.Tests.Support.Apps;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Controllers;

/// <summary>Bad input surfaces as Argo-like conditions; the controller never crashes or spins [ARGOCD-SEMANTICS §2.1, §8.3, §8.4].</summary>
public class BadInputTests : HarnessTest
{
    protected override void Seed(GitRepo repo)
    {
        repo.Write("good/cm.yaml", ConfigMap("shared-config"));
        repo.Write("broken/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
        repo.Write("cluster-scoped/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: forbidden-ns\n");
        repo.Write("root/self.yaml", App("self", "root", project: "default", ns: "argocd"));
        repo.Write("root/cm.yaml", ConfigMap("root-config"));
    }

    [Test]
    public async Task UnknownProjectIsAnInvalidSpecErrorWithUnknownSyncAndHealth()
    {
        await H.ApplyAppAsync(App("orphan", "good", project: "nope"));
        var app = await H.WaitForAppAsync("orphan", a => Condition(a, "InvalidSpecError") is not null, "InvalidSpecError");
        Assert.Multiple(() =>
        {
            Assert.That(Condition(app, "InvalidSpecError"), Is.EqualTo("Application referencing project nope which does not exist"));
            Assert.That(SyncOf(app), Is.EqualTo("Unknown"));
            Assert.That(HealthOf(app), Is.EqualTo("Unknown"));
        });
    }

    [Test]
    public async Task DestinationWithBothNameAndServerIsInvalid()
    {
        await H.ApplyAppAsync(App("both", "good", destination: "{\"server\":\"https://kubernetes.default.svc\",\"name\":\"in-cluster\",\"namespace\":\"demo\"}"));
        var app = await H.WaitForAppAsync("both", a => Condition(a, "InvalidSpecError") is not null, "InvalidSpecError");
        Assert.That(Condition(app, "InvalidSpecError"), Is.EqualTo("application destination can't have both name and server defined: in-cluster https://kubernetes.default.svc"));
    }

    [Test]
    public async Task MissingPathIsAComparisonError()
    {
        await H.ApplyAppAsync(App("nopath", "does/not/exist"));
        var app = await H.WaitForAppAsync("nopath", a => Condition(a, "ComparisonError") is not null, "ComparisonError");
        Assert.Multiple(() =>
        {
            Assert.That(Condition(app, "ComparisonError"), Does.StartWith("Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = does/not/exist: app path does not exist"));
            Assert.That(SyncOf(app), Is.EqualTo("Unknown"));
        });
    }

    [Test]
    public async Task UnparsableManifestIsAComparisonErrorNamingTheFile()
    {
        await H.ApplyAppAsync(App("broken", "broken"));
        var app = await H.WaitForAppAsync("broken", a => Condition(a, "ComparisonError") is not null, "ComparisonError");
        Assert.That(Condition(app, "ComparisonError"), Does.Contain("bad.yaml"));
    }

    [Test]
    public async Task TwoAppsClaimingOneResourceRaiseSharedResourceWarning()
    {
        await H.ApplyAppAsync(App("first", "good"));
        await H.WaitForAppAsync("first", ArgoCdHarness.SyncedHealthy, "first synced");
        await H.ApplyAppAsync(App("second", "good", syncPolicy: Manual));
        var app = await H.WaitForAppAsync("second", a => Condition(a, "SharedResourceWarning") is not null, "SharedResourceWarning");
        Assert.That(Condition(app, "SharedResourceWarning"), Is.EqualTo("ConfigMap/shared-config is part of applications second and first"));
    }

    [Test]
    public async Task ClusterScopedKindOutsideTheProjectWhitelistFailsTheSync()
    {
        await H.ApplyAppAsync("""{"apiVersion":"argoproj.io/v1alpha1","kind":"AppProject","metadata":{"name":"narrow","namespace":"argocd"},"spec":{"sourceRepos":["*"],"destinations":[{"server":"*","namespace":"*"}]}}""");
        await H.ApplyAppAsync(App("cluster-scoped", "cluster-scoped", project: "narrow", syncPolicy: "{}"));
        await H.WaitForAppAsync("cluster-scoped", a => SyncOf(a) == "OutOfSync", "compared");
        await H.Client.SyncAppAsync("cluster-scoped");
        var app = await H.WaitForAppAsync("cluster-scoped", a => OpPhase(a) == "Failed", "sync fails");
        Assert.Multiple(() =>
        {
            Assert.That(OpMessage(app), Is.EqualTo("one or more synchronization tasks are not valid: resource :Namespace is not permitted in project narrow"));
            Assert.That(Str(Resource(app, "Namespace", "forbidden-ns"), "status"), Is.EqualTo("Unknown"));
        });
    }

    [Test]
    public async Task SelfReferencingAppOfAppsConvergesAndThenStaysQuiet()
    {
        await H.ApplyAppAsync(App("self", "root", ns: "argocd"));
        await H.WaitForAppAsync("self", ArgoCdHarness.SyncedHealthy, "Synced+Healthy");
        await H.Argo.WaitForQuiescenceAsync(TimeSpan.FromMilliseconds(500), PlatformValidation.Tests.TestTimeouts.Medium);
        var before = H.Argo.ApiRequestCount;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = H.Argo.ApiRequestCount - before;
        Assert.That(idle, Is.LessThanOrEqualTo(10), "an idle controller sends (almost) no API requests: no hot loop");
    }

    [Test]
    public async Task InvalidSpecOperationEndsInError()
    {
        await H.ApplyAppAsync(App("invalid-op", "good", project: "nope", syncPolicy: "{}"));
        await H.WaitForAppAsync("invalid-op", a => Condition(a, "InvalidSpecError") is not null, "InvalidSpecError");
        await H.Client.SyncAppAsync("invalid-op");
        var app = await H.WaitForAppAsync("invalid-op", a => OpPhase(a) == "Error", "operation Error");
        Assert.That(OpMessage(app), Is.EqualTo("InvalidSpecError: Application referencing project nope which does not exist"));
    }
}
