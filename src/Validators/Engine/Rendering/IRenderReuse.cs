using PlatformValidation.Validators.Argo;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// A source of renders made earlier, for an Application whose manifest and inputs are known not to have changed
/// (<c>validate --base</c> reuses the base revision's renders at the head). Returning null renders as usual.
/// </summary>
public interface IRenderReuse
{
    /// <summary>The earlier render of <paramref name="app"/>, or null when it must be rendered again.</summary>
    RenderResult? TryReuse(Application app);
}
