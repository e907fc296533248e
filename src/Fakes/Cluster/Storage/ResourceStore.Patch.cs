using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Patching;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Validators.Patching;

namespace PlatformValidation.Fakes.Cluster.Storage;

/// <summary>The four patch types: JSON patch, JSON merge patch, strategic merge patch and server-side apply.</summary>
public enum PatchType
{
    Json,
    Merge,
    StrategicMerge,
    Apply,
}

/// <summary>PATCH.</summary>
public sealed partial class ResourceStore
{
    public static PatchType? PatchTypeFor(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "application/json-patch+json" => PatchType.Json,
        "application/merge-patch+json" => PatchType.Merge,
        "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
        "application/apply-patch+yaml" or "application/apply-patch+json" or "application/apply-patch+cbor" => PatchType.Apply,
        _ => null,
    };

    /// <summary>Applies a patch to an object (or its status/scale view) and commits the result.</summary>
    public JsonObject Patch(ResourceType type, string? ns, string name, PatchType patchType, JsonNode? patch, OperationContext ctx, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (patchType == PatchType.StrategicMerge && type.IsCustom)
        {
            throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }

        lock (Objects.Gate)
        {
            var current = Objects.Get(type.StorageResource, ns, name);
            if (current is null)
            {
                if (patchType == PatchType.Apply && subresource is null)
                {
                    return ApplyCreate(type, ns, name, patch, ctx);
                }

                throw StatusErrors.NotFound(type, name);
            }

            var currentView = View(type, current);
            JsonObject patched;
            if (patchType == PatchType.Apply)
            {
                var config = ApplyConfig(type, ns, name, patch);
                Admission.CheckFields(type, config, ctx);
                patched = ServerSideApply.Apply(type, currentView, config, ctx.Manager, ctx.Force, subresource, Time.GetUtcNow(), Schemas);
                return Commit(type, ns, name, current, patched, ctx, subresource, "Apply", skipManagedFields: true);
            }

            patched = ApplyPatch(type, currentView, patchType, patch);
            GoDecoding.CheckPatched(type, patched);
            if (patched.Str("metadata", "name") is { } pn && pn != name)
            {
                throw StatusErrors.BadRequest($"the name of the object ({pn}) does not match the name on the URL ({name})");
            }

            var patchRv = patched.Str("metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(patchRv) && patchRv != current.Str("metadata", "resourceVersion"))
            {
                throw StatusErrors.Conflict(type, name, StatusErrors.ModifiedMessage);
            }

            patched.Metadata()["resourceVersion"] = current.Str("metadata", "resourceVersion");
            patched["apiVersion"] = type.ApiVersion;
            patched["kind"] = type.Kind;
            if (type.Namespaced)
            {
                patched.Metadata()["namespace"] = ns;
            }

            return Commit(type, ns, name, current, patched, ctx, subresource, "Update");
        }
    }

    /// <summary>The schema source used by strategic merge and server-side apply.</summary>
    public TypeSchemas Schemas => Admission.Schemas;

    private JsonObject ApplyPatch(ResourceType type, JsonObject current, PatchType patchType, JsonNode? patch)
    {
        try
        {
            JsonNode? result = patchType switch
            {
                PatchType.Json => JsonPatch.Apply(current, patch),
                PatchType.Merge => JsonMergePatch.Apply(current, patch),
                _ => StrategicMergePatch.Apply(current, patch, Schemas.Root(type)),
            };
            return result as JsonObject ?? throw StatusErrors.BadRequest("the patch produced a value that is not an object");
        }
        catch (PatchException e)
        {
            throw new ApiException(e.Code, e.Code == 422 ? "Invalid" : "BadRequest", e.Message);
        }
        catch (StrategicMergePatchException e)
        {
            // kube-apiserver's interpretStrategicMergePatchError (handlers/patch.go) answers the malformed-patch errors with
            // 400; the other strategicpatch errors pass through it unmapped (a 500 there), which the simulation answers
            // as the client's error too: 422 for a missing merge key, 400 otherwise.
            throw e.Unprocessable ? new ApiException(422, "Invalid", e.Message) : StatusErrors.BadRequest(e.Message);
        }
    }

    private JsonObject ApplyConfig(ResourceType type, string? ns, string name, JsonNode? patch)
    {
        if (patch is not JsonObject config)
        {
            throw StatusErrors.BadRequest("error decoding YAML: apply patch must be an object");
        }

        if (string.IsNullOrEmpty(config.Str("apiVersion")) || string.IsNullOrEmpty(config.Str("kind")))
        {
            throw StatusErrors.BadRequest("invalid object type: /, Kind=");
        }

        var bodyName = config.Str("metadata", "name");
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw StatusErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        GoDecoding.Check(type, config);
        var copy = config.Clone();
        copy.Metadata()["name"] = name;
        if (type.Namespaced)
        {
            var bodyNs = copy.Str("metadata", "namespace");
            if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
            {
                throw StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            copy.Metadata()["namespace"] = ns;
        }

        return copy;
    }

    private JsonObject ApplyCreate(ResourceType type, string? ns, string name, JsonNode? patch, OperationContext ctx)
    {
        var config = ApplyConfig(type, ns, name, patch);
        var created = ServerSideApply.Apply(type, new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind, ["metadata"] = new JsonObject { ["name"] = name } }, config, ctx.Manager, ctx.Force, null, Time.GetUtcNow(), Schemas);
        var managed = created.Obj("metadata")?["managedFields"]?.DeepClone() as JsonArray;
        return Create(type, ns, created, ctx, managed);
    }

    /// <summary>Parses a request body for a patch of the given type (YAML for apply, JSON otherwise).</summary>
    public static JsonNode? ParsePatchBody(PatchType patchType, string body)
    {
        try
        {
            if (patchType == PatchType.Apply)
            {
                return BodyDecoding.Yaml(body);
            }

            return BodyDecoding.Json(body);
        }
        catch (JsonException e)
        {
            throw StatusErrors.BadRequest($"error decoding patch: {BodyDecoding.DescribeJsonError(e)}");
        }
        catch (Validators.Loading.YamlToJsonException e)
        {
            throw StatusErrors.BadRequest($"error decoding YAML: {BodyDecoding.DescribeYamlError(e)}");
        }
    }
}
