using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Expansion;

/// <summary>
/// Everything a profile reaches: per layer the top-level objects applied (common manifests first, as layer
/// <see cref="ProfileDefinition.CommonLayer"/>), every Application (in discovery order; the same name may occur
/// twice when two parents create it), every ApplicationSet, the AppProjects seen, and all findings.
/// </summary>
public sealed record ExpandedProfile(
    string Name,
    IReadOnlyList<ExpandedLayer> Layers,
    IReadOnlyList<ExpandedApp> Apps,
    IReadOnlyList<ExpandedApplicationSet> ApplicationSets,
    IReadOnlyList<AppProject> Projects,
    IReadOnlyList<Finding> Findings);
