namespace PlatformValidation.Validators.Expansion;

/// <summary>
/// A profile as <c>make root PROFILE=…</c> applies it: <see cref="CommonManifests"/> first (e.g. the AppProject),
/// then each layer's manifests in order. Paths are repo-relative files or directories.
/// </summary>
public sealed record ProfileDefinition(string Name, IReadOnlyList<LayerDefinition> Layers)
{
    /// <summary>The layer name given to objects from <see cref="CommonManifests"/>.</summary>
    public const string CommonLayer = "common";

    /// <summary>Manifests applied for every profile before the layers.</summary>
    public IReadOnlyList<string> CommonManifests { get; init; } = [];
}

/// <summary>One layer: its name and the manifests (files or directories) applied for it.</summary>
public sealed record LayerDefinition(string Name, IReadOnlyList<string> Manifests);
