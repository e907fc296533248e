using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Expansion;

/// <summary>Findings the expander raises on top of loading, parsing and rendering ones.</summary>
public static class ExpansionFindings
{
    /// <summary>An Application manages itself or an ancestor (app-of-apps cycle); expansion stops there.</summary>
    public const string Cycle = "ARGO002";

    public static Finding CycleFound(string app, SourceLocation location, string message) =>
        new(Cycle, Severity.Warning, message, location,
            "Remove the Application from its own rendered manifests (or from the app it manages), so each app has one parent.") { App = app };
}
