using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>How names of a kind are validated (the API server's per-kind name rule).</summary>
public enum NameRule
{
    /// <summary>RFC 1123 subdomain (most kinds).</summary>
    Dns1123Subdomain,

    /// <summary>RFC 1123 label (namespaces).</summary>
    Dns1123Label,

    /// <summary>RFC 1035 label (services).</summary>
    Dns1035Label,

    /// <summary>Any path segment without '/' or '%' (RBAC kinds).</summary>
    PathSegment,
}

/// <summary>Where a kind's scale subresource reads and writes replicas.</summary>
public sealed record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);

/// <summary>A column of <c>kubectl get</c> output: a CRD's additionalPrinterColumn or a built-in printer column.</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string? Format = null, int Priority = 0, string Description = "");

/// <summary>One served resource: group/version/plural with its kind, scope, names and subresources.</summary>
public sealed record ResourceType
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Plural { get; init; }

    public required string Kind { get; init; }

    public required bool Namespaced { get; init; }

    public string Singular { get; init; } = string.Empty;

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;

    public bool HasStatus { get; init; }

    public ScaleSubresource? Scale { get; init; }

    /// <summary>Extra subresources served (log, proxy, binding, finalize, …).</summary>
    public IReadOnlyList<string> ExtraSubresources { get; init; } = [];

    /// <summary>Whether metadata.generation is maintained.</summary>
    public bool HasGeneration { get; init; }

    /// <summary>Whether DELETE answers with the object rather than a Status.</summary>
    public bool ReturnsDeletedObject { get; init; }

    public NameRule NameRule { get; init; } = NameRule.Dns1123Subdomain;

    /// <summary>Defined by a CustomResourceDefinition.</summary>
    public bool IsCustom { get; init; }

    /// <summary>The version objects are stored at (for CRDs the storage version; built-ins their only version).</summary>
    public string StorageVersion { get; init; } = string.Empty;

    /// <summary>Printer columns for Table output (CRD additionalPrinterColumns).</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>The openAPIV3Schema of a CRD version (null for built-ins, whose schema comes from the typed models).</summary>
    public JsonObject? OpenApiSchema { get; init; }

    /// <summary>A CRD version's selectableFields (JSON paths without the leading dot).</summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    /// <summary>Only create is allowed (reviews) — objects are never stored.</summary>
    public bool CreateOnly { get; init; }

    public static readonly IReadOnlyList<string> StandardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public GroupResource GroupResource => new(Group, Plural);

    /// <summary>Where objects are stored; differs from <see cref="GroupResource"/> when two groups share storage (events).</summary>
    public GroupResource StorageResource => SharedStorage ?? GroupResource;

    /// <summary>Set when this resource is another view of a resource of another group (events.k8s.io/v1 events).</summary>
    public GroupResource? SharedStorage { get; init; }

    public string ListKind => Kind + "List";

    /// <summary>"deployments.apps" or "pods": the qualified resource used in error messages.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>"Deployment.apps" or "Pod": the qualified kind used in Invalid messages.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : Kind + "." + Group;

    public override string ToString() => $"{ApiVersion}/{Plural}";
}

/// <summary>Group and plural resource name: the storage identity of a resource across its versions.</summary>
public readonly record struct GroupResource(string Group, string Resource)
{
    public override string ToString() => Group.Length == 0 ? Resource : Resource + "." + Group;
}
