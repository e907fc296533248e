namespace PlatformValidation.Fakes.ArgoCd.Health;

/// <summary>
/// Argo CD health codes, declared in the order of <c>healthOrder</c> so a larger value is worse:
/// Healthy &lt; Suspended &lt; Progressing &lt; Missing &lt; Degraded &lt; Unknown [ge/health/health.go IsWorse].
/// </summary>
public enum HealthStatusCode
{
    Healthy,
    Suspended,
    Progressing,
    Missing,
    Degraded,
    Unknown,
}

/// <summary>One health assessment: a code and Argo CD's message for it.</summary>
public sealed record HealthStatus(HealthStatusCode Status, string Message = "")
{
    public static HealthStatus Healthy(string message = "") => new(HealthStatusCode.Healthy, message);

    public static HealthStatus Progressing(string message = "") => new(HealthStatusCode.Progressing, message);

    public static HealthStatus Degraded(string message = "") => new(HealthStatusCode.Degraded, message);

    public static HealthStatus Suspended(string message = "") => new(HealthStatusCode.Suspended, message);

    public static HealthStatus Unknown(string message = "") => new(HealthStatusCode.Unknown, message);

    public static bool TryParse(string? text, out HealthStatusCode code) =>
        Enum.TryParse(text, ignoreCase: false, out code) && Enum.IsDefined(code);

    public static bool IsWorse(HealthStatusCode current, HealthStatusCode candidate) => candidate > current;
}
