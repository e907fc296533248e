using System.Globalization;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Llm.Api;
using PlatformValidation.Fakes.Llm.Configuration;

namespace PlatformValidation.Fakes.Llm.Faults;

/// <summary>The faults one request will meet, decided when it arrives from the configuration and its headers.</summary>
public sealed record FaultPlan(int? ErrorStatus, TimeSpan AddedLatency, int? StallAfterTokens, TimeSpan StallDuration, int? DropAfterTokens)
{
    public static readonly FaultPlan None = new(null, TimeSpan.Zero, null, TimeSpan.Zero, null);

    public static FaultPlan Decide(FaultOptions faults, IHeaderDictionary headers, Func<double> roll)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(roll);
        var status = Header(headers, FaultHeaders.Error, 400, 599) ?? Header(headers, FaultHeaders.ReturnError, 400, 599);
        if (status is null && faults.ErrorRate > 0 && roll() < faults.ErrorRate)
        {
            status = faults.ErrorStatus;
        }

        var latency = faults.AddedLatency;
        if (Header(headers, FaultHeaders.LatencyMs, 0, 3_600_000) is { } ms)
        {
            latency += TimeSpan.FromMilliseconds(ms);
        }

        var stall = Header(headers, FaultHeaders.StallAfter, 0, int.MaxValue);
        if (stall is null && faults.StallRate > 0 && roll() < faults.StallRate)
        {
            stall = faults.StallAfterTokens;
        }

        var drop = Header(headers, FaultHeaders.DropAfter, 0, int.MaxValue);
        if (drop is null && faults.DropRate > 0 && roll() < faults.DropRate)
        {
            drop = faults.DropAfterTokens;
        }

        return status is null && latency == TimeSpan.Zero && stall is null && drop is null
            ? None
            : new FaultPlan(status, latency, stall, faults.StallDuration, drop);
    }

    private static int? Header(IHeaderDictionary headers, string name, int min, int max)
    {
        if (!headers.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (int.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw ApiError.BadRequest($"Header {name} must be a whole number from {min} to {max}.", name);
    }
}
