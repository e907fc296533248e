using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// The skeleton every pod-owning workload controller shares (ReplicaSet, StatefulSet, Job): it watches its owner
/// resource and pods, maps a pod change to the pod's controller owner, skips owners that are gone or being deleted,
/// hands the owner and the pods it controls to <see cref="ReconcileOwnerAsync"/>, and writes status through the
/// status subresource.
/// </summary>
public abstract class PodOwnerController : Controller
{
    /// <summary>Core pods.</summary>
    protected static readonly GroupResource Pods = new(string.Empty, "pods");

    private readonly string ownerKind;

    protected PodOwnerController(ClusterCore core, GroupResource owner, string ownerKind)
        : base(core)
    {
        Owner = owner;
        this.ownerKind = ownerKind;
        Watches = [owner, Pods];
    }

    /// <summary>The owner resource (e.g. apps/replicasets).</summary>
    protected GroupResource Owner { get; }

    protected sealed override IReadOnlyList<GroupResource> Watches { get; }

    protected sealed override IEnumerable<ControllerKey> KeysFor(StoreEvent e) => SelfOrControllerOwner(e, Owner, ownerKind);

    protected sealed override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var owner = Store.TryGet(Core.TypeOf(Owner), key.Namespace, key.Name);
        if (owner is null || PodHelpers.IsDeleting(owner))
        {
            return Task.CompletedTask;
        }

        return ReconcileOwnerAsync(key, owner, OwnedPods(owner, key.Namespace), cancellationToken);
    }

    /// <summary>Reconciles one live owner; <paramref name="pods"/> are the pods it controls, as listed now.</summary>
    protected abstract Task ReconcileOwnerAsync(ControllerKey key, JsonObject owner, List<JsonObject> pods, CancellationToken cancellationToken);

    /// <summary>The pods <paramref name="owner"/> controls (by controller ownerReference uid), as listed now.</summary>
    protected List<JsonObject> OwnedPods(JsonObject owner, string? ns) =>
        Store.ListRaw(Pods, ns).Where(p => PodHelpers.IsControlledBy(p, owner.Uid())).ToList();

    /// <summary>Writes <paramref name="next"/> through the owner's status subresource.</summary>
    protected void UpdateStatus(ControllerKey key, JsonObject next) =>
        Store.Update(Core.TypeOf(Owner), key.Namespace, key.Name, next, Context, "status");
}
