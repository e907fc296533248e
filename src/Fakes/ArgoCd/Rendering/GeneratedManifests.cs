using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.ArgoCd.Rendering;

/// <summary>
/// The desired state of an Application at resolved revisions, or why it could not be produced:
/// <see cref="InvalidSpec"/> becomes an InvalidSpecError condition, <see cref="ComparisonError"/> a ComparisonError.
/// </summary>
public sealed record GeneratedManifests(
    IReadOnlyList<JsonObject> Objects,
    IReadOnlyList<string> Revisions,
    string? ComparisonError = null,
    string? InvalidSpec = null,
    IReadOnlyList<string>? Warnings = null)
{
    public bool Succeeded => ComparisonError is null && InvalidSpec is null;
}
