using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>Builds RENDER001 / RENDER002 / RENDER003 findings.</summary>
public static class RenderFindings
{
    /// <summary>An app's source fails to render.</summary>
    public const string Render001 = "RENDER001";

    /// <summary>An app's source could not be rendered here.</summary>
    public const string Render002 = "RENDER002";

    /// <summary>An app's rendered output changes on every render under Argo CD (random or generated values, the clock).</summary>
    public const string Render003 = "RENDER003";

    public static Finding Failed(string app, SourceLocation location, string message, string fixHint) =>
        new(Render001, Severity.Error, message, location, fixHint) { App = app };

    public static Finding NotRendered(string app, SourceLocation location, string message, string fixHint) =>
        new(Render002, Severity.Warning, message, location, fixHint) { App = app };

    public static Finding Volatile(string app, SourceLocation location, string message, string fixHint) =>
        new(Render003, Severity.Warning, message, location, fixHint) { App = app };
}
