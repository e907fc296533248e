using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// A scenario file (<c>platformvalidation.io/v1alpha1</c>, <c>kind: Scenario</c>): the platform repo, its layers and
/// profiles, cost gates, groups files, externals, the smoke request, probes, substrate overrides, timeouts and the
/// (raw) live suites. Built by <see cref="ScenarioParser"/>; every element keeps where it was written.
/// </summary>
public sealed record Scenario(
    string Name,
    string? Description,
    string SourceFile,
    ScenarioRepo Repo,
    string? Environment,
    IReadOnlyList<ScenarioManifest> AlwaysApply,
    IReadOnlyList<ScenarioLayer> Layers,
    IReadOnlyList<ScenarioProfile> Profiles,
    IReadOnlyList<CostGate> CostGates,
    IReadOnlyList<GroupsFileSpec> Groups,
    IReadOnlyList<ExternalObject> Externals,
    SmokeRequest? Smoke,
    IReadOnlyDictionary<string, IReadOnlyList<ProbeCheck>> Probes,
    SubstrateOverrides Substrate,
    ScenarioTimeouts Timeouts,
    JsonNode? Suites)
{
    /// <summary>The only <c>apiVersion</c> this build reads.</summary>
    public const string ApiVersionV1Alpha1 = "platformvalidation.io/v1alpha1";

    /// <summary>The <c>kind</c> of a scenario file.</summary>
    public const string ScenarioKind = "Scenario";

    /// <summary>The layer named <paramref name="name"/>, or null.</summary>
    public ScenarioLayer? FindLayer(string name) => Layers.FirstOrDefault(l => l.Name == name);

    /// <summary>The profile named <paramref name="name"/>, or null.</summary>
    public ScenarioProfile? FindProfile(string name) => Profiles.FirstOrDefault(p => p.Name == name);

    /// <summary>The cluster Secrets Argo CD holds (<c>clusters:</c>), listed by the ApplicationSet clusters generator.</summary>
    public IReadOnlyList<ArgoCluster> Clusters { get; init; } = [];

    /// <summary>The cost gate of Application <paramref name="app"/>, or null.</summary>
    public CostGate? FindCostGate(string app) => CostGates.FirstOrDefault(g => g.App == app);
}

/// <summary>A repo-relative manifest path as written in the scenario.</summary>
public sealed record ScenarioManifest(string Path, SourceLocation Location);
