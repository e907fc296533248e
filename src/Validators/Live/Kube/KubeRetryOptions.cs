namespace PlatformValidation.Validators.Live.Kube;

/// <summary>How calls to the Kubernetes API are retried when the server answers 429/5xx, drops the connection or stalls.</summary>
public sealed record KubeRetryOptions
{
    /// <summary>The defaults: 6 retries, 100 ms base delay (exponential with jitter), 15 s per attempt.</summary>
    public static KubeRetryOptions Default { get; } = new();

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>The first backoff delay; later ones grow exponentially (a server's Retry-After wins when given).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one attempt may take before it is abandoned and retried (watch requests are exempt).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
