using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace PlatformValidation.Validators.Schema;

/// <summary>
/// The type checks kube-apiserver's decoding applies to a built-in object: the body is unmarshalled into the Go API
/// struct, so a value of the wrong JSON type, an integer out of its Go type's range or a fraction in an integer field
/// fails before any validation with encoding/json's message (k8s.io/apiserver/pkg/endpoints/handlers/rest.go
/// transformDecodeError: <c>json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type
/// int32</c>). The Go types come from KubernetesClient's models (int → int32, long → int64, classes → their API
/// structs). Used by <c>validate</c> (SCHEMA001 on built-in kinds) and the simulated API server (400 BadRequest).
/// </summary>
public static class GoTypeCheck
{
    private const string QuantityError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Type>> Fields = new();
    private static readonly Lazy<Dictionary<(string Group, string Version, string Kind), Type>> Models = new(ScanModels);

    /// <summary>The KubernetesClient model of a built-in kind (group "" for core), or null for kinds it does not know.</summary>
    public static Type? ModelType(string group, string version, string kind) =>
        Models.Value.TryGetValue((group, version, kind), out var t) ? t : null;

    /// <summary>
    /// The message of the 400 kube-apiserver answers when <paramref name="body"/> does not decode into
    /// <paramref name="model"/> (<c>KIND in version "V" cannot be handled as a KIND: json: …</c>), or null.
    /// </summary>
    public static string? DecodeError(JsonObject body, Type model, string kind, string defaultApiVersion)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(defaultApiVersion);
        if (FirstError(body, model, string.Empty, string.Empty) is not { } error)
        {
            return null;
        }

        var apiVersion = body["apiVersion"] is JsonValue av && av.GetValueKind() == JsonValueKind.String ? av.GetValue<string>() : defaultApiVersion;
        var version = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;
        return $"{kind} in version \"{version}\" cannot be handled as a {kind}: {error}";
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

    private static Dictionary<(string, string, string), Type> ScanModels()
    {
        var result = new Dictionary<(string, string, string), Type>();
        foreach (var t in typeof(V1Pod).Assembly.GetTypes())
        {
            if (t.Namespace != "k8s.Models" || t.GetCustomAttribute<KubernetesEntityAttribute>() is not { } attr || attr.Kind.EndsWith("List", StringComparison.Ordinal))
            {
                continue;
            }

            result[(attr.Group ?? string.Empty, attr.ApiVersion, attr.Kind)] = t;
        }

        return result;
    }
}
