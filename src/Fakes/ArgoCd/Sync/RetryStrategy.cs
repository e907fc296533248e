using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Templating;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Sync;

/// <summary>
/// <c>operation.retry</c> / <c>spec.syncPolicy.retry</c> [ug/auto_sync "Automatic Retry"; types.go RetryStrategy,
/// NextRetryAt]: wait before retry n (0-based) = duration × factor^n, capped at maxDuration; defaults 5s, 2, 3m.
/// Limit &lt; 0 retries forever, 0 never.
/// </summary>
public sealed record RetryStrategy(long Limit, TimeSpan Duration, long Factor, TimeSpan MaxDuration)
{
    public static readonly TimeSpan DefaultDuration = RetryStrategyDefaults.Duration;
    public static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromMinutes(3);

    /// <summary>What automated syncs get when the Application sets no retry (limit 5).</summary>
    public static RetryStrategy AutomatedDefault { get; } = new(5, DefaultDuration, 2, DefaultMaxDuration);

    public static RetryStrategy? FromJson(JsonObject? retry) => FromJson(retry, DefaultDuration);

    /// <summary>As <see cref="FromJson(JsonObject?)"/>, with <paramref name="defaultDuration"/> when no backoff.duration is set.</summary>
    public static RetryStrategy? FromJson(JsonObject? retry, TimeSpan defaultDuration)
    {
        if (retry is null)
        {
            return null;
        }

        return new RetryStrategy(
            Json.Long(retry, "limit") ?? 0,
            ParseDuration(Json.Str(retry, "backoff.duration")) ?? defaultDuration,
            Json.Long(retry, "backoff.factor") ?? 2,
            ParseDuration(Json.Str(retry, "backoff.maxDuration")) ?? DefaultMaxDuration);
    }

    public bool ShouldRetry(long retryCount) => Limit < 0 || retryCount < Limit;

    /// <summary>The delay before retry number <paramref name="retryCount"/> (0-based).</summary>
    public TimeSpan Delay(long retryCount)
    {
        var seconds = Duration.TotalSeconds * Math.Pow(Math.Max(1, Factor), retryCount);
        var delay = double.IsFinite(seconds) && seconds < MaxDuration.TotalSeconds ? TimeSpan.FromSeconds(seconds) : MaxDuration;
        return delay > MaxDuration ? MaxDuration : delay;
    }

    /// <summary>Parses plain seconds (<c>"5"</c>) or a Go duration (<c>"1m30s"</c>, <c>"500ms"</c>).</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            return TimeSpan.FromSeconds(plain);
        }

        return GoDuration.TryParse(text, out var duration, out _) ? duration : null;
    }
}

/// <summary>Argo CD's retry defaults.</summary>
public static class RetryStrategyDefaults
{
    /// <summary>The backoff base when none is configured.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);
}
