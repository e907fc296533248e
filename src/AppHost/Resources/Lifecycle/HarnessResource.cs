namespace PlatformValidation.AppHost.Resources.Lifecycle;

/// <summary>
/// An Aspire custom resource whose work runs inside the AppHost (the simulated cluster, the simulated Argo CD, the git
/// server, the scenario runner…). <see cref="HarnessLifecycle"/> starts it once what it waits for is healthy, publishes
/// its state through <see cref="ResourceNotificationService"/>, routes <see cref="Log"/> to
/// <see cref="ResourceLoggerService"/>, and stops it in reverse start order.
/// </summary>
public abstract class HarnessResource(string name) : Resource(name), IResourceWithWaitSupport
{
    /// <summary>The resource's log (shown on the Aspire Dashboard and in the HTML report; redacted as written).</summary>
    public ResourceLog Log { get; } = new();

    /// <summary>The type shown on the dashboard (e.g. <c>SimulatedCluster</c>).</summary>
    public virtual string ResourceType => GetType().Name.EndsWith("Resource", StringComparison.Ordinal) ? GetType().Name[..^"Resource".Length] : GetType().Name;

    /// <summary>How long the resource may take from the start of its dependencies being healthy to being healthy itself.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The state last published (a <see cref="KnownResourceStates"/> value).</summary>
    public string State { get; internal set; } = KnownResourceStates.NotStarted;

    /// <summary>Why the resource failed, when it did (redacted).</summary>
    public string? Error { get; internal set; }

    /// <summary>How long the resource took from start to healthy.</summary>
    public TimeSpan? TimeToHealthy { get; internal set; }

    /// <summary>Does the resource's work; returns once it is ready to be health-checked.</summary>
    public virtual Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Undoes <see cref="StartAsync"/>; called in reverse start order, never twice.</summary>
    public virtual Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Where the resource can be reached now, by name (published as its URLs once it runs).</summary>
    public virtual IEnumerable<(string Name, Uri Url)> Urls() => [];

    /// <summary>Where state updates go once the AppHost runs the resource.</summary>
    internal ResourceNotificationService? Notifications { get; set; }

    /// <summary>Publishes a state of the resource's own (e.g. the runner's "Running suites") with properties shown on the dashboard.</summary>
    protected async Task PublishStateAsync(string state, string style, params ResourcePropertySnapshot[] properties)
    {
        State = state;
        if (Notifications is { } notifications)
        {
            await notifications.PublishUpdateAsync(this, s => s with
            {
                State = new ResourceStateSnapshot(state, style),
                Properties = properties.Length == 0 ? s.Properties : [.. s.Properties.Where(p => properties.All(n => n.Name != p.Name)), .. properties],
            });
        }
    }

    public override string ToString() => $"{Name} ({ResourceType}, {State})";
}
