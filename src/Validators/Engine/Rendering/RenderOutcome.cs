using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Rendering;

/// <summary>How rendering an app ended; <see cref="Reason"/> and <see cref="Finding"/> are set unless it rendered.</summary>
public sealed record RenderOutcome(RenderStatus Status, string? Reason, Finding? Finding)
{
    public static RenderOutcome Rendered { get; } = new(RenderStatus.Rendered, null, null);

    /// <summary>Could not be rendered here (RENDER002).</summary>
    public static RenderOutcome NotRendered(string reason, Finding finding) => new(RenderStatus.NotRendered, reason, finding);

    /// <summary>Rendering failed (RENDER001).</summary>
    public static RenderOutcome Failed(string reason, Finding finding) => new(RenderStatus.Failed, reason, finding);
}
