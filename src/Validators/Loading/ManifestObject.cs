using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// One Kubernetes object as read from Git or rendered from a source, with the place it came from.
/// The body is plain JSON (<see cref="JsonObject"/>): the one representation every part of the product shares.
/// </summary>
public sealed record ManifestObject(JsonObject Body, SourceLocation Location)
{
    public string ApiVersion => Body["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public string Kind => Body["kind"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    /// <summary>The API group ("" for the core group).</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;

    public string Name => Metadata("name") ?? string.Empty;

    public string? Namespace => Metadata("namespace");

    private string? Metadata(string key) =>
        Body["metadata"] is JsonObject m && m[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary><c>group/Kind namespace/name</c>, for messages.</summary>
    public override string ToString() => $"{(Group.Length == 0 ? string.Empty : Group + "/")}{Kind} {(Namespace is null ? string.Empty : Namespace + "/")}{Name} ({Location})";
}
