namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>
/// The latency model. Time to first token = <see cref="TimeToFirstToken"/> + <see cref="PrefillPerToken"/> × uncached
/// prompt tokens; then one token every <see cref="InterTokenLatency"/>. Each draw is normal with the given standard
/// deviation, clamped to ±70 % of the mean; every figure is multiplied by the load factor
/// 1 + (<see cref="LoadFactor"/> − 1) × (running − 1) / (max-num-seqs − 1). All zero = no delays.
/// </summary>
public sealed record LatencyOptions
{
    public static readonly LatencyOptions None = new();

    /// <summary>Name of the profile these figures came from, if any.</summary>
    public string? Profile { get; init; }

    public TimeSpan TimeToFirstToken { get; init; }

    public TimeSpan TimeToFirstTokenStdDev { get; init; }

    public TimeSpan InterTokenLatency { get; init; }

    public TimeSpan InterTokenLatencyStdDev { get; init; }

    /// <summary>Prefill cost per prompt token that is not a prefix-cache hit.</summary>
    public TimeSpan PrefillPerToken { get; init; }

    /// <summary>Slowdown when all max-num-seqs slots run (≥ 1; 1 = none).</summary>
    public double LoadFactor { get; init; } = 1.0;

    /// <summary>Suggested KV cache size for this hardware (blocks of 16 tokens), applied when the options set none.</summary>
    public int? SuggestedGpuBlocks { get; init; }

    public bool IsOff => TimeToFirstToken == TimeSpan.Zero && InterTokenLatency == TimeSpan.Zero && PrefillPerToken == TimeSpan.Zero;

    internal IEnumerable<string> Validate()
    {
        if (TimeToFirstToken < TimeSpan.Zero || InterTokenLatency < TimeSpan.Zero || PrefillPerToken < TimeSpan.Zero
            || TimeToFirstTokenStdDev < TimeSpan.Zero || InterTokenLatencyStdDev < TimeSpan.Zero)
        {
            yield return "latency figures must not be negative.";
        }

        if (LoadFactor < 1 || double.IsNaN(LoadFactor) || double.IsInfinity(LoadFactor))
        {
            yield return $"latency loadFactor must be a number ≥ 1, got {LoadFactor}.";
        }
    }
}
