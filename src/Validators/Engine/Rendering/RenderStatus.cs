namespace PlatformValidation.Validators.Rendering;

/// <summary>Whether an app's desired resources are known.</summary>
public enum RenderStatus
{
    /// <summary>Every source rendered.</summary>
    Rendered,

    /// <summary>A source could not be rendered here (helm missing, remote repo or chart unreachable): RENDER002.</summary>
    NotRendered,

    /// <summary>A source failed to render (the tool's own error): RENDER001.</summary>
    Failed,
}
