using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// One layer: the manifests <c>make root</c> applies for it, its order (lower layers must not depend on higher
/// ones: DEP002) and whether it holds demo/simulation apps that real layers must not depend on (DEP003).
/// </summary>
public sealed record ScenarioLayer(string Name, int Order, IReadOnlyList<ScenarioManifest> Manifests, bool Demo, SourceLocation Location);

/// <summary>A profile: the ordered layers <c>make root PROFILE=name</c> applies.</summary>
public sealed record ScenarioProfile(string Name, IReadOnlyList<string> Layers, SourceLocation Location);
