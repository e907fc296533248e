using PlatformValidation.Fakes.Llm.Configuration;

namespace PlatformValidation.Fakes.Llm.Latency;

/// <summary>
/// Draws time to first token and inter-token latency from <see cref="LatencyOptions"/>: normal around the mean with the
/// configured standard deviation, clamped to ±70 % of the mean (as llm-d-inference-sim does), times the load factor.
/// </summary>
public sealed class LatencySampler(Random random)
{
    private readonly Lock gate = new();

    /// <summary>1 + (F − 1) × (running − 1) / (maxNumSeqs − 1), at least 1.</summary>
    public static double LoadFactor(LatencyOptions latency, int running, int maxNumSeqs)
    {
        ArgumentNullException.ThrowIfNull(latency);
        if (latency.LoadFactor <= 1 || maxNumSeqs <= 1 || running <= 1)
        {
            return 1;
        }

        return 1 + (latency.LoadFactor - 1) * Math.Min(1.0, (running - 1.0) / (maxNumSeqs - 1.0));
    }

    public TimeSpan TimeToFirstToken(LatencyOptions latency, int uncachedPromptTokens, double loadFactor)
    {
        ArgumentNullException.ThrowIfNull(latency);
        var baseline = Draw(latency.TimeToFirstToken, latency.TimeToFirstTokenStdDev);
        var prefill = latency.PrefillPerToken * uncachedPromptTokens;
        return (baseline + prefill) * loadFactor;
    }

    public TimeSpan InterToken(LatencyOptions latency, double loadFactor)
    {
        ArgumentNullException.ThrowIfNull(latency);
        return Draw(latency.InterTokenLatency, latency.InterTokenLatencyStdDev) * loadFactor;
    }

    private TimeSpan Draw(TimeSpan mean, TimeSpan stdDev)
    {
        if (mean <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        if (stdDev <= TimeSpan.Zero)
        {
            return mean;
        }

        double u1, u2;
        lock (gate)
        {
            u1 = 1.0 - random.NextDouble();
            u2 = random.NextDouble();
        }

        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        var ms = mean.TotalMilliseconds + z * stdDev.TotalMilliseconds;
        var clamped = Math.Clamp(ms, mean.TotalMilliseconds * 0.3, mean.TotalMilliseconds * 1.7);
        return TimeSpan.FromMilliseconds(clamped);
    }
}
