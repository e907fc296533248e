using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Patching;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Storage;

/// <summary>Create and update (PUT, and the write half of every patch).</summary>
public sealed partial class ResourceStore
{
    /// <summary>Creates an object (POST). Returns the stored object (or what would be stored on dry run).</summary>
    public JsonObject Create(ResourceType type, string? ns, JsonObject body, OperationContext ctx, JsonArray? presetManagedFields = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(ctx);
        var obj = PrepareBody(type, ns, body, null);
        var md = obj.Metadata();
        if (string.IsNullOrEmpty(md.Str("name")) && md.Str("generateName") is { Length: > 0 } prefix)
        {
            md["name"] = NewName(prefix);
        }

        var name = md.Str("name") ?? string.Empty;
        var errors = NameValidation.ObjectMeta(type, md, requireName: true);
        if (md.Str("generateName") is { Length: > 0 } gn && string.IsNullOrEmpty(body.Str("metadata", "name")))
        {
            errors.RemoveAll(e => e.Field == "metadata.name");
            foreach (var msg in NameValidation.Check(gn.TrimEnd('-') is { Length: > 0 } t ? t : "a", type.NameRule))
            {
                errors.Add(FieldError.Invalid("metadata.generateName", gn, msg));
            }
        }

        if (errors.Count > 0)
        {
            throw StatusErrors.Invalid(type, name, errors);
        }

        Admission.CheckFields(type, obj, ctx);
        lock (Objects.Gate)
        {
            if (type.Namespaced)
            {
                CheckNamespace(type, ns!, name);
            }

            if (Objects.Get(type.StorageResource, ns, name) is not null)
            {
                throw StatusErrors.AlreadyExists(type, name);
            }

            if (type.IsCustom && Objects.Get(new GroupResource("apiextensions.k8s.io", "customresourcedefinitions"), null, type.Plural + "." + type.Group) is { } crd && crd.Str("metadata", "deletionTimestamp") is not null)
            {
                throw new ApiException(405, "MethodNotAllowed", "create not allowed while custom resource definition is terminating");
            }

            md["uid"] = Guid.NewGuid().ToString();
            md["creationTimestamp"] = Now();
            md.Remove("resourceVersion");
            md.Remove("deletionTimestamp");
            md.Remove("deletionGracePeriodSeconds");
            if (type.HasGeneration || type.IsCustom)
            {
                md["generation"] = 1;
            }
            else
            {
                md.Remove("generation");
            }

            if (type.HasStatus)
            {
                obj.Remove("status");
            }

            Admission.Mutate(type, obj, null, ctx);
            var validation = Admission.Validate(type, obj, null);
            if (validation.Count > 0)
            {
                throw StatusErrors.Invalid(type, name, validation);
            }

            if (presetManagedFields is not null)
            {
                ManagedFieldsTracker.SetTimes(presetManagedFields, Time.GetUtcNow());
                md["managedFields"] = presetManagedFields;
            }
            else
            {
                ManagedFieldsTracker.RecordUpdate(type, null, obj, ctx.Manager, "Update", null, Time.GetUtcNow(), Schemas);
            }

            if (ctx.DryRun)
            {
                return View(type, obj);
            }

            return View(type, Objects.Put(type.StorageResource, ToStorage(type, obj), WatchEventType.Added, null));
        }
    }

    /// <summary>Replaces an object (PUT) or its status subresource.</summary>
    public JsonObject Update(ResourceType type, string? ns, string name, JsonObject body, OperationContext ctx, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(ctx);
        var incoming = PrepareBody(type, ns, body, name);
        lock (Objects.Gate)
        {
            var current = Objects.Get(type.StorageResource, ns, name) ?? throw StatusErrors.NotFound(type, name);
            var bodyRv = incoming.Str("metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(bodyRv) && bodyRv != current.Str("metadata", "resourceVersion"))
            {
                throw StatusErrors.Conflict(type, name, StatusErrors.ModifiedMessage);
            }

            return Commit(type, ns, name, current, incoming, ctx, subresource, "Update");
        }
    }

    /// <summary>
    /// The shared tail of update and patch: merges per subresource, keeps immutable metadata, bumps generation,
    /// validates and stores — or deletes when the last finalizer of a deleting object went away.
    /// </summary>
    internal JsonObject Commit(ResourceType type, string? ns, string name, JsonObject current, JsonObject incoming, OperationContext ctx, string? subresource, string operation, bool skipManagedFields = false)
    {
        var currentView = View(type, current);
        JsonObject next;
        if (subresource == "status")
        {
            next = currentView.Clone();
            if (incoming["status"] is { } st)
            {
                next["status"] = st.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
        }
        else
        {
            next = incoming.Clone();
            if (type.HasStatus && subresource is null)
            {
                if (currentView["status"] is { } st)
                {
                    next["status"] = st.DeepClone();
                }
                else
                {
                    next.Remove("status");
                }
            }
        }

        var md = next.Metadata();
        var oldMd = current.Metadata();
        foreach (var keep in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name" })
        {
            if (oldMd[keep] is { } v)
            {
                md[keep] = v.DeepClone();
            }
            else
            {
                md.Remove(keep);
            }
        }

        if (subresource == "status")
        {
            // Status writes keep the object's metadata apart from what they may not change anyway.
            foreach (var keep in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
            {
                if (oldMd[keep] is { } v)
                {
                    md[keep] = v.DeepClone();
                }
                else
                {
                    md.Remove(keep);
                }
            }
        }

        var metaErrors = NameValidation.ObjectMeta(type, md, requireName: true);
        if (metaErrors.Count > 0)
        {
            throw StatusErrors.Invalid(type, name, metaErrors);
        }

        if (subresource is null)
        {
            Admission.CheckFields(type, next, ctx);
        }

        Admission.Mutate(type, next, currentView, ctx);
        if ((type.HasGeneration || type.IsCustom) && SpecChanged(currentView, next))
        {
            md["generation"] = (current.Long("metadata", "generation") ?? 0) + 1;
        }

        var errors = Admission.Validate(type, next, currentView);
        if (errors.Count > 0)
        {
            throw StatusErrors.Invalid(type, name, errors);
        }

        if (!skipManagedFields)
        {
            ManagedFieldsTracker.RecordUpdate(type, currentView, next, ctx.Manager, operation, subresource, Time.GetUtcNow(), Schemas);
        }

        md["resourceVersion"] = current.Str("metadata", "resourceVersion");
        if (SameContent(currentView, next))
        {
            return currentView;
        }

        if (ctx.DryRun)
        {
            return next;
        }

        if (md.Str("deletionTimestamp") is not null && !HasFinalizers(type, next))
        {
            Objects.Put(type.StorageResource, ToStorage(type, next), WatchEventType.Modified, current);
            var removed = Objects.Remove(type.StorageResource, ns, name);
            return View(type, removed ?? next);
        }

        return View(type, Objects.Put(type.StorageResource, ToStorage(type, next), WatchEventType.Modified, current));
    }

    /// <summary>Checks apiVersion/kind/namespace/name of a request body and returns a private copy.</summary>
    private JsonObject PrepareBody(ResourceType type, string? ns, JsonObject body, string? urlName)
    {
        var obj = body.Clone();
        var apiVersion = obj.Str("apiVersion");
        var kind = obj.Str("kind");
        if (type.IsCustom && (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(apiVersion)))
        {
            var what = string.IsNullOrEmpty(kind) ? "Kind" : "Version";
            throw StatusErrors.BadRequest($"Object '{what}' is missing in '{Truncate(body.ToJsonString())}'");
        }

        var expectedVersions = Registry.Versions(type.GroupResource).Select(t => t.ApiVersion).ToList();
        if (type.SharedStorage is not null)
        {
            expectedVersions.Add("v1");
        }

        if (!string.IsNullOrEmpty(apiVersion) && !expectedVersions.Contains(apiVersion))
        {
            throw StatusErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw StatusErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        GoDecoding.Check(type, obj);

        if (type.SharedStorage is not null)
        {
            obj = EventConversion.ToCoreV1(obj);
        }
        else
        {
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
        }

        if (obj["metadata"] is not null and not JsonObject)
        {
            throw StatusErrors.BadRequest("metadata must be an object");
        }

        var md = obj.Metadata();
        if (type.Namespaced)
        {
            var bodyNs = md.Str("namespace");
            if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
            {
                throw StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            md["namespace"] = ns;
        }
        else
        {
            md.Remove("namespace");
        }

        if (urlName is not null)
        {
            var bodyName = md.Str("name");
            if (string.IsNullOrEmpty(bodyName))
            {
                md["name"] = urlName;
            }
            else if (bodyName != urlName)
            {
                throw StatusErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({urlName})");
            }
        }

        return obj;
    }

    private static JsonObject ToStorage(ResourceType type, JsonObject obj)
    {
        if (type.StorageVersion == type.Version || type.SharedStorage is not null)
        {
            return obj;
        }

        var copy = obj.Clone();
        copy["apiVersion"] = type.Group.Length == 0 ? type.StorageVersion : type.Group + "/" + type.StorageVersion;
        return copy;
    }

    internal static bool HasFinalizers(ResourceType type, JsonObject obj) =>
        obj.Arr("metadata", "finalizers") is { Count: > 0 } ||
        (type.Kind == "Namespace" && type.Group.Length == 0 && obj.Arr("spec", "finalizers") is { Count: > 0 });

    private static string Truncate(string s) => s.Length > 200 ? s[..200] : s;

    internal static string FormatRv(long rv) => rv.ToString(CultureInfo.InvariantCulture);
}
