using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Patching;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;
using PlatformValidation.Validators.Labels;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>The scale subresource: an autoscaling/v1 Scale view of spec.replicas / status.replicas / selector.</summary>
public static class Scale
{
    public static JsonObject ToScale(ResourceType type, JsonObject obj, ScaleSubresource scale)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(scale);
        var md = obj.Obj("metadata")!;
        var metadata = new JsonObject
        {
            ["name"] = md["name"]?.DeepClone(),
            ["namespace"] = md["namespace"]?.DeepClone(),
            ["uid"] = md["uid"]?.DeepClone(),
            ["resourceVersion"] = md["resourceVersion"]?.DeepClone(),
            ["creationTimestamp"] = md["creationTimestamp"]?.DeepClone(),
        };
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
        }

        var status = new JsonObject { ["replicas"] = Read(obj, scale.StatusReplicasPath) ?? 0 };
        if (scale.LabelSelectorPath is { } selectorPath)
        {
            var selector = JsonNodes.Walk(obj, Path(selectorPath));
            if (selector is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                status["selector"] = v.GetValue<string>();
            }
            else if (!type.IsCustom && obj.Obj("spec", "selector") is { } specSelector)
            {
                status["selector"] = LabelSelector.FromObject(specSelector).ToString();
            }
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["replicas"] = Read(obj, scale.SpecReplicasPath) ?? 0 },
            ["status"] = status,
        };
    }

    public static JsonObject Update(ResourceStore store, ResourceType type, string? ns, string name, JsonObject scaleBody, OperationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scaleBody);
        Schema.GoDecoding.CheckAs(typeof(k8s.Models.V1Scale), "Scale", "autoscaling/v1", scaleBody);
        lock (store.Objects.Gate)
        {
            var current = store.Get(type, ns, name);
            var rv = scaleBody.Str("metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(rv) && rv != current.Str("metadata", "resourceVersion"))
            {
                throw StatusErrors.Conflict(type, name, StatusErrors.ModifiedMessage);
            }

            return Write(store, type, ns, name, current, scaleBody.Long("spec", "replicas"), ctx);
        }
    }

    public static JsonObject Patch(ResourceStore store, ResourceType type, string? ns, string name, PatchType patchType, JsonNode? patch, OperationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(store);
        lock (store.Objects.Gate)
        {
            var current = store.Get(type, ns, name);
            var scale = ToScale(type, current, type.Scale!);
            JsonNode? patched;
            try
            {
                patched = patchType switch
                {
                    PatchType.Json => JsonPatch.Apply(scale, patch),
                    PatchType.Apply => JsonMergePatch.Apply(scale, patch),
                    _ => JsonMergePatch.Apply(scale, patch),
                };
            }
            catch (PatchException e)
            {
                throw new ApiException(e.Code, e.Code == 422 ? "Invalid" : "BadRequest", e.Message);
            }

            return Write(store, type, ns, name, current, patched.Long("spec", "replicas"), ctx);
        }
    }

    private static JsonObject Write(ResourceStore store, ResourceType type, string? ns, string name, JsonObject current, long? replicas, OperationContext ctx)
    {
        if (replicas is null or < 0)
        {
            throw StatusErrors.Invalid(type, name, [FieldError.Invalid("spec.replicas", replicas?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null", "must be greater than or equal to 0")]);
        }

        var next = current.Clone();
        Set(next, type.Scale!.SpecReplicasPath, replicas.Value);
        var updated = store.Update(type, ns, name, next, ctx);
        return ToScale(type, updated, type.Scale);
    }

    private static string[] Path(string jsonPath) => jsonPath.TrimStart('.').Split('.');

    private static long? Read(JsonObject obj, string path) => JsonNodes.Walk(obj, Path(path)) is JsonValue v ? JsonNodes.AsLong(v) : null;

    private static void Set(JsonObject obj, string path, long value)
    {
        var parts = Path(path);
        var node = obj;
        foreach (var p in parts[..^1])
        {
            node = node.Child(p);
        }

        node[parts[^1]] = value;
    }
}
