using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using PlatformValidation.Fakes.Cluster.Api;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>
/// The type checks kube-apiserver's decoding applies to a built-in object: the body is unmarshalled into the Go API
/// struct, so a value of the wrong JSON type, an integer out of its Go type's range or a fraction in an integer field
/// fails before any validation, as 400 BadRequest with encoding/json's message
/// (k8s.io/apiserver/pkg/endpoints/handlers/rest.go transformDecodeError: <c>KIND in version "V" cannot be handled as a
/// KIND: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32</c>). The Go
/// types come from KubernetesClient's models (int → int32, long → int64, classes → their API structs). Custom
/// resources are checked against their CRD schema instead (422, <see cref="CrdValidation"/>).
/// </summary>
public static class GoDecoding
{
    private const string QuantityError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Type>> Fields = new();

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
        if (FirstError(body, model, string.Empty, string.Empty) is { } error)
        {
            var apiVersion = body["apiVersion"] is JsonValue av && av.GetValueKind() == JsonValueKind.String ? av.GetValue<string>() : defaultApiVersion;
            var version = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;
            throw StatusErrors.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {kind}: {error}");
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
    public static string? FirstError(JsonNode? node, Type clrType, string structName, string path)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        if (node is null)
        {
            return null; // JSON null leaves the Go zero value.
        }

        var t = Nullable.GetUnderlyingType(clrType) ?? clrType;
        string Mismatch(string what) => $"json: cannot unmarshal {what} into Go struct field {structName}.{path} of type {GoName(t)}";

        if (t == typeof(string))
        {
            return Is(node, JsonValueKind.String) ? null : Mismatch(KindOf(node));
        }

        if (t == typeof(bool))
        {
            return Is(node, JsonValueKind.True) || Is(node, JsonValueKind.False) ? null : Mismatch(KindOf(node));
        }

        if (t == typeof(int) || t == typeof(long))
        {
            if (!Is(node, JsonValueKind.Number))
            {
                return Mismatch(KindOf(node));
            }

            var raw = Raw(node);
            var fits = t == typeof(int)
                ? int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                : long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            return fits ? null : Mismatch("number " + raw);
        }

        if (t == typeof(double) || t == typeof(float))
        {
            return Is(node, JsonValueKind.Number) ? null : Mismatch(KindOf(node));
        }

        if (t == typeof(IntOrString))
        {
            // intstr.IntOrString.UnmarshalJSON: a string, else json.Unmarshal into an int32.
            if (Is(node, JsonValueKind.String))
            {
                return null;
            }

            return Is(node, JsonValueKind.Number) && int.TryParse(Raw(node), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? null
                : $"json: cannot unmarshal {(Is(node, JsonValueKind.Number) ? "number " + Raw(node) : KindOf(node))} into Go value of type int32";
        }

        if (t == typeof(ResourceQuantity))
        {
            return Is(node, JsonValueKind.String) || Is(node, JsonValueKind.Number) ? null : QuantityError;
        }

        if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            // metav1.Time.UnmarshalJSON reads a string.
            return Is(node, JsonValueKind.String) ? null : $"json: cannot unmarshal {KindOf(node)} into Go value of type string";
        }

        if (t == typeof(byte[]))
        {
            return Is(node, JsonValueKind.String) ? null : Mismatch(KindOf(node));
        }

        if (t == typeof(object) || t == typeof(JsonElement))
        {
            return null;
        }

        if (Generic(t, typeof(IDictionary<,>)) is { } dict)
        {
            if (node is not JsonObject map)
            {
                return Mismatch(KindOf(node));
            }

            foreach (var (_, value) in map)
            {
                if (FirstError(value, dict.GetGenericArguments()[1], structName, path) is { } e)
                {
                    return e;
                }
            }

            return null;
        }

        if (Generic(t, typeof(IList<>)) is { } list)
        {
            if (node is not JsonArray array)
            {
                return Mismatch(KindOf(node));
            }

            foreach (var item in array)
            {
                if (FirstError(item, list.GetGenericArguments()[0], structName, path) is { } e)
                {
                    return e;
                }
            }

            return null;
        }

        if (t.IsClass && t.Namespace == "k8s.Models")
        {
            if (node is not JsonObject obj)
            {
                return Mismatch(KindOf(node));
            }

            var fields = Fields.GetOrAdd(t, FieldsOf);
            var goStruct = GoName(t);
            goStruct = goStruct[(goStruct.IndexOf('.', StringComparison.Ordinal) + 1)..];
            foreach (var (key, value) in obj)
            {
                if (fields.TryGetValue(key, out var fieldType) && FirstError(value, fieldType, goStruct, path.Length == 0 ? key : path + "." + key) is { } e)
                {
                    return e;
                }
            }

            return null;
        }

        return null;
    }

    /// <summary>The Go type name as encoding/json prints it (int32, []v1.Container, map[string]string, v1.PodSpec).</summary>
    public static string GoName(Type clrType)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        var t = Nullable.GetUnderlyingType(clrType) ?? clrType;
        if (t == typeof(string))
        {
            return "string";
        }

        if (t == typeof(int))
        {
            return "int32";
        }

        if (t == typeof(long))
        {
            return "int64";
        }

        if (t == typeof(bool))
        {
            return "bool";
        }

        if (t == typeof(double))
        {
            return "float64";
        }

        if (t == typeof(float))
        {
            return "float32";
        }

        if (t == typeof(byte[]))
        {
            return "[]uint8";
        }

        if (t == typeof(IntOrString))
        {
            return "intstr.IntOrString";
        }

        if (t == typeof(ResourceQuantity))
        {
            return "resource.Quantity";
        }

        if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            return "v1.Time";
        }

        if (Generic(t, typeof(IDictionary<,>)) is { } dict)
        {
            return "map[string]" + GoName(dict.GetGenericArguments()[1]);
        }

        if (Generic(t, typeof(IList<>)) is { } list)
        {
            return "[]" + GoName(list.GetGenericArguments()[0]);
        }

        if (t.IsClass && t.Namespace == "k8s.Models")
        {
            // V1beta1CronJob → v1beta1.CronJob; V1ObjectMeta → v1.ObjectMeta (metav1's package is named v1 too).
            var name = t.Name;
            var i = 1;
            while (i < name.Length && (char.IsDigit(name[i]) || char.IsLower(name[i])))
            {
                i++;
            }

            return name[0] == 'V' && i > 1 ? $"{name[..i].ToLowerInvariant()}.{name[i..]}" : name;
        }

        return "interface {}";
    }

    private static Dictionary<string, Type> FieldsOf(Type t)
    {
        var result = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name is { } jsonName)
            {
                result[jsonName] = p.PropertyType;
            }
        }

        return result;
    }

    private static Type? Generic(Type t, Type definition) =>
        t.GetInterfaces().Concat([t]).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    private static bool Is(JsonNode node, JsonValueKind kind) => node is JsonValue v && v.GetValueKind() == kind;

    private static string KindOf(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "null",
        },
        _ => "null",
    };

    private static string Raw(JsonNode node) => node.ToJsonString();
}
