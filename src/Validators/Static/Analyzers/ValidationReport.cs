using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>What one profile reached.</summary>
public sealed record ProfileSummary(string Name, IReadOnlyList<string> Layers, int Apps, int ApplicationSets, int Resources)
{
    /// <summary>The names of the apps the profile reaches.</summary>
    public IReadOnlySet<string> AppNames { get; init; } = new HashSet<string>();

    /// <summary>The apps whose sources did not render (RENDER001/RENDER002): what they provide and require is unknown.</summary>
    public IReadOnlyList<string> NotRendered { get; init; } = [];

    /// <summary>How many of <see cref="Apps"/> rendered.</summary>
    public int RenderedApps => Apps - NotRendered.Count;

    /// <summary>"rendered X of Y apps, N resources".</summary>
    public string Coverage => $"rendered {RenderedApps} of {Apps} apps, {Resources} resources";
}

/// <summary>The outcome of static validation: findings, what each profile reached, and the AppProject suggestion.</summary>
public sealed record ValidationReport(
    string Scenario,
    string RepoDirectory,
    IReadOnlyList<ProfileSummary> Profiles,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ProjectSuggestion> SuggestedProjects,
    TimeSpan Duration)
{
    /// <summary>Set when the scenario was discovered from the repo (<c>--repo</c> only).</summary>
    public DiscoverySummary? Discovery { get; init; }

    /// <summary>
    /// What each profile expanded to (apps with their rendered resources), in profile order. Not part of any report
    /// format; <c>validate --base</c> compares two revisions' expansions.
    /// </summary>
    public IReadOnlyList<ExpandedProfile> Expansions { get; init; } = [];

    /// <summary>Where the checks ran; the static path never touches a cluster.</summary>
    public string Substrate { get; init; } = "static";

    /// <summary>True when any finding has error severity (exit code 1).</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);
}
