using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Lifecycle;

/// <summary>Records core/v1 Events for what controllers do (also readable as events.k8s.io/v1), aggregating repeats.</summary>
public sealed class EventRecorder
{
    private readonly ClusterCore core;
    private readonly ConcurrentDictionary<string, string> names = new(StringComparer.Ordinal);

    public EventRecorder(ClusterCore core) => this.core = core;

    public void Normal(JsonObject involved, string reason, string message, string component) => Record(involved, "Normal", reason, message, component);

    public void Warning(JsonObject involved, string reason, string message, string component) => Record(involved, "Warning", reason, message, component);

    public void Record(JsonObject involved, string type, string reason, string message, string component, string? fieldPath = null)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var ns = involved.Namespace() ?? "default";
        var type0 = core.Core("events");
        var now = core.Time.GetUtcNow();
        var key = $"{involved.Uid()}|{reason}|{message}|{fieldPath}";
        try
        {
            if (names.TryGetValue(key, out var existingName) && core.Store.TryGet(type0, ns, existingName) is { } existing)
            {
                var next = existing.Clone();
                next["count"] = (existing.Long("count") ?? 1) + 1;
                next["lastTimestamp"] = JsonNodes.Rfc3339(now);
                core.Store.Update(type0, ns, existingName, next, OperationContext.Controller(component));
                return;
            }

            var name = $"{involved.Name()}.{now.UtcTicks:x}{Random.Shared.Next(0, 0xfff):x3}";
            var involvedRef = new JsonObject
            {
                ["kind"] = involved.Str("kind"),
                ["namespace"] = involved.Namespace(),
                ["name"] = involved.Name(),
                ["uid"] = involved.Uid(),
                ["apiVersion"] = involved.Str("apiVersion"),
                ["resourceVersion"] = involved.Str("metadata", "resourceVersion"),
            };
            if (involved.Namespace() is null)
            {
                involvedRef.Remove("namespace");
            }

            if (fieldPath is not null)
            {
                involvedRef["fieldPath"] = fieldPath;
            }

            var ev = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["involvedObject"] = involvedRef,
                ["reason"] = reason,
                ["message"] = message,
                ["source"] = new JsonObject { ["component"] = component },
                ["firstTimestamp"] = JsonNodes.Rfc3339(now),
                ["lastTimestamp"] = JsonNodes.Rfc3339(now),
                ["count"] = 1,
                ["type"] = type,
                ["eventTime"] = null,
                ["reportingComponent"] = component,
                ["reportingInstance"] = string.Empty,
            };
            core.Store.Create(type0, ns, ev, OperationContext.Controller(component));
            names[key] = name;
        }
        catch (ApiException)
        {
            // Events are best effort, as for real (a terminating namespace refuses them).
        }
    }

    internal static string Hex(long v) => v.ToString("x", CultureInfo.InvariantCulture);
}
