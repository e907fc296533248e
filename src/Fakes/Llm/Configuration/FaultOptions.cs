namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>
/// Faults injected into generation requests (<c>/v1/chat/completions</c>, <c>/v1/completions</c>): a fraction failing
/// with a status, added latency, streams that stall or whose connection drops after some tokens, and health turning
/// unhealthy. Set at start-up, at runtime through <c>POST /admin/config</c>, or per request with the
/// <c>X-Fake-*</c> headers (see <see cref="Faults.FaultHeaders"/>).
/// </summary>
public sealed record FaultOptions
{
    public static readonly FaultOptions None = new();

    /// <summary>Fraction (0–1) of requests answered with <see cref="ErrorStatus"/>.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Status of injected errors (400–599).</summary>
    public int ErrorStatus { get; init; } = 503;

    /// <summary>Delay added before the first token of every request.</summary>
    public TimeSpan AddedLatency { get; init; }

    /// <summary>Fraction (0–1) of streams that stop sending after <see cref="StallAfterTokens"/> tokens, holding the connection open.</summary>
    public double StallRate { get; init; }

    public int StallAfterTokens { get; init; } = 1;

    /// <summary>How long a stalled stream stays open before the server closes it.</summary>
    public TimeSpan StallDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Fraction (0–1) of streams whose connection is aborted after <see cref="DropAfterTokens"/> tokens.</summary>
    public double DropRate { get; init; }

    public int DropAfterTokens { get; init; } = 1;

    /// <summary><c>/health</c> and <c>/ping</c> answer 503 (vLLM's dead-engine answer).</summary>
    public bool Unhealthy { get; init; }

    /// <summary>Seed for deciding which requests fail; null: random.</summary>
    public int? Seed { get; init; }

    internal IEnumerable<string> Validate()
    {
        foreach (var (name, rate) in new[] { ("errorRate", ErrorRate), ("stallRate", StallRate), ("dropRate", DropRate) })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                yield return $"faults.{name} must be a fraction between 0 and 1, got {rate}.";
            }
        }

        if (ErrorStatus is < 400 or > 599)
        {
            yield return $"faults.errorStatus must be an HTTP error status (400–599), got {ErrorStatus}.";
        }

        if (StallAfterTokens < 0 || DropAfterTokens < 0)
        {
            yield return "faults.stallAfterTokens and faults.dropAfterTokens must not be negative.";
        }

        if (AddedLatency < TimeSpan.Zero || StallDuration < TimeSpan.Zero)
        {
            yield return "faults.addedLatency and faults.stallDuration must not be negative.";
        }
    }
}
