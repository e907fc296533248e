using System.Globalization;
using PlatformValidation.Tests;

namespace PlatformValidation.Fuzz.Tests.Harness;

/// <summary>
/// How long and with which seed the fuzz targets run. CI uses the defaults (a fixed seed, a few seconds per target);
/// longer runs set <c>PV_FUZZ_SECONDS</c> (seconds per target) and <c>PV_FUZZ_SEED</c> (a number, or <c>random</c>).
/// </summary>
public static class FuzzSettings
{
    /// <summary>The seed CI uses, so a red run can be replayed exactly.</summary>
    public const ulong DefaultSeed = 20261207;

    /// <summary>Seconds per target unless <c>PV_FUZZ_SECONDS</c> says otherwise (7 targets × 6 s plus the fixed deep inputs stay about a minute).</summary>
    public const double DefaultSecondsPerTarget = 6;

    /// <summary>Time each target may spend generating and running cases (<c>PV_FUZZ_SECONDS</c>).</summary>
    public static TimeSpan Budget { get; } = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("PV_FUZZ_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : DefaultSecondsPerTarget);

    /// <summary>The run's seed (<c>PV_FUZZ_SEED</c>: a number, or <c>random</c> for a new one each run; printed with every report).</summary>
    public static ulong Seed { get; } = Environment.GetEnvironmentVariable("PV_FUZZ_SEED") switch
    {
        null or "" => DefaultSeed,
        "random" => (ulong)Random.Shared.NextInt64(1, long.MaxValue),
        var text when ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed) => seed,
        var text => throw new InvalidOperationException($"PV_FUZZ_SEED must be a whole number or 'random', got '{text}'."),
    };

    /// <summary>
    /// How long one case may run before it counts as a hang (10 s, scaled by <c>PV_TEST_TIMEOUT_MULTIPLIER</c>). Parsers
    /// answer most inputs in milliseconds; the slowest capped input known (a 300-byte YAML alias bomb stopped at the
    /// loader's 2,000,000-node limit) takes about 3 s on a quiet 2-core machine, so 10 s leaves room for a busy one.
    /// </summary>
    public static TimeSpan CaseTimeout { get; } = TestTimeouts.Scale(TimeSpan.FromSeconds(10));
}
