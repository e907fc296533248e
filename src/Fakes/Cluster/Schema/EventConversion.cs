using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>Converts Events between core/v1 (the storage form) and events.k8s.io/v1, field by field as the API server does.</summary>
public static class EventConversion
{
    private static readonly (string Core, string EventsV1)[] Renames =
    [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
        ("source", "deprecatedSource"),
        ("reportingComponent", "reportingController"),
    ];

    public static JsonObject ToEventsV1(JsonObject core)
    {
        ArgumentNullException.ThrowIfNull(core);
        var e = core.Clone();
        e["apiVersion"] = "events.k8s.io/v1";
        foreach (var (from, to) in Renames)
        {
            Move(e, from, to);
        }

        return e;
    }

    public static JsonObject ToCoreV1(JsonObject eventsV1)
    {
        ArgumentNullException.ThrowIfNull(eventsV1);
        var e = eventsV1.Clone();
        if (e.Str("apiVersion") == "events.k8s.io/v1")
        {
            foreach (var (core, v1) in Renames)
            {
                Move(e, v1, core);
            }
        }

        e["apiVersion"] = "v1";
        e["kind"] = "Event";
        return e;
    }

    private static void Move(JsonObject o, string from, string to)
    {
        if (o.TryGetPropertyValue(from, out var v))
        {
            o.Remove(from);
            o[to] = v;
        }
    }
}
