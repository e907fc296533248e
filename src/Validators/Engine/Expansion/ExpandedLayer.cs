using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Expansion;

/// <summary>One layer of an expanded profile: the manifests it applies and the top-level objects in them.</summary>
public sealed record ExpandedLayer(string Name, IReadOnlyList<string> Manifests, IReadOnlyList<ManifestObject> Objects);
