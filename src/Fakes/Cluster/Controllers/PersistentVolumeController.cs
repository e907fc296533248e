using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// The local-path provisioner and PV binder: a claim of a known StorageClass gets a PersistentVolume pvc-&lt;uid&gt;
/// and becomes Bound — at once for Immediate classes, once a scheduled pod uses it for WaitForFirstConsumer
/// (local-path); a claim of an unknown class stays Pending with a ProvisioningFailed event.
/// </summary>
public sealed class PersistentVolumeController : Controller
{
    private static readonly GroupResource Pvcs = new(string.Empty, "persistentvolumeclaims");
    private static readonly GroupResource Pods = new(string.Empty, "pods");
    private static readonly GroupResource Classes = new("storage.k8s.io", "storageclasses");

    public PersistentVolumeController(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "persistentvolume-binder";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [Pvcs, Pods, Classes];

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e)
    {
        if (e.Resource == Pvcs)
        {
            return e.Type == WatchEventType.Deleted
                ? [new ControllerKey(new GroupResource(string.Empty, "persistentvolumes"), null, "pvc-" + e.Object.Uid())]
                : [new ControllerKey(Pvcs, e.Object.Namespace(), e.Object.Name())];
        }

        if (e.Resource == Pods)
        {
            return e.Object.Arr("spec", "volumes")?.OfType<JsonObject>().Select(v => v.Str("persistentVolumeClaim", "claimName")).Where(n => n is not null)
                .Select(n => new ControllerKey(Pvcs, e.Object.Namespace(), n!)).ToList() ?? [];
        }

        return Store.ListRaw(Pvcs).Where(p => p.Str("status", "phase") == "Pending").Select(p => new ControllerKey(Pvcs, p.Namespace(), p.Name())).ToList();
    }

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        if (key.Resource.Resource == "persistentvolumes")
        {
            // The claim is gone: the Delete reclaim policy removes its volume.
            var volume = Store.TryGet(Core.Core("persistentvolumes"), null, key.Name);
            if (volume is not null && volume.Str("spec", "persistentVolumeReclaimPolicy") != "Retain")
            {
                Store.Delete(Core.Core("persistentvolumes"), null, key.Name, new DeleteOptions());
            }

            return Task.CompletedTask;
        }

        var type = Core.Core("persistentvolumeclaims");
        var pvc = Store.TryGet(type, key.Namespace, key.Name);
        if (pvc is null || pvc.Str("status", "phase") == "Bound" || PodHelpers.IsDeleting(pvc))
        {
            return Task.CompletedTask;
        }

        var className = pvc.Str("spec", "storageClassName");
        var sc = className is null ? null : Core.Objects.Get(Classes, null, className);
        if (sc is null)
        {
            Core.Events.Warning(pvc, "ProvisioningFailed", $"storageclass.storage.k8s.io \"{className}\" not found", Name);
            return Task.CompletedTask;
        }

        if (sc.Str("volumeBindingMode") == "WaitForFirstConsumer")
        {
            var consumer = Store.ListRaw(Pods, key.Namespace).FirstOrDefault(p => !string.IsNullOrEmpty(p.Str("spec", "nodeName")) &&
                p.Arr("spec", "volumes")?.OfType<JsonObject>().Any(v => v.Str("persistentVolumeClaim", "claimName") == key.Name) == true);
            if (consumer is null)
            {
                Core.Events.Normal(pvc, "WaitForFirstConsumer", "waiting for first consumer to be created before binding", Name);
                return Task.CompletedTask;
            }
        }

        var pvName = "pvc-" + pvc.Uid();
        var storage = pvc.Str("spec", "resources", "requests", "storage") ?? "1Gi";
        var modes = pvc.Arr("spec", "accessModes")?.DeepClone() ?? new JsonArray("ReadWriteOnce");
        var pvType = Core.Core("persistentvolumes");
        Core.CreateIfAbsent(pvType, null, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolume",
            ["metadata"] = new JsonObject
            {
                ["name"] = pvName,
                ["annotations"] = new JsonObject { ["pv.kubernetes.io/provisioned-by"] = sc.Str("provisioner") },
            },
            ["spec"] = new JsonObject
            {
                ["capacity"] = new JsonObject { ["storage"] = storage },
                ["accessModes"] = modes.DeepClone(),
                ["persistentVolumeReclaimPolicy"] = sc.Str("reclaimPolicy") ?? "Delete",
                ["storageClassName"] = className,
                ["volumeMode"] = pvc.Str("spec", "volumeMode") ?? "Filesystem",
                ["hostPath"] = new JsonObject { ["path"] = $"/var/lib/rancher/k3s/storage/{pvName}_{key.Namespace}_{key.Name}", ["type"] = "DirectoryOrCreate" },
                ["claimRef"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "PersistentVolumeClaim", ["namespace"] = key.Namespace, ["name"] = key.Name, ["uid"] = pvc.Uid() },
            },
        }, Name);
        if (Store.TryGet(pvType, null, pvName) is { } pv && pv.Str("status", "phase") != "Bound")
        {
            var bound = pv.Clone();
            bound["status"] = new JsonObject { ["phase"] = "Bound" };
            Store.Update(pvType, null, pvName, bound, Context, "status");
        }

        var withVolume = pvc.Clone();
        withVolume.Child("spec")["volumeName"] = pvName;
        var ann = withVolume.Metadata().Child("annotations");
        ann["pv.kubernetes.io/bind-completed"] = "yes";
        ann["pv.kubernetes.io/bound-by-controller"] = "yes";
        ann["volume.beta.kubernetes.io/storage-provisioner"] = sc.Str("provisioner");
        ann["volume.kubernetes.io/storage-provisioner"] = sc.Str("provisioner");
        var updated = Store.Update(type, key.Namespace, key.Name, withVolume, Context);
        var withStatus = updated.Clone();
        withStatus["status"] = new JsonObject { ["phase"] = "Bound", ["accessModes"] = modes.DeepClone(), ["capacity"] = new JsonObject { ["storage"] = storage } };
        Store.Update(type, key.Namespace, key.Name, withStatus, Context, "status");
        Core.Events.Normal(pvc, "ProvisioningSucceeded", $"Successfully provisioned volume {pvName}", sc.Str("provisioner") ?? Name);
        return Task.CompletedTask;
    }
}
