namespace PlatformValidation.Fuzz.Tests.Harness;

/// <summary>Upper bounds for one fuzz test, far above the time budget (a fuzz test that overruns this is itself hung).</summary>
public static class FuzzTimeouts
{
    /// <summary>Milliseconds for [CancelAfter]: 10 minutes, so PV_FUZZ_SECONDS up to several minutes fits.</summary>
    public const int TestMs = 600_000;
}
