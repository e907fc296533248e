using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Expansion;

/// <summary>One ApplicationSet reached by a profile and the names of the Applications it generated.</summary>
public sealed record ExpandedApplicationSet(
    string Name,
    string Layer,
    AppParent? Parent,
    ManifestObject Manifest,
    ApplicationSet? Model,
    IReadOnlyList<string> GeneratedApps,
    bool Succeeded);
