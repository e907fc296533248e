using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// The desired objects of one Application (namespace-defaulted, duplicates resolved last-wins across sources), how
/// rendering ended, and every finding raised on the way (YAML001 from files, RENDER001/002).
/// </summary>
public sealed record RenderResult(IReadOnlyList<ManifestObject> Objects, RenderOutcome Outcome, IReadOnlyList<Finding> Findings);
