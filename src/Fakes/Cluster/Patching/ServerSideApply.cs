using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Patching;

/// <summary>
/// Server-side apply: merges an applied configuration into the live object by the schema's list and map semantics,
/// records the manager's applied field set, removes fields the manager applied before and no longer applies (unless
/// another manager owns them), and reports conflicts with other managers (409) unless forced.
/// </summary>
public static class ServerSideApply
{
    public static JsonObject Apply(ResourceType type, JsonObject live, JsonObject config, string manager, bool force, string? subresource, DateTimeOffset now, TypeSchemas schemas)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(schemas);
        var schema = schemas.Root(type);
        var entries = ManagedFieldsTracker.Read(live.Obj("metadata")?["managedFields"] as JsonArray);
        config = (JsonObject)config.DeepClone();
        CompleteKeys(config, live, schema);
        var applied = FieldPaths.Collect(StripForApply(config, type, subresource), schema);
        var liveFields = FieldPaths.Collect(live, schema);

        // Conflicts: a field this apply sets to a different value than another manager owns.
        var conflicts = new List<(string Path, ManagedEntry Owner)>();
        foreach (var (path, value) in applied)
        {
            if (value is null)
            {
                continue;
            }

            var differs = !liveFields.TryGetValue(path, out var current) || !JsonNode.DeepEquals(current, value);
            if (!differs)
            {
                continue;
            }

            foreach (var e in entries.Where(e => e.Manager != manager || e.Operation != "Apply"))
            {
                if (e.Fields.Contains(path) && e.Subresource == subresource)
                {
                    conflicts.Add((path, e));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            throw ConflictError(type, live.Name(), conflicts);
        }

        foreach (var (path, owner) in conflicts)
        {
            owner.Fields.Remove(path);
        }

        var result = (JsonObject)live.DeepClone();
        var cleanConfig = StripForApply(config, type, subresource);
        Merge(result, cleanConfig, schema);

        // Fields this manager applied before and no longer applies are removed unless someone else owns them.
        var previous = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Apply" && e.Subresource == subresource);
        if (previous is not null)
        {
            var others = entries.Where(e => e != previous).SelectMany(e => e.Fields).ToHashSet(StringComparer.Ordinal);
            var candidates = previous.Fields.Where(p => !applied.ContainsKey(p) && !others.Contains(p)).OrderByDescending(p => p.Length).ToList();
            if (candidates.Count > 0)
            {
                // A path recorded before a key was defaulted (k:{"port":80} vs k:{"port":80,"protocol":"TCP"}) still
                // names an element this apply keeps: never remove what an applied path resolves to.
                var kept = new HashSet<JsonNode>(ReferenceEqualityComparer.Instance);
                foreach (var a in applied.Keys)
                {
                    if (FieldPaths.Read(result, a, out var found) is { } node && found)
                    {
                        kept.Add(node);
                    }
                }

                foreach (var path in candidates)
                {
                    if (FieldPaths.Read(result, path, out var found) is { } node && found && kept.Contains(node))
                    {
                        continue;
                    }

                    FieldPaths.Remove(result, path);
                }
            }

            entries.Remove(previous);
        }

        var mine = new ManagedEntry(manager, "Apply", type.ApiVersion, subresource, applied.Keys.ToHashSet(StringComparer.Ordinal), JsonNodes.Rfc3339(now));
        entries.Insert(0, mine);
        entries.RemoveAll(e => e.Fields.Count == 0);
        result.Metadata()["managedFields"] = ManagedFieldsTracker.Write(entries);
        return result;
    }

    /// <summary>
    /// Fills list-map key fields an applied item leaves out (a defaulted protocol: TCP) from the one live item that
    /// matches on the keys it does give, so the item merges with that element instead of duplicating it.
    /// </summary>
    private static void CompleteKeys(JsonNode? config, JsonNode? live, SchemaNode schema)
    {
        switch (config)
        {
            case JsonObject co when live is JsonObject lo:
                foreach (var (k, v) in co)
                {
                    CompleteKeys(v, lo[k], FieldPaths.Field(schema, k));
                }

                break;
            case JsonArray ca when live is JsonArray la && schema.Kind == SchemaKind.Array && schema.ListType == "map" && schema.ListMapKeys.Count > 0:
                foreach (var item in ca.OfType<JsonObject>())
                {
                    var present = schema.ListMapKeys.Where(item.ContainsKey).ToList();
                    var matches = la.OfType<JsonObject>().Where(l => present.All(p => JsonNode.DeepEquals(l[p], item[p]))).ToList();
                    if (matches.Count == 1)
                    {
                        foreach (var missing in schema.ListMapKeys.Where(key => !item.ContainsKey(key)))
                        {
                            if (matches[0][missing] is { } value)
                            {
                                item[missing] = value.DeepClone();
                            }
                        }

                        CompleteKeys(item, matches[0], schema.Items ?? SchemaNode.AnyValue);
                    }
                }

                break;
        }
    }

    private static JsonObject StripForApply(JsonObject config, ResourceType type, string? subresource)
    {
        var copy = (JsonObject)config.DeepClone();
        if (subresource == "status")
        {
            foreach (var key in copy.Select(p => p.Key).Where(k => k is not ("status" or "metadata" or "apiVersion" or "kind")).ToList())
            {
                copy.Remove(key);
            }
        }
        else if (type.HasStatus)
        {
            copy.Remove("status");
        }

        if (copy["metadata"] is JsonObject md)
        {
            md.Remove("managedFields");
            md.Remove("resourceVersion");
        }

        return copy;
    }

    /// <summary>Merges <paramref name="config"/> into <paramref name="target"/>: maps by key, associative lists by keys, sets by value.</summary>
    private static void Merge(JsonObject target, JsonObject config, SchemaNode schema)
    {
        foreach (var (key, value) in config)
        {
            var field = FieldPaths.Field(schema, key);
            var existing = target[key];
            switch (value)
            {
                case JsonObject vo when existing is JsonObject eo && !field.MapAtomic && field.Kind is SchemaKind.Object or SchemaKind.Map or SchemaKind.Any:
                    Merge(eo, vo, field);
                    break;
                case JsonArray va when existing is JsonArray ea && field.Kind == SchemaKind.Array && field.ListType == "map" && field.ListMapKeys.Count > 0:
                    foreach (var item in va.OfType<JsonObject>())
                    {
                        var key2 = FieldPaths.KeyOf(item, field.ListMapKeys);
                        var match = ea.OfType<JsonObject>().FirstOrDefault(i => FieldPaths.KeyOf(i, field.ListMapKeys) == key2);
                        if (match is null)
                        {
                            ea.Add(item.DeepClone());
                        }
                        else
                        {
                            Merge(match, item, field.Items ?? SchemaNode.AnyValue);
                        }
                    }

                    break;
                case JsonArray va when existing is JsonArray ea && field.Kind == SchemaKind.Array && field.ListType == "set":
                    foreach (var item in va)
                    {
                        if (!ea.Any(e => JsonNode.DeepEquals(e, item)))
                        {
                            ea.Add(item?.DeepClone());
                        }
                    }

                    break;
                default:
                    target[key] = value?.DeepClone();
                    break;
            }
        }
    }

    private static ApiException ConflictError(ResourceType type, string name, List<(string Path, ManagedEntry Owner)> conflicts)
    {
        var causes = new JsonArray();
        foreach (var (path, owner) in conflicts)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with \"{owner.Manager}\"{(owner.Operation == "Update" ? $" using {owner.ApiVersion}" : string.Empty)}",
                ["field"] = FieldPaths.Display(path),
            });
        }

        string message;
        if (conflicts.Count == 1)
        {
            var (path, owner) = conflicts[0];
            message = $"Apply failed with 1 conflict: conflict with \"{owner.Manager}\"{(owner.Operation == "Update" ? $" using {owner.ApiVersion}" : string.Empty)}: {FieldPaths.Display(path)}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => c.Owner.Manager).Select(g =>
                $"conflicts with \"{g.Key}\"{(g.First().Owner.Operation == "Update" ? $" using {g.First().Owner.ApiVersion}" : string.Empty)}:\n" + string.Join("\n", g.Select(c => "- " + FieldPaths.Display(c.Path))));
            message = $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", lines);
        }

        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        details["causes"] = causes;
        return new ApiException(409, "Conflict", message, details);
    }
}
