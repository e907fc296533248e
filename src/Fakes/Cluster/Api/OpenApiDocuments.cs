using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>
/// /openapi/v3: the index of group/versions and one OpenAPI 3.0 document per group/version, generated from the
/// served kinds (typed models for built-ins, openAPIV3Schema for CRDs). It carries what kubectl reads: operations
/// with x-kubernetes-group-version-kind and their query parameters (fieldValidation, dryRun, fieldManager, force),
/// and component schemas with x-kubernetes-group-version-kind, patch strategies and merge keys.
/// </summary>
public sealed class OpenApiDocuments
{
    private readonly ResourceRegistry registry;
    private readonly TypeSchemas schemas;
    private readonly ConcurrentDictionary<(string, long), JsonObject> cache = new();

    public OpenApiDocuments(ResourceRegistry registry, TypeSchemas schemas)
    {
        this.registry = registry;
        this.schemas = schemas;
    }

    public JsonObject Index()
    {
        var paths = new JsonObject();
        var hash = registry.Revision.ToString("X8", CultureInfo.InvariantCulture);
        foreach (var (group, versions) in registry.Groups())
        {
            foreach (var v in versions)
            {
                var key = group.Length == 0 ? "api/" + v : $"apis/{group}/{v}";
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}{group.Length}{v.Length}" };
            }
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document for "api/v1" or "apis/group/version", or null when not served.</summary>
    public JsonObject? Document(string key)
    {
        var parts = key.Split('/');
        string group;
        string version;
        if (parts.Length == 2 && parts[0] == "api")
        {
            (group, version) = (string.Empty, parts[1]);
        }
        else if (parts.Length == 3 && parts[0] == "apis")
        {
            (group, version) = (parts[1], parts[2]);
        }
        else
        {
            return null;
        }

        if (!registry.ServesGroupVersion(group, version))
        {
            return null;
        }

        return cache.GetOrAdd((key, registry.Revision), _ => Build(group, version));
    }

    private JsonObject Build(string group, string version)
    {
        var components = new JsonObject();
        var paths = new JsonObject();
        foreach (var t in registry.All.Where(t => t.Group == group && t.Version == version && !t.CreateOnly))
        {
            var rootName = RootComponentName(t);
            var gvk = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };
            var root = schemas.Root(t);
            var rootSchema = ToSchema(root, components, inlineRoot: true);
            rootSchema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
            components[rootName] = rootSchema;
            var listName = rootName + "List";
            components[listName] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("items"),
                ["properties"] = new JsonObject
                {
                    ["apiVersion"] = new JsonObject { ["type"] = "string" },
                    ["kind"] = new JsonObject { ["type"] = "string" },
                    ["items"] = new JsonObject { ["type"] = "array", ["items"] = Ref(rootName) },
                    ["metadata"] = new JsonObject { ["type"] = "object" },
                },
                ["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.ListKind }),
            };

            var prefix = (group.Length == 0 ? "/api/" + version : $"/apis/{group}/{version}") + (t.Namespaced ? "/namespaces/{namespace}" : string.Empty) + "/" + t.Plural;
            paths[prefix] = new JsonObject
            {
                ["get"] = Operation("list", gvk, rootName + "List", ["labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "resourceVersionMatch", "watch", "allowWatchBookmarks", "sendInitialEvents", "timeoutSeconds"]),
                ["post"] = Operation("post", gvk, rootName, ["dryRun", "fieldManager", "fieldValidation"]),
                ["delete"] = Operation("deletecollection", gvk, "Status", ["dryRun", "gracePeriodSeconds", "propagationPolicy", "labelSelector", "fieldSelector"]),
                ["parameters"] = PathParameters(t.Namespaced, named: false),
            };
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation("get", gvk, rootName, []),
                ["put"] = Operation("put", gvk, rootName, ["dryRun", "fieldManager", "fieldValidation"]),
                ["patch"] = Operation("patch", gvk, rootName, ["dryRun", "fieldManager", "fieldValidation", "force"]),
                ["delete"] = Operation("delete", gvk, "Status", ["dryRun", "gracePeriodSeconds", "propagationPolicy"]),
                ["parameters"] = PathParameters(t.Namespaced, named: true),
            };
            if (t.HasStatus)
            {
                paths[prefix + "/{name}/status"] = new JsonObject
                {
                    ["get"] = Operation("get", gvk, rootName, []),
                    ["put"] = Operation("put", gvk, rootName, ["dryRun", "fieldManager", "fieldValidation"]),
                    ["patch"] = Operation("patch", gvk, rootName, ["dryRun", "fieldManager", "fieldValidation", "force"]),
                    ["parameters"] = PathParameters(t.Namespaced, named: true),
                };
            }
        }

        components["io.k8s.apimachinery.pkg.apis.meta.v1.Status"] = new JsonObject
        {
            ["type"] = "object",
            ["x-kubernetes-preserve-unknown-fields"] = true,
            ["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = string.Empty, ["version"] = "v1", ["kind"] = "Status" }),
        };
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = VersionInfo.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = components },
        };
    }

    private static string RootComponentName(ResourceType t) =>
        t.IsCustom ? $"{string.Join('.', t.Group.Split('.').Reverse())}.{t.Version}.{t.Kind}" : $"io.k8s.api.{(t.Group.Length == 0 ? "core" : t.Group.Split('.')[0])}.{t.Version}.{t.Kind}";

    private static JsonObject Operation(string action, JsonObject gvk, string responseComponent, string[] queryParameters)
    {
        var parameters = new JsonArray();
        foreach (var p in queryParameters)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = p,
                ["in"] = "query",
                ["description"] = p,
                ["schema"] = new JsonObject { ["type"] = p is "limit" or "timeoutSeconds" or "gracePeriodSeconds" ? "integer" : p is "watch" or "allowWatchBookmarks" or "sendInitialEvents" or "force" ? "boolean" : "string", ["uniqueItems"] = true },
            });
        }

        var responseRef = responseComponent == "Status" ? "io.k8s.apimachinery.pkg.apis.meta.v1.Status" : responseComponent;
        return new JsonObject
        {
            ["operationId"] = action + gvk["kind"]!.GetValue<string>(),
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(responseRef) } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
    }

    private static JsonArray PathParameters(bool namespaced, bool named)
    {
        var list = new JsonArray();
        if (named)
        {
            list.Add(new JsonObject { ["name"] = "name", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
        }

        if (namespaced)
        {
            list.Add(new JsonObject { ["name"] = "namespace", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
        }

        list.Add(new JsonObject { ["name"] = "pretty", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
        return list;
    }

    private static JsonObject Ref(string component) => new() { ["$ref"] = "#/components/schemas/" + component };

    /// <summary>Renders a schema node, emitting named built-in types as components referenced by $ref.</summary>
    private static JsonObject ToSchema(SchemaNode node, JsonObject components, bool inlineRoot = false)
    {
        if (node.Raw is { } raw && node.ComponentName is null)
        {
            var copy = (JsonObject)raw.DeepClone();
            if (inlineRoot && copy["properties"] is JsonObject props)
            {
                props["metadata"] = Ref(Component(TypeSchemas.ObjectMeta, components));
                props["apiVersion"] ??= new JsonObject { ["type"] = "string" };
                props["kind"] ??= new JsonObject { ["type"] = "string" };
            }

            return copy;
        }

        if (node.ComponentName is not null && !inlineRoot)
        {
            return Ref(Component(node, components));
        }

        return Inline(node, components);
    }

    private static string Component(SchemaNode node, JsonObject components)
    {
        var name = node.ComponentName!;
        if (!components.ContainsKey(name))
        {
            components[name] = new JsonObject();
            components[name] = Inline(node, components);
        }

        return name;
    }

    private static JsonObject Inline(SchemaNode node, JsonObject components)
    {
        var schema = new JsonObject();
        switch (node.Kind)
        {
            case SchemaKind.Object:
                schema["type"] = "object";
                var props = new JsonObject();
                foreach (var (name, child) in node.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var childSchema = ToSchema(child, components);
                    if (child.Kind == SchemaKind.Array)
                    {
                        if (child.PatchStrategy is { } strategy)
                        {
                            childSchema["x-kubernetes-patch-strategy"] = strategy;
                        }

                        if (child.PatchMergeKey is { } key)
                        {
                            childSchema["x-kubernetes-patch-merge-key"] = key;
                        }

                        childSchema["x-kubernetes-list-type"] = child.ListType;
                        if (child.ListMapKeys.Count > 0)
                        {
                            childSchema["x-kubernetes-list-map-keys"] = new JsonArray(child.ListMapKeys.Select(k => (JsonNode)k).ToArray());
                        }
                    }
                    else if (child.PatchStrategy is { } structStrategy)
                    {
                        childSchema = new JsonObject { ["allOf"] = new JsonArray(childSchema), ["x-kubernetes-patch-strategy"] = structStrategy };
                    }

                    props[name] = childSchema;
                }

                schema["properties"] = props;
                if (node.PreserveUnknown)
                {
                    schema["x-kubernetes-preserve-unknown-fields"] = true;
                }

                break;
            case SchemaKind.Map:
                schema["type"] = "object";
                schema["additionalProperties"] = node.Values is null ? new JsonObject() : ToSchema(node.Values, components);
                if (node.MapAtomic)
                {
                    schema["x-kubernetes-map-type"] = "atomic";
                }

                break;
            case SchemaKind.Array:
                schema["type"] = "array";
                schema["items"] = node.Items is null ? new JsonObject() : ToSchema(node.Items, components);
                break;
            case SchemaKind.Scalar:
                switch (node.ScalarType)
                {
                    case "int-or-string":
                        schema["x-kubernetes-int-or-string"] = true;
                        break;
                    case "quantity":
                        schema["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" });
                        break;
                    case "date-time":
                        schema["type"] = "string";
                        schema["format"] = "date-time";
                        break;
                    case "byte":
                        schema["type"] = "string";
                        schema["format"] = "byte";
                        break;
                    default:
                        schema["type"] = node.ScalarType;
                        break;
                }

                break;
            default:
                schema["x-kubernetes-preserve-unknown-fields"] = true;
                break;
        }

        return schema;
    }
}
