using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Lifecycle;

/// <summary>The namespaces/{name}/finalize subresource: replaces spec.finalizers; a deleting namespace with none left is removed.</summary>
public sealed class NamespaceFinalizer
{
    private readonly ClusterCore core;

    public NamespaceFinalizer(ClusterCore core) => this.core = core;

    public JsonObject Finalize(string name, JsonArray? finalizers)
    {
        var type = core.Core("namespaces");
        lock (core.Objects.Gate)
        {
            var current = core.Objects.Get(type.StorageResource, null, name) ?? throw StatusErrors.NotFound(type, name);
            var next = current.Clone();
            next.Child("spec")["finalizers"] = finalizers?.DeepClone() ?? new JsonArray();
            if (next.Arr("spec", "finalizers") is { Count: 0 })
            {
                next.Obj("spec")!.Remove("finalizers");
            }

            var stored = core.Objects.Put(type.StorageResource, next, WatchEventType.Modified, current);
            if (stored.Str("metadata", "deletionTimestamp") is not null && !ResourceStore.HasFinalizers(type, stored))
            {
                return core.Objects.Remove(type.StorageResource, null, name) ?? stored;
            }

            return stored;
        }
    }
}
