using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Graph;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>One profile, expanded and turned into a resource graph.</summary>
public sealed record ProfileAnalysis(ScenarioProfile Profile, ExpandedProfile Expanded, ResourceGraph Graph)
{
    public string Name => Profile.Name;
}

/// <summary>Everything the analyzers read: the scenario, the repo, each profile's expansion and graph, and the groups files.</summary>
public sealed class AnalysisContext
{
    private readonly Dictionary<string, ScenarioLayer> layers;

    public AnalysisContext(Scenario scenario, RepoTree repo, IReadOnlyList<ProfileAnalysis> profiles, IReadOnlyList<GroupsFileState> groups)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(groups);
        Scenario = scenario;
        Repo = repo;
        Profiles = profiles;
        Groups = groups;
        layers = scenario.Layers.ToDictionary(l => l.Name, StringComparer.Ordinal);
    }

    public Scenario Scenario { get; }

    public RepoTree Repo { get; }

    public IReadOnlyList<ProfileAnalysis> Profiles { get; }

    public IReadOnlyList<GroupsFileState> Groups { get; }

    /// <summary>
    /// True without a scenario (<c>validate --repo</c>): there are no layers, cost gates or fork-init, so findings that
    /// encode a platform convention are warnings and fix texts name only what exists in this mode.
    /// </summary>
    public bool Discovered { get; init; }

    /// <summary>True when this repo's URL was guessed (no <c>--repo-url</c>, no git origin): REPO001 then says nothing.</summary>
    public bool RepoUrlGuessed { get; init; }

    /// <summary>What the cluster provides for the chosen platform presets.</summary>
    public ClusterDefaults Defaults { get; init; } = ClusterDefaults.Default;

    /// <summary>Accelerator resources that cost money while requested (GATE001); a trailing '*' matches by prefix.</summary>
    public IReadOnlyList<string> BillableResources { get; init; } = StaticValidatorOptions.DefaultBillableResources;

    /// <summary>Where environment-provided objects are declared in this mode, for fix texts.</summary>
    public string ExternalsHint => Discovered ? "--externals FILE (or pick a --platform preset)" : "the scenario's externals";

    /// <summary>Order and demo flag of a layer; the common manifests (AppProject) sort below every layer.</summary>
    public LayerPlacement Placement(string layer) =>
        layers.TryGetValue(layer, out var l) ? new LayerPlacement(l.Order, l.Demo) : new LayerPlacement(int.MinValue, false);

    /// <summary>
    /// Every distinct app over all profiles (first occurrence by name and manifest location), with the first
    /// (narrowest) profile that reaches it. Per-app checks run over this so each app is reported once.
    /// </summary>
    public IReadOnlyList<(ExpandedApp App, ProfileAnalysis Profile)> DistinctApps()
    {
        var seen = new HashSet<(string, SourceLocation)>();
        var result = new List<(ExpandedApp, ProfileAnalysis)>();
        foreach (var profile in Profiles)
        {
            foreach (var app in profile.Expanded.Apps)
            {
                if (seen.Add((app.Name, app.Manifest.Location)))
                {
                    result.Add((app, profile));
                }
            }
        }

        return result;
    }

    /// <summary>The profiles (in scenario order) whose expansion reaches an app named <paramref name="app"/>.</summary>
    public IEnumerable<ProfileAnalysis> ProfilesWith(string app) => Profiles.Where(p => p.Expanded.Apps.Any(a => a.Name == app));
}
