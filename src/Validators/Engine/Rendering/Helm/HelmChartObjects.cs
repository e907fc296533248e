using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>Turns rendered manifests into objects located at their template file (repo-relative when the chart is in the repo).</summary>
public static class HelmChartObjects
{
    /// <summary>True when <paramref name="directory"/> of <paramref name="repo"/> is a chart (holds Chart.yaml).</summary>
    public static bool IsChart(RepoTree repo, string directory)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(directory);
        return repo.FileExists(directory.Length == 0 ? "Chart.yaml" : directory + "/Chart.yaml");
    }

    /// <summary>
    /// Renders the chart in <paramref name="directory"/> as <c>helm template DIR</c> does (its defaults unless
    /// <paramref name="request"/> says otherwise) and loads the output. Throws <see cref="HelmChartException"/>.
    /// </summary>
    public static List<ManifestObject> RenderDirectory(RepoTree repo, string directory, ManifestLoader loader, HelmRenderRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        var chart = HelmChartLoader.LoadDirectory(repo, directory);
        return ToObjects(HelmChartRenderer.Render(chart, request ?? new HelmRenderRequest()), chart.Name, directory, loader);
    }

    public static List<ManifestObject> ToObjects(HelmRenderOutput output, string chartName, string chartPath, ManifestLoader loader)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(loader);
        var objects = new List<ManifestObject>();
        foreach (var m in output.Manifests)
        {
            var file = m.Source.StartsWith(chartName + "/", StringComparison.Ordinal)
                ? SourceToolDetector.Join(chartPath, m.Source[(chartName.Length + 1)..])
                : m.Source;
            var loaded = loader.LoadText(m.Content, file);
            if (loaded.Findings.Count > 0)
            {
                throw new HelmChartException($"YAML parse error on {m.Source}: {loaded.Findings[0].Message}");
            }

            objects.AddRange(loaded.Objects.Select(o => o with { Location = SourceLocation.OfFile(file), Locations = null }));
        }

        return objects;
    }
}
