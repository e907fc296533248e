using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Live.Kube;

/// <summary>Names one object in a cluster: apiVersion, kind, namespace (null for cluster-scoped) and name.</summary>
public sealed record ObjectRef(string ApiVersion, string Kind, string? Namespace, string Name)
{
    /// <summary>The group part of <see cref="ApiVersion"/> ("" for the core group).</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;

    /// <summary>The reference of an object body.</summary>
    public static ObjectRef Of(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new ObjectRef(
            body["apiVersion"]?.GetValue<string>() ?? string.Empty,
            body["kind"]?.GetValue<string>() ?? string.Empty,
            body["metadata"]?["namespace"]?.GetValue<string>(),
            body["metadata"]?["name"]?.GetValue<string>() ?? string.Empty);
    }

    /// <summary><c>Kind namespace/name</c>, for messages.</summary>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
