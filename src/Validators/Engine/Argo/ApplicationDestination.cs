namespace PlatformValidation.Validators.Argo;

/// <summary><c>spec.destination</c>: exactly one of server or name, plus the namespace [§1.5].</summary>
public sealed record ApplicationDestination(string? Server, string? Name, string? Namespace)
{
    /// <summary>The in-cluster API server URL.</summary>
    public const string InClusterServer = "https://kubernetes.default.svc";

    /// <summary>The in-cluster cluster name.</summary>
    public const string InClusterName = "in-cluster";

    /// <summary>True when the destination is the cluster Argo CD runs in.</summary>
    public bool IsInCluster =>
        string.Equals(Server?.TrimEnd('/'), InClusterServer, StringComparison.Ordinal) ||
        (Server is null && string.Equals(Name, InClusterName, StringComparison.Ordinal));
}
