using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>Builds the errors the Kubernetes API server returns, with its reasons, messages and details.</summary>
public static class StatusErrors
{
    public static ApiException NotFound(ResourceType type, string name) => NotFound(type.GroupResource, name);

    public static ApiException NotFound(GroupResource gr, string name) =>
        new(404, "NotFound", $"{gr} \"{name}\" not found", Details(gr, name));

    /// <summary>The answer for a path that names no served resource.</summary>
    public static ApiException UnknownResource() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", Details(type.GroupResource, name));

    public static ApiException Conflict(ResourceType type, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": {why}", Details(type.GroupResource, name));

    public const string ModifiedMessage = "the object has been modified; please apply your changes to the latest version and try again";

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Reason,
            ["message"] = e.Detail,
            ["field"] = e.Field,
        }).ToArray());
        var summary = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        return new ApiException(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Forbidden(GroupResource gr, string name, string why, JsonArray? causes = null)
    {
        var details = Details(gr, name);
        if (causes is not null)
        {
            details["causes"] = causes;
        }

        var target = name.Length > 0 ? $"{gr} \"{name}\"" : gr.ToString();
        return new ApiException(403, "Forbidden", $"{target} is forbidden: {why}", details);
    }

    public static ApiException NamespaceTerminating(GroupResource gr, string name, string ns)
    {
        var why = $"unable to create new content in namespace {ns} because it is being terminated";
        return Forbidden(gr, name, why, new JsonArray(new JsonObject { ["reason"] = "NamespaceTerminating", ["message"] = $"namespace {ns} is being terminated", ["field"] = "metadata.namespace" }));
    }

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException Gone(string message) => new(410, "Gone", message);

    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new JsonObject());

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf{(contentType.Length > 0 ? string.Empty : string.Empty)}");

    public static ApiException NotAcceptable() =>
        new(406, "NotAcceptable", "only the following media types are accepted: application/json, application/yaml");

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException TooManyRequests(int retryAfterSeconds) =>
        new(429, "TooManyRequests", "The server has received too many requests and has asked us to try again later", new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds }, retryAfterSeconds);

    public static ApiException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) });

    public static ApiException Timeout(string message) => new(504, "Timeout", message);

    private static JsonObject Details(GroupResource gr, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (gr.Group.Length > 0)
        {
            details["group"] = gr.Group;
        }

        details["kind"] = gr.Resource;
        return details;
    }
}

/// <summary>One field validation failure (field path, reason as in metav1.CauseType, and detail).</summary>
public sealed record FieldError(string Field, string Reason, string Detail, string Summary)
{
    public static FieldError Invalid(string field, string value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {Quote(value)}: {detail}", $"{field}: Invalid value: {Quote(value)}: {detail}");

    /// <summary>An invalid number: Go prints numeric bad values unquoted (<c>Invalid value: 70000: …</c>).</summary>
    public static FieldError InvalidNumber(string field, long value, string detail)
    {
        var v = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new(field, "FieldValueInvalid", $"Invalid value: {v}: {detail}", $"{field}: Invalid value: {v}: {detail}");
    }

    /// <summary>field.TooLong (k8s.io/apimachinery v0.32 field/errors.go): the value is omitted from the message.</summary>
    public static FieldError TooLong(string field, long maxBytes) =>
        new(field, "FieldValueTooLong", $"Too long: may not be more than {maxBytes} bytes", $"{field}: Too long: may not be more than {maxBytes} bytes");

    public static FieldError Required(string field, string detail = "") =>
        new(field, "FieldValueRequired", "Required value" + (detail.Length > 0 ? ": " + detail : string.Empty), $"{field}: Required value" + (detail.Length > 0 ? ": " + detail : string.Empty));

    public static FieldError Forbidden(string field, string detail) =>
        new(field, "FieldValueForbidden", "Forbidden: " + detail, $"{field}: Forbidden: {detail}");

    public static FieldError NotSupported(string field, string value, IEnumerable<string> allowed)
    {
        var list = string.Join(", ", allowed.Select(Quote));
        return new(field, "FieldValueNotSupported", $"Unsupported value: {Quote(value)}: supported values: {list}", $"{field}: Unsupported value: {Quote(value)}: supported values: {list}");
    }

    public static FieldError Duplicate(string field, string value) =>
        new(field, "FieldValueDuplicate", $"Duplicate value: {Quote(value)}", $"{field}: Duplicate value: {Quote(value)}");

    public static FieldError TypeInvalid(string field, string value, string detail) =>
        new(field, "FieldValueTypeInvalid", $"Invalid value: {Quote(value)}: {detail}", $"{field}: Invalid value: {Quote(value)}: {detail}");

    public override string ToString() => Summary;

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
