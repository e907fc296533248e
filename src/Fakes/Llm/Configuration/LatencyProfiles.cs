namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>
/// Named latency profiles of realistic defaults for a 7–8B model at low concurrency. Sources (see the README's
/// fake-llm section and docs/design/vllm-facts.md §4):
/// <list type="bullet">
/// <item><c>h100-8b</c>, <c>a100-8b</c>, <c>l40s-8b</c>: llm-d-inference-sim docs/latency-profiles.md reference table
/// (7–8B, 256-token prompt, batch 1: TTFT H100 60–120 ms, A100 100–180 ms, L40S 180–280 ms; ITL 10–15 / 15–25 / 25–35 ms;
/// prefill overhead 25–40 ms and per token 0.15–0.30 / 0.30–0.55 / 0.65–1.00 ms; "8B on H100 balanced": ITL 12 ± 2 ms,
/// time-factor-under-load 2.0). Midpoints are used.</item>
/// <item><c>l4-8b</c>: no public measurement of 8B BF16 on one L4 was found; derived from the L4's 300 GB/s memory
/// bandwidth (16 GB of weights → ≥ 54 ms/token, ≈ 70 ms at 75–80 % efficiency) and ≈ 50 % of 121 dense TFLOPS for
/// prefill (≈ 125 ms for 256 tokens, ≈ 325 ms for 1k). An estimate, not a measurement.</item>
/// <item>KV blocks: Llama-3.1-8B needs 128 KiB of KV per token (32 layers × 8 KV heads × 128 × 2 × 2 bytes); the block
/// count is the memory left after 16 GB of weights at 0.9 utilisation, less ≈ 20 % for activations and CUDA graphs (an
/// estimate), in blocks of 16 tokens.</item>
/// <item><c>fast</c>: small figures for tests and demos.</item>
/// </list>
/// </summary>
public static class LatencyProfiles
{
    private static readonly Dictionary<string, LatencyOptions> Profiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = LatencyOptions.None with { Profile = "none" },
        ["fast"] = new LatencyOptions
        {
            Profile = "fast",
            TimeToFirstToken = Ms(20),
            TimeToFirstTokenStdDev = Ms(2),
            InterTokenLatency = Ms(5),
            InterTokenLatencyStdDev = Ms(0.5),
            LoadFactor = 1.5,
        },
        ["h100-8b"] = new LatencyOptions
        {
            Profile = "h100-8b",
            TimeToFirstToken = Ms(32),
            TimeToFirstTokenStdDev = Ms(6),
            PrefillPerToken = Ms(0.22),
            InterTokenLatency = Ms(12),
            InterTokenLatencyStdDev = Ms(2),
            LoadFactor = 2.0,
            SuggestedGpuBlocks = 23_400,
        },
        ["a100-8b"] = new LatencyOptions
        {
            Profile = "a100-8b",
            TimeToFirstToken = Ms(32),
            TimeToFirstTokenStdDev = Ms(6),
            PrefillPerToken = Ms(0.42),
            InterTokenLatency = Ms(20),
            InterTokenLatencyStdDev = Ms(3),
            LoadFactor = 2.0,
            SuggestedGpuBlocks = 8_600,
        },
        ["l40s-8b"] = new LatencyOptions
        {
            Profile = "l40s-8b",
            TimeToFirstToken = Ms(32),
            TimeToFirstTokenStdDev = Ms(6),
            PrefillPerToken = Ms(0.82),
            InterTokenLatency = Ms(30),
            InterTokenLatencyStdDev = Ms(4),
            LoadFactor = 2.0,
            SuggestedGpuBlocks = 11_600,
        },
        ["l4-8b"] = new LatencyOptions
        {
            Profile = "l4-8b",
            TimeToFirstToken = Ms(58),
            TimeToFirstTokenStdDev = Ms(10),
            PrefillPerToken = Ms(0.26),
            InterTokenLatency = Ms(70),
            InterTokenLatencyStdDev = Ms(7),
            LoadFactor = 2.0,
            SuggestedGpuBlocks = 2_750,
        },
    };

    public static IReadOnlyCollection<string> Names => Profiles.Keys;

    public static bool TryGet(string name, out LatencyOptions profile)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Profiles.TryGetValue(name, out var found))
        {
            profile = found;
            return true;
        }

        profile = LatencyOptions.None;
        return false;
    }

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);
}
