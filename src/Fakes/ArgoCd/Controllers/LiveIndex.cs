using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Controllers;

/// <summary>Which live objects each app instance tracks, maintained from cluster-cache events.</summary>
public sealed class LiveIndex
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<ResourceKey, byte>> byInstance = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ResourceKey, string> ownerOf = new();

    /// <summary>Updates the index; returns the previous and current owner instance (either may be null).</summary>
    public (string? Before, string? After) Update(JsonObject obj, string? owner, bool deleted)
    {
        var key = ResourceKey.Of(obj);
        ownerOf.TryGetValue(key, out var before);
        if (before is not null && (deleted || before != owner) && byInstance.TryGetValue(before, out var old))
        {
            old.TryRemove(key, out _);
        }

        if (deleted || owner is null)
        {
            ownerOf.TryRemove(key, out _);
            return (before, null);
        }

        ownerOf[key] = owner;
        byInstance.GetOrAdd(owner, _ => new ConcurrentDictionary<ResourceKey, byte>())[key] = 0;
        return (before, owner);
    }

    public IReadOnlyCollection<ResourceKey> KeysOf(string instance) =>
        byInstance.TryGetValue(instance, out var keys) ? keys.Keys.ToList() : [];
}
