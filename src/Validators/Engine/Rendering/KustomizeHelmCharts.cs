using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering.Helm;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// A kustomization's <c>helmCharts</c>/<c>helmGlobals</c> inflated through the in-process Helm renderer, as kustomize's
/// HelmChartInflationGenerator does with <c>--enable-helm</c> [kustomize api/types/helmchartargs.go]: each chart is
/// taken from <c>chartHome/NAME</c> (default <c>charts/</c>, inside the repository) or the chart cache, rendered with
/// releaseName (default: the chart name), namespace, valuesFile then valuesInline, includeCRDs, skipTests,
/// apiVersions and kubeVersion; the output replaces the generator as a resource of a scratch copy of the
/// kustomization. Only the top-level kustomization's charts are inflated.
/// </summary>
internal sealed class KustomizeHelmCharts
{
    private readonly JsonArray charts;
    private readonly string chartHome;

    private KustomizeHelmCharts(JsonArray charts, string chartHome)
    {
        this.charts = charts;
        this.chartHome = chartHome;
    }

    public string FirstName => charts.OfType<JsonObject>().Select(c => Text(c, "name")).FirstOrDefault() ?? "?";

    /// <summary>The kustomization's helmCharts, or null when it has none.</summary>
    public static KustomizeHelmCharts? Read(RepoTree repo, string kustomizationPath, LoaderOptions options)
    {
        if (!repo.TryReadFile(kustomizationPath, options.MaxFileBytes, out var bytes, out _))
        {
            return null;
        }

        var (documents, findings) = YamlDocumentReader.Read(Encoding.UTF8.GetString(bytes), kustomizationPath, options);
        if (findings.Count > 0 || documents.Count == 0 || documents[0].Root is not JsonObject k || k["helmCharts"] is not JsonArray { Count: > 0 } charts)
        {
            return null;
        }

        return new KustomizeHelmCharts(charts, (k["helmGlobals"] as JsonObject) is { } g ? Text(g, "chartHome") ?? "charts" : "charts");
    }

    /// <summary>Renders every chart and rewrites <paramref name="kustomizationFile"/> (the scratch copy) to use the output instead.</summary>
    public void Inflate(RepoTree repo, string appPath, string kustomizationFile, RenderOptions options)
    {
        var directory = Path.GetDirectoryName(kustomizationFile)!;
        var resources = new List<string>();
        var index = 0;
        foreach (var chart in charts.OfType<JsonObject>())
        {
            var name = Text(chart, "name") ?? throw new HelmChartException("a helmCharts entry has no name");
            var loaded = Load(repo, appPath, name, Text(chart, "version"), options);
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (Text(chart, "valuesFile") is { } valuesFile)
            {
                var resolved = RepoSandbox.Resolve(repo, appPath, valuesFile);
                var path = resolved is { Verdict: SandboxVerdict.Inside, RelativePath: { } inside } ? inside
                    : throw new HelmChartException(resolved.Verdict == SandboxVerdict.Missing
                        ? $"valuesFile {valuesFile} does not exist"
                        : $"valuesFile {valuesFile} cannot be read: {resolved.Problem}");
                if (!repo.TryReadFile(path, 16 * 1024 * 1024, out var bytes, out var problem))
                {
                    throw new HelmChartException($"valuesFile {valuesFile}: {problem}");
                }

                HelmValues.Merge(values, HelmChartLoader.ReadYamlMap(bytes, path));
            }

            if (chart["valuesInline"] is JsonObject inline && GoValues.FromJson(inline) is Dictionary<string, object?> inlineValues)
            {
                HelmValues.Merge(values, inlineValues);
            }

            var request = new HelmRenderRequest
            {
                ReleaseName = Text(chart, "releaseName") ?? name,
                Namespace = Text(chart, "namespace") ?? "default",
                Values = values,
                KubeVersion = Text(chart, "kubeVersion") ?? options.KubeVersion ?? HelmRenderRequest.DefaultKubeVersion,
                ApiVersions = (chart["apiVersions"] as JsonArray)?.Select(v => v?.ToString() ?? string.Empty).ToList() ?? [],
                IncludeCrds = chart["includeCRDs"] is JsonValue crds && crds.TryGetValue<bool>(out var c) && c,
                SkipTests = chart["skipTests"] is JsonValue tests && tests.TryGetValue<bool>(out var t) && t,
            };
            var output = HelmChartRenderer.Render(loaded, request);
            var fileName = $".pv-helm-chart-{index++}-{name}.yaml";
            File.WriteAllText(Path.Combine(directory, fileName), string.Concat(output.Manifests.Select(m => "---\n" + m.Content + "\n")));
            resources.Add(fileName);
        }

        var (documents, _) = YamlDocumentReader.Read(File.ReadAllText(kustomizationFile), kustomizationFile, LoaderOptions.Default);
        var kustomization = (JsonObject)documents[0].Root!.DeepClone();
        kustomization.Remove("helmCharts");
        kustomization.Remove("helmGlobals");
        var list = kustomization["resources"] as JsonArray ?? [];
        foreach (var r in resources)
        {
            list.Add(r);
        }

        kustomization["resources"] = list.DeepClone();
        File.WriteAllText(kustomizationFile, kustomization.ToJsonString());
    }

    private HelmChart Load(RepoTree repo, string appPath, string name, string? version, RenderOptions options)
    {
        var local = RepoSandbox.Resolve(repo, appPath, chartHome + "/" + name) is { Verdict: SandboxVerdict.Inside, RelativePath: { } inside } ? inside : null;
        if (local is not null && HelmChartObjects.IsChart(repo, local))
        {
            return HelmChartLoader.LoadDirectory(repo, local);
        }

        if (HelmChartCache.Find(options.ChartCacheDirectory, name, version) is { } archive)
        {
            return HelmChartLoader.LoadArchive(File.ReadAllBytes(archive), Path.GetFileName(archive));
        }

        throw new HelmChartException($"helmCharts: chart {name} {version} is neither under {chartHome}/ nor in the chart cache, and cannot be pulled here") { NotAvailable = true };
    }

    private static string? Text(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
