using PlatformValidation.Fakes.Cluster.Controllers;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Lifecycle;

/// <summary>
/// Namespace deletion: a Terminating namespace has every namespaced object deleted, reports progress in its
/// NamespaceContentRemaining/NamespaceFinalizersRemaining conditions, and is finalized once empty.
/// </summary>
public sealed class NamespaceController : Controller
{
    public NamespaceController(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "namespace-controller";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [ResourceStore.Namespaces];

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var nsType = Core.Core("namespaces");
        var ns = Store.TryGet(nsType, null, key.Name);
        if (ns is null || ns.Str("metadata", "deletionTimestamp") is null)
        {
            return Task.CompletedTask;
        }

        var remaining = 0;
        var withFinalizers = new Dictionary<string, int>(StringComparer.Ordinal);
        var resources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gr in Core.Objects.Resources())
        {
            var type = Core.Registry.Storage(gr);
            if (type is null || !type.Namespaced)
            {
                continue;
            }

            foreach (var obj in Store.ListRaw(gr, key.Name).ToList())
            {
                remaining++;
                resources.Add(gr.ToString());
                if (obj.Arr("metadata", "finalizers") is { Count: > 0 } finalizers)
                {
                    foreach (var f in finalizers)
                    {
                        var name = f?.GetValue<string>() ?? string.Empty;
                        withFinalizers[name] = withFinalizers.GetValueOrDefault(name) + 1;
                    }
                }

                if (obj.Str("metadata", "deletionTimestamp") is null)
                {
                    try
                    {
                        Store.Delete(type, key.Name, obj.Name(), new DeleteOptions { PropagationPolicy = "Background" });
                    }
                    catch (Api.ApiException)
                    {
                        // Gone already or racing; the next pass sees the truth.
                    }
                }
            }
        }

        var now = Core.Time.GetUtcNow();
        var next = ns.Clone();
        var status = next.Child("status");
        status["phase"] = "Terminating";
        JsonNodes.SetCondition(status, "NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered", now);
        JsonNodes.SetCondition(status, "NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions", "All legacy kube types successfully parsed", now);
        JsonNodes.SetCondition(status, "NamespaceDeletionContentFailure", "False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization", now);
        if (remaining > 0)
        {
            JsonNodes.SetCondition(status, "NamespaceContentRemaining", "True", "SomeResourcesRemain", "Some resources are remaining: " + string.Join(", ", resources.Order(StringComparer.Ordinal).Select(r => $"{r} has objects")), now);
        }
        else
        {
            JsonNodes.SetCondition(status, "NamespaceContentRemaining", "False", "ContentRemoved", "All content successfully removed", now);
        }

        if (withFinalizers.Count > 0)
        {
            JsonNodes.SetCondition(status, "NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: " + string.Join(", ", withFinalizers.Select(kv => $"{kv.Key} in {kv.Value} resource instances")), now);
        }
        else
        {
            JsonNodes.SetCondition(status, "NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers", "All content-preserving finalizers finished", now);
        }

        try
        {
            Store.Update(nsType, null, key.Name, next, Context, "status");
        }
        catch (Api.ApiException e) when (e.Code is 404 or 409)
        {
            // Raced; retry below.
        }

        if (remaining == 0)
        {
            var spec = ns.Arr("spec", "finalizers")?.Select(f => f?.GetValue<string>()).Where(f => f != "kubernetes").Select(f => (System.Text.Json.Nodes.JsonNode)f!).ToArray() ?? [];
            Core.Namespaces.Finalize(key.Name, new System.Text.Json.Nodes.JsonArray(spec));
        }
        else
        {
            EnqueueAfter(key, TimeSpan.FromMilliseconds(100));
        }

        return Task.CompletedTask;
    }
}
