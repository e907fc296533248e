using PlatformValidation.Fakes.ArgoCd.Diff;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Diff;

/// <summary>ARGOCD-SEMANTICS §1.6 [ug/resource_tracking].</summary>
public class ResourceTrackingTests
{
    private readonly ResourceTracking tracking = new(TrackingMethod.Annotation, ArgoAnnotations.InstanceLabel, "argocd");

    [Test]
    public void AnnotationTrackingIdHasAppGroupKindNamespaceName()
    {
        var cm = Obj.Make("v1", "ConfigMap", "cm", "ns");
        tracking.SetTracking(cm, "app", "ns", namespaced: true);
        Assert.That(Json.GetAnnotation(cm, ArgoAnnotations.TrackingId), Is.EqualTo("app:/ConfigMap:ns/cm"));
    }

    [Test]
    public void ClusterScopedObjectsCarryTheDestinationNamespace()
    {
        var role = Obj.Make("rbac.authorization.k8s.io/v1", "ClusterRole", "r");
        tracking.SetTracking(role, "app", "dest", namespaced: false);
        Assert.Multiple(() =>
        {
            Assert.That(Json.GetAnnotation(role, ArgoAnnotations.TrackingId), Is.EqualTo("app:rbac.authorization.k8s.io/ClusterRole:dest/r"));
            Assert.That(tracking.OwnerOf(role), Is.EqualTo("app"));
        });
    }

    [Test]
    public void CopiedTrackingAnnotationDoesNotMakeTheObjectManaged()
    {
        var copy = Obj.Make("v1", "ConfigMap", "copy", "ns", """{"metadata":{"annotations":{"argocd.argoproj.io/tracking-id":"app:/ConfigMap:ns/original"}}}""");
        Assert.That(tracking.OwnerOf(copy), Is.Null);
    }

    [Test]
    public void AppsOutsideTheControlPlaneNamespaceArePrefixed() =>
        Assert.That(tracking.InstanceName("web", "team-a"), Is.EqualTo("team-a_web"));
}
