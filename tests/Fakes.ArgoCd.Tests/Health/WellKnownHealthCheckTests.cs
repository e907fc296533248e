using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Health;

/// <summary>Well-known CRDs, following Argo CD's bundled resource_customizations health.lua semantics.</summary>
public class WellKnownHealthCheckTests
{
    private static HealthStatusCode? Assess(string apiVersion, string kind, string body, bool unbundled = false) =>
        new HealthAssessor(ArgoCdSettings.Empty, unbundled).Assess(Obj.Make(apiVersion, kind, "x", "ns", body))?.Status;

    [Test]
    public void GatewayIsProgressingUntilProgrammed()
    {
        Assert.That(Assess("gateway.networking.k8s.io/v1", "Gateway", "{}"), Is.EqualTo(HealthStatusCode.Progressing));
        Assert.That(Assess("gateway.networking.k8s.io/v1", "Gateway", """{"status":{"conditions":[{"type":"Accepted","status":"True"},{"type":"Programmed","status":"True"}]}}"""), Is.EqualTo(HealthStatusCode.Healthy));
        Assert.That(Assess("gateway.networking.k8s.io/v1", "Gateway", """{"status":{"conditions":[{"type":"Accepted","status":"False","message":"no class"}]}}"""), Is.EqualTo(HealthStatusCode.Degraded));
    }

    [Test]
    public void HttpRouteIsHealthyOnceAParentAcceptsIt() =>
        Assert.That(Assess("gateway.networking.k8s.io/v1", "HTTPRoute", """{"status":{"parents":[{"parentRef":{"name":"gw"},"conditions":[{"type":"Accepted","status":"True"},{"type":"ResolvedRefs","status":"True"}]}]}}"""), Is.EqualTo(HealthStatusCode.Healthy));

    [Test]
    public void CertificateAndExternalSecretFollowTheirReadyCondition()
    {
        Assert.That(Assess("cert-manager.io/v1", "Certificate", "{}"), Is.EqualTo(HealthStatusCode.Progressing));
        Assert.That(Assess("cert-manager.io/v1", "Certificate", """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"""), Is.EqualTo(HealthStatusCode.Healthy));
        Assert.That(Assess("external-secrets.io/v1", "ExternalSecret", """{"status":{"conditions":[{"type":"Ready","status":"False"}]}}"""), Is.EqualTo(HealthStatusCode.Degraded));
    }

    [Test]
    public void CnpgClusterIsHealthyOnlyInTheHealthyPhase()
    {
        Assert.That(Assess("postgresql.cnpg.io/v1", "Cluster", """{"status":{"conditions":[],"phase":"Cluster in healthy state"}}"""), Is.EqualTo(HealthStatusCode.Healthy));
        Assert.That(Assess("postgresql.cnpg.io/v1", "Cluster", """{"status":{"phase":"Setting up primary"}}"""), Is.EqualTo(HealthStatusCode.Progressing));
    }

    [Test]
    public void InferenceServiceStoppedIsSuspended() =>
        Assert.That(Assess("serving.kserve.io/v1beta1", "InferenceService", """{"status":{"conditions":[{"type":"Stopped","status":"True"}]}}"""), Is.EqualTo(HealthStatusCode.Suspended));

    [Test]
    public void KueueQueuesHaveNoHealthInArgoCdUnlessUnbundledChecksAreEnabled()
    {
        const string active = """{"status":{"conditions":[{"type":"Active","status":"False"}]}}""";
        Assert.That(Assess("kueue.x-k8s.io/v1beta1", "ClusterQueue", active), Is.Null);
        Assert.That(Assess("kueue.x-k8s.io/v1beta1", "ClusterQueue", active, unbundled: true), Is.EqualTo(HealthStatusCode.Degraded));
    }
}
