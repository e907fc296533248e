using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Findings;

/// <summary>
/// One problem found in a platform repo: a stable ID from the catalogue (YAML001 … SEC001), a message that names
/// the entity, where it is, and what to do about it.
/// </summary>
public sealed record Finding(
    string Id,
    Severity Severity,
    string Message,
    SourceLocation? Location,
    string FixHint)
{
    /// <summary>The profile the finding was found in, when it is profile-specific.</summary>
    public string? Profile { get; init; }

    /// <summary>The Argo CD Application the finding concerns, when there is one.</summary>
    public string? App { get; init; }
}
