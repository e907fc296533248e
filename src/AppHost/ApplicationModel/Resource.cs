namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>Base of every resource: name, annotations, state (with the time it changed), log and the last error.</summary>
public abstract class Resource : IResource
{
    private readonly Lock gate = new();

    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public string Name { get; }

    public ResourceAnnotationCollection Annotations { get; } = new();

    public ResourceLog Log { get; } = new();

    public ResourceState State { get; private set; } = ResourceState.NotStarted;

    /// <summary>Why the resource failed, when it did (redacted).</summary>
    public string? Error { get; private set; }

    /// <summary>How long the resource took from start to healthy.</summary>
    public TimeSpan? TimeToHealthy { get; internal set; }

    /// <summary>Raised when <see cref="State"/> changes.</summary>
    public event Action<Resource, ResourceState>? StateChanged;

    public void SetState(ResourceState state, string? error = null)
    {
        lock (gate)
        {
            State = state;
            if (error is not null)
            {
                Error = Validators.Live.Secrets.SecretRedactor.Shared.Redact(error);
            }
        }

        Log.Write($"[{Name}] {state}{(error is null ? string.Empty : ": " + Error)}");
        StateChanged?.Invoke(this, state);
    }

    public override string ToString() => $"{Name} ({GetType().Name}, {State})";
}
