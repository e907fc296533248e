namespace PlatformValidation.Validators.Live.Reports.Html;

/// <summary>
/// One resource of the AppHost (cluster, Argo CD, git server, fake LLM, runner, dashboard) as the report shows it.
/// Text comes already redacted from the resource's own log; the view redacts again.
/// </summary>
public sealed record HostResourceView(string Name, string Type, string State)
{
    /// <summary>The health verdict in words (e.g. <c>healthy</c>, <c>starting</c>, <c>unhealthy</c>).</summary>
    public string Health { get; init; } = "unknown";

    /// <summary>The names of the health checks the orchestrator waits on.</summary>
    public IReadOnlyList<string> HealthChecks { get; init; } = [];

    /// <summary>Why the resource failed, when it did.</summary>
    public string? Error { get; init; }

    public IReadOnlyList<HostEndpoint> Endpoints { get; init; } = [];

    public IReadOnlyList<string> DependsOn { get; init; } = [];

    public TimeSpan? TimeToHealthy { get; init; }

    /// <summary>The newest lines of the resource's log.</summary>
    public IReadOnlyList<string> Log { get; init; } = [];
}

/// <summary>A named URL where a resource can be reached.</summary>
public sealed record HostEndpoint(string Name, string? Url);
