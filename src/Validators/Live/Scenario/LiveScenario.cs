using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Live.Kube;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Live.Scenario;

/// <summary>
/// What a live run needs from a scenario file: the repo, the profiles in order (narrowest first), the cost gates,
/// groups files, smoke request, probes, substrate overrides, timeouts and suites. Built from the parsed scenario
/// by LiveScenarioFactory; substrate-independent.
/// </summary>
public sealed record LiveScenario(
    string Name,
    string RepoDirectory,
    IReadOnlyList<string> RepoUrls,
    string Revision,
    IReadOnlyList<ProfileDefinition> Profiles,
    IReadOnlyList<CostGate> CostGates,
    IReadOnlyList<GroupsFile> Groups,
    SmokeRequest? Smoke,
    IReadOnlyDictionary<string, IReadOnlyList<Probe>> Probes,
    SubstrateOverrides Substrate,
    LiveTimeouts Timeouts,
    IReadOnlyList<SuiteDefinition> Suites)
{
    /// <summary>The file the scenario was read from, for messages.</summary>
    public string? SourceFile { get; init; }

    /// <summary>The parsed scenario file this view was built from (for the static path), when there is one.</summary>
    public Scenarios.Scenario? Parsed { get; init; }

    /// <summary>The canonical repoURL (the first of <see cref="RepoUrls"/>).</summary>
    public string CanonicalRepoUrl => RepoUrls.Count > 0 ? RepoUrls[0] : string.Empty;

    public ProfileDefinition Profile(string name) =>
        Profiles.FirstOrDefault(p => p.Name == name)
        ?? throw new ScenarioRunException($"Profile '{name}' is not defined in scenario '{Name}' (profiles: {string.Join(", ", Profiles.Select(p => p.Name))}).");
}

/// <summary>A manual-sync app whose workloads cost money while they run, and how the harness exercises it.</summary>
public sealed record CostGate(string App, ObjectRef? Workload, int ScaleUp, int ScaleDown, bool Gpu, IdlePause? IdlePause);

/// <summary>The live annotation that pauses an idle app (e.g. <c>serving.kserve.io/stop=true</c>).</summary>
public sealed record IdlePause(string Annotation, string Value);

/// <summary>A groups file read by a layer's ApplicationSet, and how an entry is named and enabled.</summary>
public sealed record GroupsFile(string Layer, string File, string NameField, string? EnabledField);

/// <summary>The smoke request: an authenticated chat completion through the service proxy.</summary>
public sealed record SmokeRequest(IReadOnlyList<string> Profiles, ServiceTarget Service, string Path, string Model, SecretKeyRef? ApiKeySecret, string? ApiKeyEnvironmentVariable);

/// <summary>A key of a Secret in the cluster.</summary>
public sealed record SecretKeyRef(string Namespace, string Name, string Key);

/// <summary>A <c>make doctor</c> check: an HTTP GET through the service proxy and the status it must answer.</summary>
public sealed record Probe(string Name, ServiceTarget Service, string Path, int ExpectStatus);

/// <summary>How a clean-room substrate is made to look like the GPU substrate.</summary>
public sealed record SubstrateOverrides(IReadOnlyList<ImageStandIn> Images, IReadOnlyList<NodeShape> Nodes)
{
    public static SubstrateOverrides None { get; } = new([], []);
}

/// <summary>Images matching <see cref="Match"/> (a glob such as <c>vllm/vllm-openai:*</c>) are replaced by a stand-in (e.g. <c>fake-llm</c>).</summary>
public sealed record ImageStandIn(string Match, string ReplaceWith);

/// <summary>A node the substrate adds or patches: labels, taints and capacity (e.g. <c>nvidia.com/gpu: "1"</c>).</summary>
public sealed record NodeShape(string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<NodeTaint> Taints, IReadOnlyDictionary<string, string> Capacity);

/// <summary>A node taint.</summary>
public sealed record NodeTaint(string Key, string? Value, string Effect);
