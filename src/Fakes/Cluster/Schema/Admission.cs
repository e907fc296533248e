using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>
/// What runs on every write between decoding and storage: unknown-field handling (prune, Strict/Warn), defaulting,
/// create-time initial state, and validation (built-in rules and CRD schemas).
/// </summary>
public sealed class Admission
{
    public Admission(TypeSchemas schemas, ServiceIpAllocator serviceIps)
    {
        Schemas = schemas;
        ServiceIps = serviceIps;
    }

    public TypeSchemas Schemas { get; }

    public ServiceIpAllocator ServiceIps { get; }

    /// <summary>Reports unknown fields per the fieldValidation directive (Strict → 400, Warn → warnings).</summary>
    public void CheckFields(ResourceType type, JsonObject obj, OperationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (ctx.FieldValidation == FieldValidation.Ignore)
        {
            return;
        }

        var unknown = new List<string>();
        FindUnknown(obj, Schemas.Root(type), string.Empty, unknown);
        if (unknown.Count == 0)
        {
            return;
        }

        if (ctx.FieldValidation == FieldValidation.Strict)
        {
            throw StatusErrors.BadRequest("strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
        }

        ctx.Warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
    }

    /// <summary>Prunes unknown fields, applies defaults and create-time state.</summary>
    public void Mutate(ResourceType type, JsonObject obj, JsonObject? old, OperationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(type);
        Prune(obj, Schemas.Root(type));
        KindDefaults.Apply(type, obj, old, this);
    }

    /// <summary>Field errors that make the write 422 Invalid.</summary>
    public List<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        ArgumentNullException.ThrowIfNull(type);
        var errors = new List<FieldError>();
        if (type.IsCustom && type.OpenApiSchema is { } schema)
        {
            CrdValidation.Validate(obj, schema, string.Empty, errors, topLevel: true);
        }

        KindValidation.Validate(type, obj, old, errors);
        return errors;
    }

    private static void FindUnknown(JsonNode? node, SchemaNode schema, string path, List<string> unknown)
    {
        switch (node)
        {
            case JsonObject o when schema.Kind == SchemaKind.Object:
                foreach (var (k, v) in o)
                {
                    var childPath = path.Length == 0 ? k : path + "." + k;
                    if (schema.Properties.TryGetValue(k, out var child))
                    {
                        FindUnknown(v, child, childPath, unknown);
                    }
                    else if (!schema.PreserveUnknown)
                    {
                        unknown.Add(childPath);
                    }
                }

                break;
            case JsonObject o when schema.Kind == SchemaKind.Map && schema.Values is { } values:
                foreach (var (k, v) in o)
                {
                    FindUnknown(v, values, path + "." + k, unknown);
                }

                break;
            case JsonArray a when schema.Kind == SchemaKind.Array && schema.Items is { } items:
                for (var i = 0; i < a.Count; i++)
                {
                    FindUnknown(a[i], items, $"{path}[{i}]", unknown);
                }

                break;
        }
    }

    /// <summary>Drops fields a schema does not declare (what decoding into Go structs or CRD pruning does).</summary>
    public static void Prune(JsonNode? node, SchemaNode schema)
    {
        switch (node)
        {
            case JsonObject o when schema.Kind == SchemaKind.Object:
                foreach (var (k, v) in o.ToList())
                {
                    if (schema.Properties.TryGetValue(k, out var child))
                    {
                        Prune(v, child);
                    }
                    else if (!schema.PreserveUnknown)
                    {
                        o.Remove(k);
                    }
                }

                break;
            case JsonObject o when schema.Kind == SchemaKind.Map && schema.Values is { } values:
                foreach (var (_, v) in o)
                {
                    Prune(v, values);
                }

                break;
            case JsonArray a when schema.Kind == SchemaKind.Array && schema.Items is { } items:
                foreach (var item in a)
                {
                    Prune(item, items);
                }

                break;
        }
    }
}
