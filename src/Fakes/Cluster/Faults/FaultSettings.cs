namespace PlatformValidation.Fakes.Cluster.Faults;

/// <summary>
/// Fault injection for reliability scenarios. Rates are fractions (0..1) of API requests; watch limits cut streams.
/// Health endpoints (/healthz, /livez, /readyz, /version) are never faulted.
/// </summary>
public sealed record FaultSettings
{
    public static FaultSettings None { get; } = new();

    /// <summary>Fraction of requests answered 500 InternalError.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Fraction of requests answered 429 TooManyRequests with Retry-After.</summary>
    public double ThrottleRate { get; init; }

    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Fraction of requests delayed by <see cref="Delay"/> before being served.</summary>
    public double DelayRate { get; init; }

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Watch streams end after this many events (null: never).</summary>
    public int? WatchCutAfterEvents { get; init; }

    /// <summary>Watch streams end after this long (null: never).</summary>
    public TimeSpan? WatchCutAfter { get; init; }

    /// <summary>Only requests whose path contains this string are faulted (null: all API requests).</summary>
    public string? PathFilter { get; init; }

    /// <summary>Seed for the random choices (null: nondeterministic).</summary>
    public int? Seed { get; init; }
}
