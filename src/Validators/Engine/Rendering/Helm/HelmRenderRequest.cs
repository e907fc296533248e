namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// What <c>helm template</c> is told: release name and namespace, the merged user values, Kubernetes and API versions
/// for <c>.Capabilities</c>, and which manifests to print. Defaults are <c>helm template</c>'s own.
/// </summary>
public sealed record HelmRenderRequest
{
    /// <summary>Helm 3's fallback Kubernetes version for <c>.Capabilities</c> when none is given [chartutil capabilities].</summary>
    public const string DefaultKubeVersion = "v1.20.0";

    public string ReleaseName { get; init; } = "release-name";

    public string Namespace { get; init; } = "default";

    /// <summary>User values: value files, then --set/--set-string/--set-file, already merged in that order.</summary>
    public Dictionary<string, object?> Values { get; init; } = new(StringComparer.Ordinal);

    public string KubeVersion { get; init; } = DefaultKubeVersion;

    /// <summary>Extra API versions (<c>--api-versions</c>) on top of the built-in ones.</summary>
    public IReadOnlyList<string> ApiVersions { get; init; } = [];

    /// <summary>Print CRDs from crds/ first (<c>--include-crds</c>; Argo CD passes it unless skipCrds).</summary>
    public bool IncludeCrds { get; init; }

    /// <summary>Leave out test hooks (<c>--skip-tests</c>).</summary>
    public bool SkipTests { get; init; }

    /// <summary>Only these template paths (<c>--show-only</c>, globs allowed), empty = all.</summary>
    public IReadOnlyList<string> ShowOnly { get; init; } = [];

    /// <summary>
    /// Render the chart's own templates when a declared dependency is not in charts/ (not vendored, not in the chart
    /// cache), leaving that dependency out — for repo discovery, which looks for the Argo CD objects a wrapper chart
    /// writes, never for an Application's render (there the missing dependency stays "cannot be rendered here").
    /// </summary>
    public bool OmitMissingDependencies { get; init; }
}

/// <summary>One manifest of the output, with the template it came from (<c>chart/templates/x.yaml</c>).</summary>
public sealed record HelmManifest(string Source, string Content, string Kind, bool IsHook);

/// <summary>
/// The rendered manifests in <c>helm template</c>'s order (CRDs, then by kind, then hooks); <see cref="Manifests"/> is
/// the <c>--show-only</c> selection (all when none), in the order of the patterns as helm prints them.
/// </summary>
public sealed record HelmRenderOutput(IReadOnlyList<HelmManifest> All, IReadOnlyList<string> ShowOnly)
{
    public HelmRenderOutput(IReadOnlyList<HelmManifest> all)
        : this(all, [])
    {
    }

    /// <summary>Functions the render called whose value Argo CD would draw anew on every render (randAlphaNum, genCA, now, …).</summary>
    public IReadOnlyList<string> VolatileFunctions { get; init; } = [];

    public IReadOnlyList<HelmManifest> Manifests => ShowOnly.Count == 0
        ? All
        : ShowOnly.SelectMany(pattern => All.Where(m => HelmShowOnly.Matches(pattern, m.Source))).ToList();

    /// <summary>
    /// The text <c>helm template</c> prints [pkg/cmd/template.go]: the release manifest trimmed, then each hook as
    /// <c>---\n# Source: path\ncontent\n</c>; with --show-only, each selected document as <c>---\ndocument\n</c>.
    /// </summary>
    public string ToText()
    {
        static string Block(HelmManifest m) => "---\n# Source: " + m.Source + "\n" + m.Content + "\n";
        var text = string.Concat(All.Where(m => !m.IsHook).Select(Block)).Trim() + "\n" + string.Concat(All.Where(m => m.IsHook).Select(Block));
        if (ShowOnly.Count == 0)
        {
            return text;
        }

        var docs = HelmShowOnly.SplitManifests(text);
        return string.Concat(ShowOnly.SelectMany(pattern => docs.Where(d => HelmShowOnly.DocumentMatches(pattern, d)).Select(d => "---\n" + d + "\n")));
    }
}
