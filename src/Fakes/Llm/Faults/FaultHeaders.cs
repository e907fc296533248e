namespace PlatformValidation.Fakes.Llm.Faults;

/// <summary>Per-request fault headers (test controls; a real vLLM ignores them).</summary>
public static class FaultHeaders
{
    /// <summary>Answer with this HTTP status (400–599) instead of generating.</summary>
    public const string Error = "X-Fake-Error";

    /// <summary>llm-d-inference-sim's name for <see cref="Error"/>, accepted for compatibility.</summary>
    public const string ReturnError = "X-Return-Error";

    /// <summary>Milliseconds added before the first token.</summary>
    public const string LatencyMs = "X-Fake-Latency-Ms";

    /// <summary>Stop sending after this many tokens and hold the connection open.</summary>
    public const string StallAfter = "X-Fake-Stall-After";

    /// <summary>Abort the connection after this many tokens.</summary>
    public const string DropAfter = "X-Fake-Drop-After";
}
