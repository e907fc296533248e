namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// A loaded chart, as Helm's loader sees it [helm pkg/chart/v2/loader/load.go]: Chart.yaml metadata, default values,
/// templates, CRDs, other files (for <c>.Files</c>), the JSON schema, declared dependencies and the subcharts found in
/// <c>charts/</c> (directories and unpacked <c>.tgz</c>). <see cref="DisplayPath"/> is where the chart lies (repo-relative
/// directory, or archive name) for messages.
/// </summary>
public sealed record HelmChart(
    string Name,
    string DisplayPath,
    IReadOnlyDictionary<string, object?> Metadata,
    Dictionary<string, object?> Values,
    IReadOnlyList<HelmChartFile> Templates,
    IReadOnlyList<HelmChartFile> Crds,
    IReadOnlyDictionary<string, byte[]> Files,
    string? Schema,
    IReadOnlyList<HelmDependency> Dependencies,
    IReadOnlyList<HelmChart> Subcharts)
{
    /// <summary><c>type: library</c>: its templates only define named templates; nothing is rendered from it.</summary>
    public bool IsLibrary => Metadata.TryGetValue("Type", out var t) && t is "library";

    public string Version => Metadata.TryGetValue("Version", out var v) ? v?.ToString() ?? string.Empty : string.Empty;
}

/// <summary>A file of a chart, by its path inside the chart (<c>templates/deployment.yaml</c>).</summary>
public sealed record HelmChartFile(string Name, string Text);

/// <summary>A <c>dependencies</c> entry of Chart.yaml (or requirements.yaml for apiVersion v1 charts).</summary>
public sealed record HelmDependency(
    string Name,
    string? Version,
    string? Repository,
    string? Condition,
    IReadOnlyList<string> Tags,
    string? Alias,
    IReadOnlyList<object?> ImportValues);
