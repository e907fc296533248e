using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PlatformValidation.Fakes.Cluster.StandIns;

/// <summary>
/// What backs one container of a simulated pod: started by the kubelet simulation when the pod runs, asked for
/// readiness, reached through the service and pod proxies, stopped when the pod ends.
/// </summary>
public interface IStandIn : IAsyncDisposable
{
    /// <summary>Starts the container's process equivalent; writes its startup lines through <see cref="StandInContext.Log"/>.</summary>
    Task StartAsync(StandInContext context, CancellationToken cancellationToken = default);

    /// <summary>Whether the container answers its readiness probe now.</summary>
    bool IsReady { get; }

    /// <summary>The exit code once the container has finished (run-to-completion workloads), else null.</summary>
    int? ExitCode { get; }

    /// <summary>Whether something listens on <paramref name="port"/> (what a port-forward dials); by default every port.</summary>
    bool Listens(int port) => true;

    /// <summary>Serves one proxied HTTP request addressed to <paramref name="port"/>; false when nothing listens there.</summary>
    Task<bool> ServeAsync(HttpContext context, int port, string pathAndQuery, CancellationToken cancellationToken = default);
}

/// <summary>Creates stand-ins of one kind ("generic", "fake-llm", …).</summary>
public interface IStandInFactory
{
    string Kind { get; }

    IStandIn Create();
}

/// <summary>Everything a stand-in knows about the container it stands in for.</summary>
public sealed record StandInContext
{
    public required JsonObject Pod { get; init; }

    public required JsonObject Container { get; init; }

    /// <summary>Environment with Secret/ConfigMap references (env, envFrom) resolved.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>command + args as the container would run them.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>Writes one line to the container's log (what kubectl logs shows).</summary>
    public required Action<string> Log { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>Configured exit code for run-to-completion pods (Jobs): 0 unless the options say otherwise.</summary>
    public int ExitCode { get; init; }

    /// <summary>Call when the container exits on its own (after setting <see cref="IStandIn.ExitCode"/>), so the kubelet notices.</summary>
    public Action Exited { get; init; } = () => { };

    /// <summary>How long a run-to-completion container runs.</summary>
    public TimeSpan RunDuration { get; init; }

    public string PodName => Pod["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;

    public string ContainerName => Container["name"]?.GetValue<string>() ?? string.Empty;

    public string Image => Container["image"]?.GetValue<string>() ?? string.Empty;
}
