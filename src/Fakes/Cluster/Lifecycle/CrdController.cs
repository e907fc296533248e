using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Controllers;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Lifecycle;

/// <summary>
/// The apiextensions controllers: accepts a CRD's names (NamesAccepted), registers its served versions and marks it
/// Established; on deletion deletes every instance, waits for them to go, then unregisters the kind.
/// </summary>
public sealed class CrdController : Controller
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";
    public static readonly GroupResource Crds = new("apiextensions.k8s.io", "customresourcedefinitions");

    public CrdController(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "apiextensions-controller";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [Crds];

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var type = Core.TypeOf(Crds);
        var crd = Store.TryGet(type, null, key.Name);
        if (crd is null)
        {
            Core.Registry.RemoveCustom(key.Name);
            return Task.CompletedTask;
        }

        var types = CrdTypes.From(crd);
        if (crd.Str("metadata", "deletionTimestamp") is not null)
        {
            var remaining = 0;
            if (types.Count > 0)
            {
                var gr = types[0].GroupResource;
                foreach (var obj in Store.ListRaw(gr).ToList())
                {
                    remaining++;
                    if (obj.Str("metadata", "deletionTimestamp") is null)
                    {
                        try
                        {
                            Store.Delete(types[0], obj.Namespace(), obj.Name(), new DeleteOptions { PropagationPolicy = "Background" });
                        }
                        catch (Api.ApiException)
                        {
                            // Gone or racing.
                        }
                    }
                }
            }

            if (remaining > 0)
            {
                EnqueueAfter(key, TimeSpan.FromMilliseconds(100));
                return Task.CompletedTask;
            }

            Core.Registry.RemoveCustom(key.Name);
            foreach (var t in types)
            {
                Core.Schemas.Invalidate(t.Group, t.Kind);
            }

            var finalizing = crd.Clone();
            var finalizers = finalizing.Arr("metadata", "finalizers")?.Select(f => f?.GetValue<string>()).Where(f => f != CleanupFinalizer).Select(f => (JsonNode)f!).ToArray() ?? [];
            finalizing.Metadata()["finalizers"] = new JsonArray(finalizers);
            Store.Update(type, null, key.Name, finalizing, Context);
            return Task.CompletedTask;
        }

        foreach (var t in types)
        {
            Core.Schemas.Invalidate(t.Group, t.Kind);
        }

        var conflict = Core.Registry.All.FirstOrDefault(t => types.Count > 0 && t.Group == types[0].Group && !t.IsCustom && t.Plural == types[0].Plural);
        var now = Core.Time.GetUtcNow();
        var next = crd.Clone();
        var status = next.Child("status");
        if (conflict is not null)
        {
            JsonNodes.SetCondition(status, "NamesAccepted", "False", "NameConflict", $"\"{conflict.Plural}\" is already in use", now);
            JsonNodes.SetCondition(status, "Established", "False", "NotAccepted", "not all names are accepted", now);
        }
        else
        {
            Core.Registry.SetCustom(key.Name, types);
            status["acceptedNames"] = crd.Obj("spec", "names")?.DeepClone();
            JsonNodes.SetCondition(status, "NamesAccepted", "True", "NoConflicts", "no conflicts found", now);
            JsonNodes.SetCondition(status, "Established", "True", "InitialNamesAccepted", "the initial names have been accepted", now);
            var storage = types.FirstOrDefault()?.StorageVersion;
            var stored = status.ChildArray("storedVersions");
            if (storage is not null && !stored.Any(s => s?.GetValue<string>() == storage))
            {
                stored.Add(storage);
            }
        }

        Store.Update(type, null, key.Name, next, Context, "status");
        return Task.CompletedTask;
    }
}
