using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// How a clean-room substrate is made to look like the real one: stand-in images, GPU-shaped nodes and, for the
/// simulated Argo CD, the <c>resource_customizations</c> folder (absolute path) whose health scripts it runs as the
/// built-in ones (null: the bundled checks).
/// </summary>
public sealed record SubstrateOverrides(IReadOnlyList<ImageOverride> Images, IReadOnlyList<StandInNode> Nodes, string? ArgoCdCustomizations = null)
{
    public static SubstrateOverrides None { get; } = new([], []);
}

/// <summary>Images matching <see cref="Match"/> (a glob: <c>*</c> any run of characters) are replaced by <see cref="ReplaceWith"/> (e.g. <c>fake-llm</c>).</summary>
public sealed record ImageOverride(string Match, string ReplaceWith, SourceLocation Location);

/// <summary>A node the substrate adds, with the labels, taints and capacity the platform schedules on.</summary>
public sealed record StandInNode(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<NodeTaint> Taints,
    IReadOnlyDictionary<string, string> Capacity,
    SourceLocation Location);

/// <summary>A node taint.</summary>
public sealed record NodeTaint(string Key, string? Value, string Effect);
