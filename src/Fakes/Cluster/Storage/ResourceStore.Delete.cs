using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Storage;

/// <summary>What a DELETE answered: the object or a Status, and whether deletion is still pending (202).</summary>
public sealed record DeleteResult(JsonObject Body, bool Pending);

/// <summary>DELETE and deletecollection: finalizers, deletionTimestamp, propagation policy finalizers, graceful pods.</summary>
public sealed partial class ResourceStore
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    public DeleteResult Delete(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (Objects.Gate)
        {
            var current = Objects.Get(type.StorageResource, ns, name) ?? throw StatusErrors.NotFound(type, name);
            if (options.PreconditionUid is { Length: > 0 } uid && uid != current.Uid())
            {
                throw StatusErrors.Conflict(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid()}");
            }

            if (options.PreconditionResourceVersion is { Length: > 0 } prv && prv != current.Str("metadata", "resourceVersion"))
            {
                throw StatusErrors.Conflict(type, name, $"Precondition failed: ResourceVersion in precondition: {prv}, ResourceVersion in object meta: {current.Str("metadata", "resourceVersion")}");
            }

            var policy = options.PropagationPolicy ?? DefaultPropagation(type);
            if (policy is not ("Orphan" or "Background" or "Foreground"))
            {
                throw StatusErrors.Invalid(type, name, [FieldError.NotSupported("propagationPolicy", policy, ["Foreground", "Background", "Orphan", "nil"])]);
            }

            var next = current.Clone();
            var md = next.Metadata();
            var finalizers = md.Arr("finalizers")?.Select(f => f?.GetValue<string>() ?? string.Empty).ToList() ?? [];
            var changed = false;
            if (policy == "Orphan" && !finalizers.Contains(OrphanFinalizer))
            {
                finalizers.Add(OrphanFinalizer);
                finalizers.Remove(ForegroundFinalizer);
                changed = true;
            }
            else if (policy == "Foreground" && !finalizers.Contains(ForegroundFinalizer) && options.PropagationPolicy is not null)
            {
                finalizers.Add(ForegroundFinalizer);
                finalizers.Remove(OrphanFinalizer);
                changed = true;
            }
            else if (policy == "Background" && options.PropagationPolicy is not null && finalizers.Remove(OrphanFinalizer) | finalizers.Remove(ForegroundFinalizer))
            {
                changed = true;
            }

            if (changed)
            {
                md["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)f).ToArray());
                if (finalizers.Count == 0)
                {
                    md.Remove("finalizers");
                }
            }

            var alreadyDeleting = md.Str("deletionTimestamp") is not null;
            if (!alreadyDeleting && type.Group == "apiextensions.k8s.io" && type.Kind == "CustomResourceDefinition")
            {
                // The CRD registry adds its cleanup finalizer on the first delete so instances go before the kind does.
                var list = md.ChildArray("finalizers");
                if (!list.Any(f => f?.GetValue<string>() == "customresourcecleanup.apiextensions.k8s.io"))
                {
                    list.Add("customresourcecleanup.apiextensions.k8s.io");
                }

                JsonNodes.SetCondition(next.Child("status"), "Terminating", "True", "InstanceDeletionPending", "CustomResourceDefinition marked for deletion; finalizer will clean up instances", Time.GetUtcNow());
                changed = true;
            }

            var graceful = GracePeriod(type, current, options);
            if (!HasFinalizers(type, next) && graceful == 0)
            {
                if (options.DryRun)
                {
                    return new DeleteResult(type.ReturnsDeletedObject ? View(type, current) : SuccessStatus(type, current), false);
                }

                var removed = Objects.Remove(type.StorageResource, ns, name)!;
                return new DeleteResult(type.ReturnsDeletedObject ? View(type, removed) : SuccessStatus(type, removed), false);
            }

            if (!alreadyDeleting)
            {
                var when = Time.GetUtcNow().AddSeconds(graceful);
                md["deletionTimestamp"] = JsonNodes.Rfc3339(when);
                md["deletionGracePeriodSeconds"] = graceful;
                changed = true;
                if (type.Kind == "Namespace" && type.Group.Length == 0)
                {
                    next.Child("status")["phase"] = "Terminating";
                }
            }
            else if (graceful < (current.Long("metadata", "deletionGracePeriodSeconds") ?? 0))
            {
                md["deletionGracePeriodSeconds"] = graceful;
                md["deletionTimestamp"] = JsonNodes.Rfc3339(Time.GetUtcNow().AddSeconds(graceful));
                changed = true;
            }

            if (options.DryRun || !changed)
            {
                return new DeleteResult(View(type, next), true);
            }

            var stored = Objects.Put(type.StorageResource, next, WatchEventType.Modified, current);
            return new DeleteResult(View(type, stored), true);
        }
    }

    /// <summary>Deletes every object matching the list options; answers with the list of what was deleted.</summary>
    public JsonObject DeleteCollection(ResourceType type, string? ns, ListOptions list, DeleteOptions options)
    {
        var matches = List(type, ns, list with { Limit = null, Continue = null });
        var deleted = new JsonArray();
        foreach (var item in matches["items"]!.AsArray().OfType<JsonObject>())
        {
            try
            {
                var result = Delete(type, item.Namespace(), item.Name(), options);
                deleted.Add(item.DeepClone());
                _ = result;
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Already gone: deletecollection tolerates races as the real server does.
            }
        }

        matches["items"] = deleted;
        return matches;
    }

    /// <summary>Removes an object that a controller finished (kubelet after grace, GC after finalizers); no-op when gone.</summary>
    public JsonObject? ForceRemove(ResourceType type, string? ns, string name, string? expectedUid = null)
    {
        lock (Objects.Gate)
        {
            var current = Objects.Get(type.StorageResource, ns, name);
            if (current is null || (expectedUid is not null && current.Uid() != expectedUid))
            {
                return null;
            }

            return Objects.Remove(type.StorageResource, ns, name);
        }
    }

    private static string DefaultPropagation(ResourceType type) => (type.Group, type.Kind) switch
    {
        ("batch", "Job") => "Orphan",
        ("", "ReplicationController") => "Orphan",
        _ => "Background",
    };

    private static long GracePeriod(ResourceType type, JsonObject current, DeleteOptions options)
    {
        if (type.Kind != "Pod" || type.Group.Length != 0)
        {
            return 0;
        }

        // An unscheduled pod, or one whose kubelet never ran it, is removed at once; otherwise the kubelet ends it.
        if (string.IsNullOrEmpty(current.Str("spec", "nodeName")) || current.Str("status", "phase") is "Succeeded" or "Failed")
        {
            return 0;
        }

        var grace = options.GracePeriodSeconds ?? current.Long("spec", "terminationGracePeriodSeconds") ?? 30;
        return Math.Max(0, grace);
    }

    private static JsonObject SuccessStatus(ResourceType type, JsonObject obj)
    {
        var details = new JsonObject { ["name"] = obj.Name() };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        details["uid"] = obj.Uid();
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }
}
