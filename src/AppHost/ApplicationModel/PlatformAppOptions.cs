namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>Settings of a composed system.</summary>
public sealed record PlatformAppOptions
{
    /// <summary>Where resources put their files for this run (removed at shutdown); default a fresh temp directory.</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>How long each resource may take to stop.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often health checks are polled while starting.</summary>
    public TimeSpan HealthPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Keep the scratch directory at shutdown (<c>reproduce</c> keeps the kubeconfig there).</summary>
    public bool KeepScratchDirectory { get; init; }
}
