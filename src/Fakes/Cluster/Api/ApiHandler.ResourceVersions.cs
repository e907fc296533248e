using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>The resourceVersion query parameter: parsing, and waiting for a version the store has not reached yet.</summary>
public sealed partial class ApiHandler
{
    /// <summary>
    /// How long a read at a future resourceVersion waits for the store to catch up before answering "Too large
    /// resource version" (the watch cache's blockTimeout, k8s.io/apiserver/pkg/storage/cacher/watch_cache.go: 3 s).
    /// </summary>
    public static readonly TimeSpan ResourceVersionWait = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The resourceVersion as a number (null for "" and "0", which mean "any"). Anything else is a 400, as the etcd3
    /// store answers (APIObjectVersioner.ParseResourceVersion → "invalid resource version: …").
    /// </summary>
    internal static long? ParseResourceVersion(string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
        {
            return null;
        }

        if (!ulong.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            var why = resourceVersion.All(char.IsAsciiDigit) ? "value out of range" : "invalid syntax";
            throw StatusErrors.BadRequest($"invalid resource version: resourceVersion: Invalid value: \"{resourceVersion}\": strconv.ParseUint: parsing \"{resourceVersion}\": {why}");
        }

        return parsed > long.MaxValue ? long.MaxValue : (long)parsed;
    }

    /// <summary>
    /// Waits (at most <see cref="ResourceVersionWait"/>) until the store has reached <paramref name="minimum"/>, then
    /// gives up with kube-apiserver's 504 (storage.NewTooLargeResourceVersionError: "Timeout: Too large resource
    /// version: N, current: M", retryAfterSeconds 1, cause ResourceVersionTooLarge).
    /// </summary>
    private async Task WaitForResourceVersionAsync(long? minimum, CancellationToken ct)
    {
        if (minimum is not { } wanted || Store.Objects.CurrentResourceVersion >= wanted)
        {
            return;
        }

        var deadline = core.Time.GetUtcNow() + ResourceVersionWait;
        var started = DateTime.UtcNow;
        while (Store.Objects.CurrentResourceVersion < wanted)
        {
            // Real time bounds the wait even when the cluster runs on a fake TimeProvider.
            if (core.Time.GetUtcNow() >= deadline || DateTime.UtcNow - started >= ResourceVersionWait)
            {
                throw TooLargeResourceVersion(wanted, Store.Objects.CurrentResourceVersion);
            }

            await Task.Delay(50, ct);
        }
    }

    internal static ApiException TooLargeResourceVersion(long wanted, long current) =>
        new(504, "Timeout", $"Timeout: Too large resource version: {wanted}, current: {current}", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ResourceVersionTooLarge", ["message"] = "Too large resource version" }),
            ["retryAfterSeconds"] = 1,
        }, 1);
}
