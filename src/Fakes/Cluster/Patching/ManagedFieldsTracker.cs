using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Patching;

/// <summary>One managedFields entry: who owns which fields through which operation.</summary>
public sealed record ManagedEntry(string Manager, string Operation, string ApiVersion, string? Subresource, HashSet<string> Fields, string? Time)
{
    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
            ["apiVersion"] = ApiVersion,
            ["time"] = Time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = FieldPaths.ToFieldsV1(Fields),
        };
        if (Subresource is not null)
        {
            o["subresource"] = Subresource;
        }

        return o;
    }

    public static ManagedEntry FromJson(JsonObject o) => new(
        o.Str("manager") ?? string.Empty,
        o.Str("operation") ?? "Update",
        o.Str("apiVersion") ?? string.Empty,
        o.Str("subresource"),
        FieldPaths.FromFieldsV1(o.Obj("fieldsV1")),
        o.Str("time"));
}

/// <summary>Maintains metadata.managedFields on updates (the fields a write changed become its manager's).</summary>
public static class ManagedFieldsTracker
{
    /// <summary>Updates <paramref name="next"/>'s managedFields for a non-apply write by <paramref name="manager"/>.</summary>
    public static void RecordUpdate(ResourceType type, JsonObject? previous, JsonObject next, string manager, string operation, string? subresource, DateTimeOffset now, TypeSchemas? schemas = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(next);
        var md = next.Metadata();
        var sentManaged = md["managedFields"];
        List<ManagedEntry> entries;
        if (sentManaged is JsonArray { Count: 0 })
        {
            entries = [];
        }
        else if (sentManaged is JsonArray sent && previous is not null && !JsonNode.DeepEquals(sent, previous.Obj("metadata")?["managedFields"]))
        {
            entries = Read(sent);
        }
        else
        {
            entries = Read(previous?.Obj("metadata")?["managedFields"] as JsonArray);
        }

        var schema = (schemas ?? DefaultSchemas).Root(type);
        var after = FieldPaths.Collect(next, schema);
        var before = previous is null ? new Dictionary<string, JsonNode?>() : FieldPaths.Collect(previous, schema);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, value) in after)
        {
            if (!before.TryGetValue(path, out var old) || !JsonNode.DeepEquals(old, value))
            {
                changed.Add(path);
            }
        }

        var removed = before.Keys.Where(p => !after.ContainsKey(p)).ToHashSet(StringComparer.Ordinal);
        if (changed.Count == 0 && removed.Count == 0 && previous is not null)
        {
            md["managedFields"] = Write(entries);
            if (entries.Count == 0)
            {
                md.Remove("managedFields");
            }

            return;
        }

        foreach (var e in entries)
        {
            e.Fields.ExceptWith(changed);
            e.Fields.ExceptWith(removed);
        }

        var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == operation && e.Subresource == subresource);
        var time = JsonNodes.Rfc3339(now);
        if (mine is null)
        {
            mine = new ManagedEntry(manager, operation, type.ApiVersion, subresource, new HashSet<string>(StringComparer.Ordinal), time);
            entries.Add(mine);
        }

        mine.Fields.UnionWith(changed);
        var index = entries.IndexOf(mine);
        entries[index] = mine with { Time = time, ApiVersion = type.ApiVersion };
        entries.RemoveAll(e => e.Fields.Count == 0);
        if (entries.Count == 0)
        {
            md.Remove("managedFields");
        }
        else
        {
            md["managedFields"] = Write(entries);
        }
    }

    public static void SetTimes(JsonArray managed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(managed);
        foreach (var e in managed.OfType<JsonObject>())
        {
            e["time"] ??= JsonNodes.Rfc3339(now);
        }
    }

    public static List<ManagedEntry> Read(JsonArray? managed) =>
        managed?.OfType<JsonObject>().Select(ManagedEntry.FromJson).ToList() ?? [];

    public static JsonArray Write(IEnumerable<ManagedEntry> entries) =>
        new(entries.Select(e => (JsonNode)e.ToJson()).ToArray());

    internal static TypeSchemas DefaultSchemas { get; } = new();
}
