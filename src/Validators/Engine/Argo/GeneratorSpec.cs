using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Argo;

/// <summary>
/// One ApplicationSet generator. Every generator may carry a label <see cref="Selector"/> that post-filters its
/// parameter sets and a <see cref="Template"/> that overrides fields of <c>spec.template</c> [§7.1, §7.2].
/// <see cref="Pointer"/> locates it in the manifest.
/// </summary>
public abstract record GeneratorSpec(LabelSelector? Selector, JsonObject? Template, string Pointer)
{
    /// <summary>The generator's key in the manifest (<c>list</c>, <c>git</c>, <c>matrix</c>, …).</summary>
    public abstract string Kind { get; }
}

/// <summary><c>list</c>: <c>elements</c> (objects) and/or <c>elementsYaml</c> (a YAML list in a string).</summary>
public sealed record ListGeneratorSpec(IReadOnlyList<JsonObject> Elements, string? ElementsYaml, LabelSelector? Selector, JsonObject? Template, string Pointer)
    : GeneratorSpec(Selector, Template, Pointer)
{
    public override string Kind => "list";
}

/// <summary><c>git</c>: <c>directories</c> or <c>files</c> of a repo at a revision, with optional path parameter prefix and <c>values</c>.</summary>
public sealed record GitGeneratorSpec(
    string RepoUrl,
    string Revision,
    IReadOnlyList<GitPathEntry> Directories,
    IReadOnlyList<GitPathEntry> Files,
    string? PathParamPrefix,
    IReadOnlyDictionary<string, string> Values,
    LabelSelector? Selector,
    JsonObject? Template,
    string Pointer)
    : GeneratorSpec(Selector, Template, Pointer)
{
    public override string Kind => "git";
}

/// <summary>A <c>git.directories</c> or <c>git.files</c> entry.</summary>
public sealed record GitPathEntry(string Path, bool Exclude);

/// <summary><c>matrix</c>: the cartesian product of exactly two children.</summary>
public sealed record MatrixGeneratorSpec(IReadOnlyList<GeneratorSpec> Generators, LabelSelector? Selector, JsonObject? Template, string Pointer)
    : GeneratorSpec(Selector, Template, Pointer)
{
    public override string Kind => "matrix";
}

/// <summary><c>merge</c>: the first child's sets, overridden by later children's sets that match on <see cref="MergeKeys"/>.</summary>
public sealed record MergeGeneratorSpec(IReadOnlyList<GeneratorSpec> Generators, IReadOnlyList<string> MergeKeys, LabelSelector? Selector, JsonObject? Template, string Pointer)
    : GeneratorSpec(Selector, Template, Pointer)
{
    public override string Kind => "merge";
}

/// <summary>
/// <c>clusters</c>: one set per cluster. Here only the in-cluster entry exists (no cluster Secrets are read); a
/// non-empty <see cref="ClusterSelector"/> therefore matches nothing, as it only sees cluster Secrets [§7.1].
/// </summary>
public sealed record ClustersGeneratorSpec(IReadOnlyDictionary<string, string> Values, LabelSelector? Selector, JsonObject? Template, string Pointer)
    : GeneratorSpec(Selector, Template, Pointer)
{
    /// <summary><c>clusters.selector</c>: which cluster Secrets to use (distinct from the generator-level post-filter).</summary>
    public LabelSelector? ClusterSelector { get; init; }

    /// <summary><c>clusters.flatList</c>: one parameter set holding every cluster under <c>clusters</c>.</summary>
    public bool FlatList { get; init; }

    public override string Kind => "clusters";
}

/// <summary>A generator kind this harness does not evaluate (pullRequest, scmProvider, plugin, …): reported, never silently empty.</summary>
public sealed record UnsupportedGeneratorSpec(string Name, JsonObject Raw, LabelSelector? Selector, JsonObject? Template, string Pointer)
    : GeneratorSpec(Selector, Template, Pointer)
{
    public override string Kind => Name;
}
