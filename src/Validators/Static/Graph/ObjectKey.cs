namespace PlatformValidation.Validators.Graph;

/// <summary>An object's identity in a cluster: group, kind, namespace (null when cluster-scoped) and name.</summary>
public sealed record ObjectKey(string Group, string Kind, string? Namespace, string Name)
{
    /// <summary>The key of a Namespace object.</summary>
    public static ObjectKey ForNamespace(string name) => new(string.Empty, "Namespace", null, name);

    /// <summary>The API group of an apiVersion ("" for the core group).</summary>
    public static string GroupOf(string? apiVersion) =>
        apiVersion is null || !apiVersion.Contains('/', StringComparison.Ordinal) ? string.Empty : apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)];

    /// <summary><c>Kind namespace/name</c>, followed by the group when it is not core, for messages.</summary>
    public override string ToString() =>
        $"{Kind} {(Namespace is null ? string.Empty : Namespace + "/")}{Name}{(Group.Length == 0 ? string.Empty : " (" + Group + ")")}";
}

/// <summary>A kind of an API group.</summary>
public sealed record GroupKind(string Group, string Kind)
{
    public override string ToString() => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}
