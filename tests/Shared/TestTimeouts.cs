using System.Globalization;

namespace PlatformValidation.Tests;

/// <summary>
/// The one place for test timeouts. Set PV_TEST_TIMEOUT_MULTIPLIER (e.g. 3) on slow machines; every wait scales.
/// </summary>
public static class TestTimeouts
{
    /// <summary>Multiplier read from PV_TEST_TIMEOUT_MULTIPLIER (default 1).</summary>
    public static double Multiplier { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("PV_TEST_TIMEOUT_MULTIPLIER"), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0 ? m : 1.0;

    /// <summary>A short wait (in-process servers answering).</summary>
    public static TimeSpan Short => Scale(TimeSpan.FromSeconds(10));

    /// <summary>A medium wait (a reconciler converging, a controller rolling out).</summary>
    public static TimeSpan Medium => Scale(TimeSpan.FromSeconds(60));

    /// <summary>A long wait (a whole scenario).</summary>
    public static TimeSpan Long => Scale(TimeSpan.FromMinutes(4));

    /// <summary>Milliseconds for [CancelAfter] on tests that wait (120 s scaled).</summary>
    public const int CancelAfterMs = 120_000;

    public static TimeSpan Scale(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks * Multiplier));

    /// <summary>A token that cancels after <paramref name="t"/> scaled by the multiplier.</summary>
    public static CancellationToken Token(TimeSpan t) => new CancellationTokenSource(Scale(t)).Token;
}
