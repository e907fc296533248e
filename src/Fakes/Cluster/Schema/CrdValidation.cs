using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Validators.Schema;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>
/// Validates a custom resource against its CRD's openAPIV3Schema with the engine's <see cref="OpenApiValidator"/>
/// (the one schema engine <c>validate</c> uses too) and turns its errors into the API server's field causes.
/// </summary>
public static class CrdValidation
{
    public static void Validate(JsonNode? value, JsonObject schema, string path, List<FieldError> errors, bool topLevel = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(errors);
        var found = new List<SchemaError>();
        OpenApiValidator.Validate(value, schema, path, found, topLevel);
        errors.AddRange(found.Select(ToFieldError));
    }

    /// <summary>The field.Error kube-apiserver reports for one schema violation.</summary>
    public static FieldError ToFieldError(SchemaError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Reason switch
        {
            "FieldValueTypeInvalid" => FieldError.TypeInvalid(error.Path, error.Value, error.Detail),
            "FieldValueRequired" => FieldError.Required(error.Path),
            "FieldValueNotSupported" => FieldError.NotSupported(error.Path, error.Value, error.Allowed),
            "FieldValueInvalid" => FieldError.Invalid(error.Path, error.Value, error.Detail),
            _ => new FieldError(error.Path, error.Reason, error.Detail, $"{error.Path}: {error.Detail}"),
        };
    }
}
