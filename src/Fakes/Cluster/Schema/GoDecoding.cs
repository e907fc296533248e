using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Validators.Schema;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>
/// The type checks kube-apiserver's decoding applies to a built-in object: the body is unmarshalled into the Go API
/// struct, so a value of the wrong JSON type, an integer out of its Go type's range or a fraction in an integer field
/// fails before any validation, as 400 BadRequest with encoding/json's message
/// (k8s.io/apiserver/pkg/endpoints/handlers/rest.go transformDecodeError: <c>KIND in version "V" cannot be handled as a
/// KIND: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32</c>). The Go
/// types come from KubernetesClient's models (int → int32, long → int64, classes → their API structs). Custom
/// resources are checked against their CRD schema instead (422, <see cref="CrdValidation"/>). The checker itself is
/// the engine's <see cref="GoTypeCheck"/>, shared with <c>validate</c>.
/// </summary>
public static class GoDecoding
{
    /// <summary>Throws the 400 kube-apiserver answers when <paramref name="body"/> does not decode into the kind's Go struct.</summary>
    public static void Check(ResourceType type, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(body);
        if (type.IsCustom || TypeSchemas.ModelType(type.Group, type.Version, type.Kind) is not { } model)
        {
            return;
        }

        CheckAs(model, type.Kind, type.ApiVersion, body);
    }

    /// <summary>The same check for a body of a fixed model (a Scale sent to the scale subresource).</summary>
    public static void CheckAs(Type model, string kind, string defaultApiVersion, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(defaultApiVersion);
        ArgumentNullException.ThrowIfNull(body);
        if (GoTypeCheck.DecodeError(body, model, kind, defaultApiVersion) is { } message)
        {
            throw StatusErrors.BadRequest(message);
        }
    }

    /// <summary>
    /// The answer to a JSON or merge patch whose result does not decode: 422 on the field "patch" with the patched
    /// object as the value (k8s.io/apiserver/pkg/endpoints/handlers/patch.go applyPatchToObject →
    /// errors.NewInvalid(schema.GroupKind{}, "", …), hence the empty kind and name).
    /// </summary>
    public static void CheckPatched(ResourceType type, JsonObject patched)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(patched);
        if (type.IsCustom || TypeSchemas.ModelType(type.Group, type.Version, type.Kind) is not { } model)
        {
            return;
        }

        if (FirstError(patched, model, string.Empty, string.Empty) is { } error)
        {
            var cause = FieldError.Invalid("patch", patched.ToJsonString(), error);
            var details = new JsonObject
            {
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = cause.Reason, ["message"] = cause.Detail, ["field"] = cause.Field }),
            };
            throw new ApiException(422, "Invalid", $"\"\" is invalid: {cause}", details);
        }
    }

    /// <summary>The first decoding error in document order (as encoding/json keeps the first), or null.</summary>
    public static string? FirstError(JsonNode? node, Type clrType, string structName, string path) => GoTypeCheck.FirstError(node, clrType, structName, path);

    /// <summary>The Go type name as encoding/json prints it (int32, []v1.Container, map[string]string, v1.PodSpec).</summary>
    public static string GoName(Type clrType) => GoTypeCheck.GoName(clrType);
}
