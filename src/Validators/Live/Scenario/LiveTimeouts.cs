namespace PlatformValidation.Validators.Live.Scenario;

/// <summary>
/// The named timeouts of a live run. Each wait names the one it uses in its timeout message, so a user knows which
/// to raise. The scenario's <c>timeouts</c> section sets them; a substrate may scale them.
/// </summary>
public sealed record LiveTimeouts
{
    public static LiveTimeouts Default { get; } = new();

    /// <summary>Applying a profile's manifests (<c>timeouts.apply</c>).</summary>
    public TimeSpan Apply { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Every auto-sync app becoming Synced+Healthy (<c>timeouts.healthy</c>).</summary>
    public TimeSpan Healthy { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>An explicit sync, a scale or a prune taking effect (<c>timeouts.sync</c>).</summary>
    public TimeSpan Sync { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>One smoke request or probe (<c>timeouts.smoke</c>).</summary>
    public TimeSpan Smoke { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A scale-up or scale-down taking effect (<c>timeouts.scale</c>).</summary>
    public TimeSpan Scale { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>One <c>make doctor</c> probe answering as expected (<c>timeouts.probe</c>).</summary>
    public TimeSpan Probe { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A layer teardown or group prune completing (<c>timeouts.teardown</c>).</summary>
    public TimeSpan Teardown { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the state must hold when checking that something does not change (self-heal, prune).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long cleanup (scale to zero) may take after a cancellation or failure.</summary>
    public TimeSpan Cleanup { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often waits poll the cluster.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The waits for a real GPU pod (node provisioning, image pull, model load).</summary>
    public TimeSpan GpuPod { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>The defaults with the scenario file's <c>timeouts</c> applied.</summary>
    public static LiveTimeouts From(Scenarios.ScenarioTimeouts timeouts)
    {
        ArgumentNullException.ThrowIfNull(timeouts);
        var result = Default;
        foreach (var (name, value) in timeouts.Values)
        {
            result = result.With(name, value);
        }

        return result;
    }

    /// <summary>The names <see cref="ByName"/> and <see cref="With"/> accept.</summary>
    public static IReadOnlyList<string> Names { get; } = ["apply", "healthy", "sync", "smoke", "scale", "probe", "teardown", "settle", "cleanup", "gpuPod", "poll"];

    /// <summary>A copy with the timeout <paramref name="name"/> set (unknown names are ignored).</summary>
    public LiveTimeouts With(string name, TimeSpan value) => name switch
    {
        "apply" => this with { Apply = value },
        "healthy" => this with { Healthy = value },
        "sync" => this with { Sync = value },
        "smoke" => this with { Smoke = value },
        "scale" => this with { Scale = value },
        "probe" => this with { Probe = value },
        "teardown" => this with { Teardown = value },
        "settle" => this with { Settle = value },
        "cleanup" => this with { Cleanup = value },
        "gpuPod" => this with { GpuPod = value },
        "poll" => this with { PollInterval = value },
        _ => this,
    };

    /// <summary>Every timeout multiplied by <paramref name="factor"/> (a slow substrate), the poll interval kept.</summary>
    public LiveTimeouts Scaled(double factor) => this with
    {
        Apply = Apply * factor,
        Healthy = Healthy * factor,
        Sync = Sync * factor,
        Smoke = Smoke * factor,
        Scale = Scale * factor,
        Probe = Probe * factor,
        Teardown = Teardown * factor,
        Settle = Settle * factor,
        Cleanup = Cleanup * factor,
        GpuPod = GpuPod * factor,
    };

    /// <summary>A timeout by the name used in scenario files and messages.</summary>
    public TimeSpan ByName(string name) => name switch
    {
        "apply" => Apply,
        "healthy" => Healthy,
        "sync" => Sync,
        "smoke" => Smoke,
        "scale" => Scale,
        "probe" => Probe,
        "teardown" => Teardown,
        "settle" => Settle,
        "cleanup" => Cleanup,
        "gpuPod" => GpuPod,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown timeout name."),
    };
}
