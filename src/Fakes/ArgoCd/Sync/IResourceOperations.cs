using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.ArgoCd.Sync;

/// <summary>How an object is written to the cluster.</summary>
public enum ApplyStrategy
{
    /// <summary><c>kubectl apply</c>: three-way merge with the last-applied annotation.</summary>
    ClientSide,

    /// <summary>Server-side apply with field manager <c>argocd-controller</c> and forced conflicts.</summary>
    ServerSide,

    /// <summary><c>kubectl replace</c> (or create when absent).</summary>
    Replace,
}

/// <summary>What API discovery says about a group/version/kind.</summary>
public sealed record DiscoveryResult(bool Found, bool Namespaced, string Plural, string Error)
{
    public static DiscoveryResult NotFound(string error) => new(false, false, string.Empty, error);
}

/// <summary>A Kubernetes API error surfaced to sync results (message as kubectl would print it).</summary>
public sealed class ResourceOperationException(string message, int statusCode = 0, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;

    public bool IsNotFound => StatusCode == 404;
}

/// <summary>The cluster operations a sync needs; implemented over KubernetesClient by <c>Kube.KubeResourceOperations</c>.</summary>
public interface IResourceOperations
{
    Task<DiscoveryResult> DiscoverAsync(string apiVersion, string kind, CancellationToken cancellationToken = default);

    Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name, CancellationToken cancellationToken = default);

    /// <summary>Applies and returns a kubectl-style message (<c>deployment.apps/x created</c>).</summary>
    Task<string> ApplyAsync(JsonObject obj, ApplyStrategy strategy, bool dryRun, CancellationToken cancellationToken = default);

    Task DeleteAsync(string apiVersion, string kind, string? ns, string name, string propagationPolicy, CancellationToken cancellationToken = default);

    Task RemoveFinalizerAsync(JsonObject live, string finalizer, CancellationToken cancellationToken = default);
}
