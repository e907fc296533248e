using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Loading;

/// <summary>Builds the YAML001 findings the loader and the repo view report.</summary>
public static class LoadingFindings
{
    /// <summary>A file does not parse or cannot be read safely.</summary>
    public const string Yaml001 = "YAML001";

    /// <summary>A YAML001 error at <paramref name="location"/>.</summary>
    public static Finding Yaml(SourceLocation location, string message, string fixHint) =>
        new(Yaml001, Severity.Error, message, location, fixHint);
}
