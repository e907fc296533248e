using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Diff;

/// <summary>A parsed <c>argocd.argoproj.io/tracking-id</c>: <c>&lt;app&gt;:&lt;group&gt;/&lt;kind&gt;:&lt;namespace&gt;/&lt;name&gt;</c>.</summary>
public sealed record TrackingId(string AppInstance, string Group, string Kind, string Namespace, string Name)
{
    public static TrackingId? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var parts = value.Split(':');
        if (parts.Length != 3)
        {
            return null;
        }

        var gk = parts[1].Split('/');
        var nn = parts[2].Split('/');
        if (gk.Length != 2 || nn.Length != 2)
        {
            return null;
        }

        return new TrackingId(parts[0], gk[0], gk[1], nn[0], nn[1]);
    }

    public override string ToString() => $"{AppInstance}:{Group}/{Kind}:{Namespace}/{Name}";
}

/// <summary>
/// Argo CD resource tracking [ug/resource_tracking; util/argo/resource_tracking.go; ARGOCD-SEMANTICS §1.6]:
/// annotation by default (3.x), optionally annotation+label or label. Cluster-scoped objects carry the app's
/// destination namespace in the id; a copied (non-self-referencing) id makes the object unmanaged.
/// </summary>
public sealed class ResourceTracking(TrackingMethod method, string instanceLabelKey, string controlPlaneNamespace)
{
    public TrackingMethod Method => method;

    /// <summary><c>&lt;appNamespace&gt;_&lt;appName&gt;</c> outside the control-plane namespace [types.go InstanceName].</summary>
    public string InstanceName(string appName, string? appNamespace) =>
        string.IsNullOrEmpty(appNamespace) || appNamespace == controlPlaneNamespace ? appName : $"{appNamespace}_{appName}";

    /// <summary>Stamps the tracking metadata on a desired object (before diff and apply).</summary>
    public void SetTracking(JsonObject target, string instance, string destinationNamespace, bool namespaced)
    {
        ArgumentNullException.ThrowIfNull(target);
        var key = ResourceKey.Of(target);
        if (method != TrackingMethod.Label)
        {
            var ns = namespaced ? key.Namespace : destinationNamespace;
            Json.SetAnnotation(target, ArgoAnnotations.TrackingId, new TrackingId(instance, key.Group, key.Kind, ns, key.Name).ToString());
        }

        if (method != TrackingMethod.Annotation)
        {
            var value = method == TrackingMethod.AnnotationAndLabel && instance.Length > 63 ? instance[..63] : instance;
            Json.Ensure(target, "metadata.labels")[instanceLabelKey] = value;
        }
    }

    /// <summary>The app instance a live object is tracked by, or null (untracked or copied annotation).</summary>
    public string? OwnerOf(JsonObject live, string destinationNamespaceOfOwner = "")
    {
        ArgumentNullException.ThrowIfNull(live);
        if (method == TrackingMethod.Label)
        {
            return Json.GetLabel(live, instanceLabelKey);
        }

        var id = TrackingId.Parse(Json.GetAnnotation(live, ArgoAnnotations.TrackingId));
        if (id is null)
        {
            return null;
        }

        return IsSelfReferencing(live, id) ? id.AppInstance : null;
    }

    /// <summary>The tracking id names this very object [controller/state.go isSelfReferencedObj].</summary>
    public static bool IsSelfReferencing(JsonObject live, TrackingId id)
    {
        var key = ResourceKey.Of(live);
        if (id.Group != key.Group || id.Kind != key.Kind || id.Name != key.Name)
        {
            return false;
        }

        // Cluster-scoped objects carry the app's destination namespace (or empty) in the id.
        return key.Namespace.Length == 0 || id.Namespace == key.Namespace;
    }
}
