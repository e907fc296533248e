using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Storage;

/// <summary>The kind of change a watch event reports.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One committed change: the object as stored after it (for Deleted, the last state) and the state before.</summary>
public sealed record StoreEvent(long ResourceVersion, GroupResource Resource, WatchEventType Type, JsonObject Object, JsonObject? Previous)
{
    public string WireType => Type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        _ => "DELETED",
    };
}
