using System.Text.Json.Nodes;
using PlatformValidation.Validators.Patching;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>The shape of a schema node.</summary>
public enum SchemaKind
{
    /// <summary>A struct with named properties.</summary>
    Object,

    /// <summary>A map from string keys to <see cref="SchemaNode.Values"/>.</summary>
    Map,

    Array,

    Scalar,

    /// <summary>Anything (raw extension, preserve-unknown-fields without properties).</summary>
    Any,
}

/// <summary>
/// One node of a type schema: what strategic merge, server-side apply, pruning, field validation and the
/// OpenAPI documents need to know about a field (its kind, list semantics, merge key, patch strategy).
/// </summary>
public sealed class SchemaNode : IStrategicMergeSchema
{
    private readonly Func<IReadOnlyDictionary<string, SchemaNode>>? propertiesFactory;
    private IReadOnlyDictionary<string, SchemaNode>? properties;

    public SchemaNode(SchemaKind kind, Func<IReadOnlyDictionary<string, SchemaNode>>? properties = null)
    {
        Kind = kind;
        propertiesFactory = properties;
    }

    public SchemaKind Kind { get; }

    /// <summary>For scalars: string, integer, number, boolean, int-or-string, quantity, date-time, byte.</summary>
    public string ScalarType { get; init; } = "string";

    public IReadOnlyDictionary<string, SchemaNode> Properties => properties ??= propertiesFactory?.Invoke() ?? new Dictionary<string, SchemaNode>();

    public SchemaNode? Items { get; init; }

    public SchemaNode? Values { get; init; }

    /// <summary>Strategic merge patch strategy of a list or struct field: merge, replace, retainKeys, "merge,retainKeys".</summary>
    public string? PatchStrategy { get; init; }

    public string? PatchMergeKey { get; init; }

    /// <summary>Server-side apply list semantics: atomic, set or map.</summary>
    public string ListType { get; init; } = "atomic";

    public IReadOnlyList<string> ListMapKeys { get; init; } = [];

    /// <summary>x-kubernetes-map-type: atomic (replace whole) vs granular.</summary>
    public bool MapAtomic { get; init; }

    /// <summary>x-kubernetes-preserve-unknown-fields: keep fields not in <see cref="Properties"/>.</summary>
    public bool PreserveUnknown { get; init; }

    /// <summary>The component name in OpenAPI documents (built-in types), or null for inline schemas.</summary>
    public string? ComponentName { get; init; }

    /// <summary>The original JSON schema of a CRD node (for value validation: enum, pattern, bounds, required).</summary>
    public JsonObject? Raw { get; init; }

    public IReadOnlyList<string> Required { get; init; } = [];

    public bool MergesByKey => Kind == SchemaKind.Array && PatchStrategy?.Contains("merge", StringComparison.Ordinal) == true;

    public static SchemaNode AnyValue { get; } = new(SchemaKind.Any) { PreserveUnknown = true };

    public static SchemaNode Scalar(string type) => new(SchemaKind.Scalar) { ScalarType = type };

    bool IStrategicMergeSchema.MergesAsMap => Kind is SchemaKind.Object or SchemaKind.Map or SchemaKind.Any;

    bool IStrategicMergeSchema.AtomicMap => MapAtomic;

    bool IStrategicMergeSchema.IsList => Kind == SchemaKind.Array;

    IStrategicMergeSchema IStrategicMergeSchema.ListItems => Items ?? AnyValue;

    /// <summary>The schema of a struct's field or a map's values; anything else has free-form children.</summary>
    IStrategicMergeSchema IStrategicMergeSchema.Field(string key) => Kind switch
    {
        SchemaKind.Object => Properties.TryGetValue(key, out var f) ? f : AnyValue,
        SchemaKind.Map => Values ?? AnyValue,
        _ => AnyValue,
    };
}
