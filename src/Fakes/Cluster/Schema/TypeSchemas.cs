using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Validators.Schema;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>
/// Schemas of every served kind: built-ins from KubernetesClient's typed models (one per API type, with the patch
/// strategies of <see cref="PatchStrategies"/>), custom resources from their CRD's openAPIV3Schema.
/// </summary>
public sealed class TypeSchemas
{
    private static readonly ConcurrentDictionary<Type, SchemaNode> ByType = new();
    private readonly ConcurrentDictionary<(string, string, string), SchemaNode> customRoots = new();

    /// <summary>The schema of a kind's top-level object.</summary>
    public SchemaNode Root(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.SharedStorage is not null)
        {
            return ForType(typeof(Corev1Event));
        }

        if (type.IsCustom)
        {
            return customRoots.GetOrAdd((type.Group, type.Version, type.Kind), _ => FromCrd(type.OpenApiSchema));
        }

        return GoTypeCheck.ModelType(type.Group, type.Version, type.Kind) is { } t ? ForType(t) : SchemaNode.AnyValue;
    }

    /// <summary>Forgets cached CRD schemas (after a CRD update).</summary>
    public void Invalidate(string group, string kind)
    {
        foreach (var key in customRoots.Keys.Where(k => k.Item1 == group && k.Item3 == kind).ToList())
        {
            customRoots.TryRemove(key, out _);
        }
    }

    /// <summary>The typed model class of a built-in kind (null for custom kinds).</summary>
    public static Type? ModelType(string group, string version, string kind) => GoTypeCheck.ModelType(group, version, kind);

    public static SchemaNode ObjectMeta => ForType(typeof(V1ObjectMeta));

    /// <summary>The schema node of a typed model (cached; properties resolve lazily, so recursive types work).</summary>
    public static SchemaNode ForType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ByType.GetOrAdd(type, Build);
    }

    private static SchemaNode Build(Type t)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        if (u == typeof(string))
        {
            return SchemaNode.Scalar("string");
        }

        if (u == typeof(bool))
        {
            return SchemaNode.Scalar("boolean");
        }

        if (u == typeof(int) || u == typeof(long))
        {
            return SchemaNode.Scalar("integer");
        }

        if (u == typeof(double) || u == typeof(float) || u == typeof(decimal))
        {
            return SchemaNode.Scalar("number");
        }

        if (u == typeof(DateTime) || u == typeof(DateTimeOffset))
        {
            return SchemaNode.Scalar("date-time");
        }

        if (u == typeof(byte[]))
        {
            return SchemaNode.Scalar("byte");
        }

        if (u == typeof(IntOrString))
        {
            return SchemaNode.Scalar("int-or-string");
        }

        if (u == typeof(ResourceQuantity))
        {
            return SchemaNode.Scalar("quantity");
        }

        if (u == typeof(object) || u == typeof(System.Text.Json.JsonElement))
        {
            return SchemaNode.AnyValue;
        }

        var dict = u.GetInterfaces().Concat([u]).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dict is not null)
        {
            return new SchemaNode(SchemaKind.Map) { Values = ForType(dict.GetGenericArguments()[1]) };
        }

        var list = u.GetInterfaces().Concat([u]).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>));
        if (list is not null)
        {
            return new SchemaNode(SchemaKind.Array) { Items = ForType(list.GetGenericArguments()[0]) };
        }

        if (u.IsClass && u.Namespace == "k8s.Models")
        {
            var attr = u.GetCustomAttribute<KubernetesEntityAttribute>();
            return new SchemaNode(SchemaKind.Object, () => Properties(u))
            {
                ComponentName = ComponentName(u, attr),
            };
        }

        return SchemaNode.AnyValue;
    }

    private static Dictionary<string, SchemaNode> Properties(Type t)
    {
        var result = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var jsonName = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (jsonName is null)
            {
                continue;
            }

            var node = ForType(p.PropertyType);
            var strategy = PatchStrategies.For(t.Name, jsonName);
            if (node.Kind == SchemaKind.Array)
            {
                node = new SchemaNode(SchemaKind.Array)
                {
                    Items = node.Items,
                    PatchStrategy = strategy?.Strategy,
                    PatchMergeKey = strategy?.MergeKey,
                    ListType = strategy?.ListType ?? "atomic",
                    ListMapKeys = strategy?.MapKeys ?? [],
                };
            }
            else if (node.Kind == SchemaKind.Object && PatchStrategies.RetainKeys(t.Name, jsonName))
            {
                var inner = node;
                node = new SchemaNode(SchemaKind.Object, () => inner.Properties) { PatchStrategy = "retainKeys", ComponentName = inner.ComponentName };
            }
            else if (node.Kind == SchemaKind.Map && t.Name == "V1LabelSelector")
            {
                node = new SchemaNode(SchemaKind.Map) { Values = node.Values, MapAtomic = true };
            }

            result[jsonName] = node;
        }

        return result;
    }

    private static string ComponentName(Type t, KubernetesEntityAttribute? attr)
    {
        var name = t.Name;
        var i = 0;
        while (i < name.Length && (char.IsDigit(name[i]) || (i == 0 && name[i] == 'V') || char.IsLower(name[i])))
        {
            i++;
        }

        var version = name[..i].ToLowerInvariant();
        var kind = name[i..];
        var group = attr?.Group is { Length: > 0 } g ? g : "core";
        return $"io.k8s.api.{group}.{version}.{kind}";
    }

    /// <summary>Builds a schema node from a CRD version's openAPIV3Schema (structural schema).</summary>
    public static SchemaNode FromCrd(JsonObject? schema, bool topLevel = true)
    {
        if (schema is null)
        {
            return topLevel ? WithStandardFields(new Dictionary<string, SchemaNode>(), preserve: true, null) : SchemaNode.AnyValue;
        }

        var preserve = JsonNodes.IsTrue(schema["x-kubernetes-preserve-unknown-fields"]);
        if (JsonNodes.IsTrue(schema["x-kubernetes-int-or-string"]))
        {
            return new SchemaNode(SchemaKind.Scalar) { ScalarType = "int-or-string", Raw = schema };
        }

        var type = schema.Str("type");
        if (topLevel)
        {
            var props = CrdProperties(schema);
            return WithStandardFields(props, preserve, schema);
        }

        switch (type)
        {
            case "object":
                if (schema["properties"] is JsonObject)
                {
                    return new SchemaNode(SchemaKind.Object, () => CrdProperties(schema))
                    {
                        PreserveUnknown = preserve,
                        Raw = schema,
                        Required = schema.Arr("required")?.Select(r => r!.GetValue<string>()).ToList() ?? [],
                        MapAtomic = schema.Str("x-kubernetes-map-type") == "atomic",
                    };
                }

                if (schema["additionalProperties"] is JsonObject ap)
                {
                    return new SchemaNode(SchemaKind.Map) { Values = FromCrd(ap, false), Raw = schema, MapAtomic = schema.Str("x-kubernetes-map-type") == "atomic" };
                }

                if (JsonNodes.IsTrue(schema["x-kubernetes-embedded-resource"]))
                {
                    return SchemaNode.AnyValue;
                }

                return new SchemaNode(preserve ? SchemaKind.Any : SchemaKind.Object, () => new Dictionary<string, SchemaNode>()) { PreserveUnknown = preserve, Raw = schema };
            case "array":
                {
                    var listType = schema.Str("x-kubernetes-list-type") ?? "atomic";
                    var keys = schema.Arr("x-kubernetes-list-map-keys")?.Select(k => k!.GetValue<string>()).ToArray() ?? [];
                    return new SchemaNode(SchemaKind.Array)
                    {
                        Items = FromCrd(schema.Obj("items"), false),
                        ListType = listType,
                        ListMapKeys = keys,
                        Raw = schema,
                    };
                }

            case null when preserve:
                return SchemaNode.AnyValue;
            case null:
                return new SchemaNode(SchemaKind.Any) { PreserveUnknown = true, Raw = schema };
            default:
                return new SchemaNode(SchemaKind.Scalar) { ScalarType = type, Raw = schema };
        }
    }

    private static Dictionary<string, SchemaNode> CrdProperties(JsonObject schema)
    {
        var result = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var (name, value) in schema.Obj("properties") ?? [])
        {
            if (value is JsonObject o)
            {
                result[name] = FromCrd(o, false);
            }
        }

        return result;
    }

    private static SchemaNode WithStandardFields(Dictionary<string, SchemaNode> props, bool preserve, JsonObject? raw)
    {
        props["apiVersion"] = SchemaNode.Scalar("string");
        props["kind"] = SchemaNode.Scalar("string");
        props["metadata"] = ObjectMeta;
        return new SchemaNode(SchemaKind.Object, () => props) { PreserveUnknown = preserve, Raw = raw };
    }
}
