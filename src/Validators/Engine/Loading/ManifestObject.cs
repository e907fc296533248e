using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// One Kubernetes object as read from Git or rendered from a source, with the place it came from.
/// The body is plain JSON (<see cref="JsonObject"/>): the one representation every part of the product shares.
/// Treat the body as read-only; use <see cref="DeepClone"/> before changing it.
/// </summary>
public sealed record ManifestObject(JsonObject Body, SourceLocation Location)
{
    /// <summary>Where each node of <see cref="Body"/> was written (for mapping members: the key), when known.</summary>
    public NodeLocations? Locations { get; init; }

    public string ApiVersion => Body["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public string Kind => Body["kind"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    /// <summary>The API group ("" for the core group).</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;

    public string Name => Metadata("name") ?? string.Empty;

    public string? Namespace => Metadata("namespace");

    /// <summary>
    /// The location of the node at <paramref name="jsonPointer"/> (RFC 6901, e.g. <c>/spec/syncPolicy/automated</c>),
    /// or of its nearest existing ancestor, or <see cref="Location"/> when nothing closer is known.
    /// </summary>
    public SourceLocation LocationOf(string jsonPointer)
    {
        ArgumentNullException.ThrowIfNull(jsonPointer);
        if (Locations is null)
        {
            return Location;
        }

        var best = Location;
        JsonNode? node = Body;
        foreach (var token in JsonPointer.Split(jsonPointer))
        {
            node = JsonPointer.Child(node, token);
            if (node is null)
            {
                break;
            }

            if (Locations.Find(node) is { } found)
            {
                best = found;
            }
        }

        return best;
    }

    /// <summary>The location of <paramref name="node"/> (a node of <see cref="Body"/>), or <see cref="Location"/>.</summary>
    public SourceLocation LocationOf(JsonNode? node)
    {
        for (var n = node; n is not null; n = n.Parent)
        {
            if (Locations?.Find(n) is { } found)
            {
                return found;
            }
        }

        return Location;
    }

    /// <summary>A copy with its own body; node locations carry over to the copied nodes.</summary>
    public ManifestObject DeepClone()
    {
        var copy = Body.DeepClone().AsObject();
        return this with { Body = copy, Locations = Locations?.Remap(Body, copy) };
    }

    private string? Metadata(string key) =>
        Body["metadata"] is JsonObject m && m[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary><c>group/Kind namespace/name</c>, for messages.</summary>
    public override string ToString() => $"{(Group.Length == 0 ? string.Empty : Group + "/")}{Kind} {(Namespace is null ? string.Empty : Namespace + "/")}{Name} ({Location})";
}
