namespace PlatformValidation.Validators.Live.Suites;

/// <summary>
/// One suite of a scenario: its name, its kind (one of <see cref="SuiteKinds"/>) and its parameters. The runner
/// turns it into ordered steps, each with a named timeout (overridable per suite in <see cref="Timeouts"/>).
/// </summary>
public sealed record SuiteDefinition(string Name, string Kind)
{
    /// <summary>profile-matrix: the profiles in order (default: every profile, narrowest first).</summary>
    public IReadOnlyList<string> Profiles { get; init; } = [];

    /// <summary>narrowing, cost-gates, group-toggle: the profile the suite starts from (default: the widest).</summary>
    public string? Profile { get; init; }

    /// <summary>narrowing: the narrower profile applied after <see cref="Profile"/> (default: the narrowest).</summary>
    public string? NarrowTo { get; init; }

    /// <summary>narrowing: the layer whose root is deleted as the documented teardown (default: the widest layer).</summary>
    public string? Teardown { get; init; }

    /// <summary>cost-gates and gpu-smoke: the apps exercised (default: every cost gate; gpu-smoke: the GPU ones).</summary>
    public IReadOnlyList<string> Apps { get; init; } = [];

    /// <summary>group-toggle: the group disabled and enabled again (default: the first enabled entry of the first groups file).</summary>
    public string? Group { get; init; }

    /// <summary>gpu-smoke: the cost guard, the most minutes a GPU workload may stay up.</summary>
    public double? MaxMinutesUp { get; init; }

    /// <summary>Per-suite overrides of named timeouts (<c>apply</c>, <c>healthy</c>, <c>sync</c>, <c>smoke</c>, <c>settle</c>, <c>gpuPod</c>).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Timeouts { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Where the suite is declared (file:line), for messages.</summary>
    public string? Location { get; init; }

    /// <summary>The suites a scenario runs when it declares none: every kind, with its defaults.</summary>
    public static IReadOnlyList<SuiteDefinition> Defaults { get; } = SuiteKinds.All.Select(k => new SuiteDefinition(k, k)).ToList();
}
