using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Live.Scenario;

/// <summary>
/// A scenario as a live run reads it: the parsed scenario file (<see cref="Model"/>, the one scenario model — the
/// steps read its cost gates, groups, smoke request, probes and substrate directly, so every documented field reaches
/// the code that uses it), plus what a run derives from it: the profiles as ordered layer manifests, the timeouts in
/// force and the suites to run.
/// </summary>
public sealed record LiveScenario
{
    public LiveScenario(Scenarios.Scenario model, IReadOnlyList<SuiteDefinition>? suites = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Profiles = model.Profiles.Select(p => new ProfileDefinition(
            p.Name,
            p.Layers.Select(l => model.FindLayer(l)!).Select(l => new LayerDefinition(l.Name, l.Manifests.Select(m => m.Path).ToList())).ToList())
        {
            CommonManifests = model.AlwaysApply.Select(m => m.Path).ToList(),
        }).ToList();
        Probes = ProbeInheritance.Resolve(model);
        Timeouts = LiveTimeouts.From(model.Timeouts);
        Suites = suites ?? SuiteDefinition.Defaults;
    }

    /// <summary>The parsed scenario file.</summary>
    public Scenarios.Scenario Model { get; init; }

    public string Name => Model.Name;

    /// <summary>The file the scenario was read from, for messages.</summary>
    public string SourceFile => Model.SourceFile;

    /// <summary>The checkout under test (<c>repo.path</c>, or the <c>--repo</c> directory).</summary>
    public string RepoDirectory => Model.Repo.Directory;

    public IReadOnlyList<string> RepoUrls => Model.Repo.Urls;

    public string Revision => Model.Repo.Revision;

    /// <summary>The canonical repoURL (the first of <see cref="RepoUrls"/>).</summary>
    public string CanonicalRepoUrl => RepoUrls.Count > 0 ? RepoUrls[0] : string.Empty;

    /// <summary>The profiles in order (narrowest first), each as the manifests <c>make root</c> applies.</summary>
    public IReadOnlyList<ProfileDefinition> Profiles { get; }

    public IReadOnlyList<CostGate> CostGates => Model.CostGates;

    public IReadOnlyList<GroupsFileSpec> Groups => Model.Groups;

    public SmokeRequest? Smoke => Model.Smoke;

    /// <summary>The probes of each profile, those of narrower profiles included unless a probe says <c>inherit: false</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ProbeCheck>> Probes { get; }

    public SubstrateOverrides Substrate => Model.Substrate;

    /// <summary>The named timeouts (the scenario's <c>timeouts</c> over the defaults).</summary>
    public LiveTimeouts Timeouts { get; init; }

    /// <summary>The suites <c>matrix</c> runs.</summary>
    public IReadOnlyList<SuiteDefinition> Suites { get; init; }

    /// <summary>This scenario over another checkout of the repo (<c>--repo DIR</c>).</summary>
    public LiveScenario WithRepo(string directory) =>
        new(Model with { Repo = Model.Repo with { Directory = Path.GetFullPath(directory) } }, Suites) { Timeouts = Timeouts };

    public ProfileDefinition Profile(string name) =>
        Profiles.FirstOrDefault(p => p.Name == name)
        ?? throw new ScenarioRunException($"Profile '{name}' is not defined in scenario '{Name}' (profiles: {string.Join(", ", Profiles.Select(p => p.Name))}).");
}
