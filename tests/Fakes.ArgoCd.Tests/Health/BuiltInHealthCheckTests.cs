using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Health;

/// <summary>ARGOCD-SEMANTICS §3.2: built-in checks, quirks included [ge/health/*.go].</summary>
public class BuiltInHealthCheckTests
{
    private static readonly HealthAssessor Assessor = new(ArgoCdSettings.Empty);

    private static HealthStatusCode? Assess(string apiVersion, string kind, string body) =>
        Assessor.Assess(Obj.Make(apiVersion, kind, "x", "ns", body))?.Status;

    [Test]
    public void PausedDeploymentIsSuspended() =>
        Assert.That(Assess("apps/v1", "Deployment", """{"spec":{"paused":true}}"""), Is.EqualTo(HealthStatusCode.Suspended));

    [Test]
    public void DeploymentWithUnobservedGenerationIsProgressing() =>
        Assert.That(Assess("apps/v1", "Deployment", """{"metadata":{"generation":2},"spec":{"replicas":1},"status":{"observedGeneration":1,"updatedReplicas":1,"replicas":1,"availableReplicas":1}}"""), Is.EqualTo(HealthStatusCode.Progressing));

    [Test]
    public void DeploymentPastProgressDeadlineIsDegraded() =>
        Assert.That(Assess("apps/v1", "Deployment", """{"spec":{"replicas":1},"status":{"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]}}"""), Is.EqualTo(HealthStatusCode.Degraded));

    [Test]
    public void DeploymentWithAllReplicasAvailableIsHealthy() =>
        Assert.That(Assess("apps/v1", "Deployment", """{"metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"updatedReplicas":2,"replicas":2,"availableReplicas":2}}"""), Is.EqualTo(HealthStatusCode.Healthy));

    [Test]
    public void DeploymentScaledToZeroIsHealthy() =>
        Assert.That(Assess("apps/v1", "Deployment", """{"metadata":{"generation":1},"spec":{"replicas":0},"status":{"observedGeneration":1}}"""), Is.EqualTo(HealthStatusCode.Healthy));

    [Test]
    public void DeploymentOfAnotherApiVersionIsUnknown() =>
        Assert.That(Assess("apps/v1beta2", "Deployment", "{}"), Is.EqualTo(HealthStatusCode.Unknown));

    [Test]
    public void IngressWithoutLoadBalancerAddressStaysProgressing() =>
        Assert.That(Assess("networking.k8s.io/v1", "Ingress", "{}"), Is.EqualTo(HealthStatusCode.Progressing));

    [Test]
    public void LoadBalancerServiceWithoutIngressIsProgressingButClusterIpIsHealthy()
    {
        Assert.That(Assess("v1", "Service", """{"spec":{"type":"LoadBalancer"}}"""), Is.EqualTo(HealthStatusCode.Progressing));
        Assert.That(Assess("v1", "Service", """{"spec":{"type":"ClusterIP"}}"""), Is.EqualTo(HealthStatusCode.Healthy));
    }

    [Test]
    public void PvcWithoutPhaseIsUnknown() =>
        Assert.That(Assess("v1", "PersistentVolumeClaim", "{}"), Is.EqualTo(HealthStatusCode.Unknown));

    [Test]
    public void JobQuirkSuspendedFalseConditionIsHealthy() =>
        Assert.That(Assess("batch/v1", "Job", """{"status":{"conditions":[{"type":"Suspended","status":"False"}]}}"""), Is.EqualTo(HealthStatusCode.Healthy));

    [Test]
    public void JobWithoutConditionsIsProgressingAndFailedTypeIsDegradedWhateverItsStatus()
    {
        Assert.That(Assess("batch/v1", "Job", "{}"), Is.EqualTo(HealthStatusCode.Progressing));
        Assert.That(Assess("batch/v1", "Job", """{"status":{"conditions":[{"type":"Failed","status":"False"}]}}"""), Is.EqualTo(HealthStatusCode.Degraded));
    }

    [Test]
    public void RunningPodWithRestartPolicyNeverIsProgressing() =>
        Assert.That(Assess("v1", "Pod", """{"spec":{"restartPolicy":"Never"},"status":{"phase":"Running"}}"""), Is.EqualTo(HealthStatusCode.Progressing));

    [Test]
    public void PodInCrashLoopBackOffIsDegraded() =>
        Assert.That(Assess("v1", "Pod", """{"status":{"phase":"Running","containerStatuses":[{"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}"""), Is.EqualTo(HealthStatusCode.Degraded));

    [Test]
    public void CrdNeedsEstablishedCondition()
    {
        Assert.That(Assess("apiextensions.k8s.io/v1", "CustomResourceDefinition", "{}"), Is.EqualTo(HealthStatusCode.Progressing));
        Assert.That(Assess("apiextensions.k8s.io/v1", "CustomResourceDefinition", """{"status":{"conditions":[{"type":"Established","status":"True"}]}}"""), Is.EqualTo(HealthStatusCode.Healthy));
    }

    [Test]
    public void PdbWithoutConditionsIsProgressing() =>
        Assert.That(Assess("policy/v1", "PodDisruptionBudget", "{}"), Is.EqualTo(HealthStatusCode.Progressing));

    [Test]
    public void SuspendedCronJobIsHealthyNotSuspended() =>
        Assert.That(Assess("batch/v1", "CronJob", """{"spec":{"suspend":true}}"""), Is.EqualTo(HealthStatusCode.Healthy));

    [Test]
    public void ConfigMapAndChildApplicationHaveNoHealth()
    {
        Assert.That(Assess("v1", "ConfigMap", "{}"), Is.Null);
        Assert.That(Assess("argoproj.io/v1alpha1", "Application", """{"status":{"health":{"status":"Degraded"}}}"""), Is.Null);
    }

    [Test]
    public void ObjectPendingDeletionIsProgressing() =>
        Assert.That(Assessor.Assess(Obj.Make("v1", "ConfigMap", "x", "ns", """{"metadata":{"deletionTimestamp":"2026-01-01T00:00:00Z"}}"""))!.Message, Is.EqualTo("Pending deletion"));

    [Test]
    public void StatefulSetWaitsForReadyReplicas() =>
        Assert.That(Assess("apps/v1", "StatefulSet", """{"metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"readyReplicas":1}}"""), Is.EqualTo(HealthStatusCode.Progressing));
}
