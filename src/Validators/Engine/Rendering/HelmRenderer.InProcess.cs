using System.Text;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering.Helm;

namespace PlatformValidation.Validators.Rendering;

/// <summary>The in-process branch: the chart loaded from the repo (or the chart cache), the helm block turned into a render request.</summary>
internal sealed partial class HelmRenderer
{
    /// <summary>A chart source (<c>spec.source.chart</c>) rendered from the chart cache, or RENDER002 naming <c>--chart-cache</c>.</summary>
    public SourceRender RenderChartFromCache(SourceContext ctx)
    {
        var chartName = ctx.Source.Chart!;
        var archive = HelmChartCache.Find(options.ChartCacheDirectory, chartName, ctx.Source.TargetRevision);
        if (archive is null && ArgocdAppsChart.Matches(ctx.Source.RepoUrl, chartName))
        {
            return RenderArgocdAppsBuiltIn(ctx);
        }

        if (archive is null)
        {
            return SourceRender.NotRendered(
                ctx,
                $"chart {chartName} {ctx.Source.TargetRevision} from {ctx.Source.RepoUrl} cannot be fetched here (no network, and not in the chart cache)",
                $"`helm pull {chartName} --repo {ctx.Source.RepoUrl} --version {ctx.Source.TargetRevision}` into a directory and pass it with --chart-cache DIR, or validate this app on a cluster with network access.");
        }

        HelmChart chart;
        try
        {
            chart = HelmChartLoader.LoadArchive(File.ReadAllBytes(archive), Path.GetFileName(archive));
        }
        catch (HelmChartException ex)
        {
            return SourceRender.Failed(ctx, ex.Message, "Replace the archive in the chart cache with one `helm pull` wrote.");
        }

        return Render(ctx, chart, chartPath: null);
    }

    private SourceRender RenderInProcess(SourceContext ctx)
    {
        HelmChart chart;
        try
        {
            chart = HelmChartLoader.LoadDirectory(ctx.Tree, ctx.Path);
        }
        catch (HelmChartException ex)
        {
            return ex.NotAvailable
                ? SourceRender.NotRendered(ctx, ex.Message, "Run `helm dependency build` and commit charts/, or pass --chart-cache DIR with the dependency archives.")
                : SourceRender.Failed(ctx, ex.Message, "Fix the chart so `helm template` accepts it.");
        }

        return Render(ctx, chart, ctx.Path);
    }

    private SourceRender Render(SourceContext ctx, HelmChart chart, string? chartPath)
    {
        try
        {
            var (values, _, failure) = BuildValues(ctx, chartPath, raw => raw == "values.yaml" ? [] : chart.Files.GetValueOrDefault(raw), chart.Name);
            if (failure is not null)
            {
                return failure;
            }

            var output = HelmChartRenderer.Render(chart, Request(ctx, values));
            var objects = HelmChartObjects.ToObjects(output, chart.Name, chartPath ?? chart.DisplayPath, loader);
            if (output.VolatileFunctions.Count == 0)
            {
                return SourceRender.Ok(objects);
            }

            // Argo CD's repo-server re-renders on every refresh: such values differ each time, so the live state never matches.
            var volatileFinding = RenderFindings.Volatile(
                ctx.App.Name,
                ctx.SourceLocation,
                $"Application '{ctx.App.Name}' {ctx.Describe}: chart {chart.Name} calls {string.Join(", ", output.VolatileFunctions)}, which return a new value on every render; under Argo CD the app turns OutOfSync after each refresh (and auto-sync rewrites the object each time). Here they render reproducibly.",
                "Pass the value in (a value, or an existing Secret the chart can reference), or add ignoreDifferences for the generated fields with the RespectIgnoreDifferences=true sync option.");
            return SourceRender.Ok(objects, [volatileFinding]);
        }
        catch (HelmChartException ex)
        {
            return ex.NotAvailable
                ? SourceRender.NotRendered(ctx, ex.Message, "Run `helm dependency build` and commit charts/, or pass --chart-cache DIR.")
                : SourceRender.Failed(ctx, "helm template failed: " + ex.Message, $"Fix the chart or the values; `render --repo DIR --app {ctx.App.Name}` shows the same rendering.");
        }
        catch (IOException ex)
        {
            return SourceRender.Failed(ctx, $"reading a value file failed: {ex.Message}", "Check the repository's files.");
        }
    }

    /// <summary>
    /// argo-helm's argocd-apps chart without the archive: its values expanded into the Applications, ApplicationSets
    /// and AppProjects its templates would write (<see cref="ArgocdAppsChart"/>). Only reached when the chart cache
    /// holds no argocd-apps archive: the real chart wins.
    /// </summary>
    private SourceRender RenderArgocdAppsBuiltIn(SourceContext ctx)
    {
        try
        {
            // The chart's own values.yaml only holds empty sections; any other in-chart file does not exist.
            var (values, texts, failure) = BuildValues(ctx, chartPath: null, raw => raw == "values.yaml" ? [] : null, ArgocdAppsChart.ChartName);
            if (failure is not null)
            {
                return failure;
            }

            var objects = ArgocdAppsChart.Expand(values, ctx.Source.TargetRevision, Request(ctx, values), texts, ctx.SourceLocation.File, loader);
            return SourceRender.Ok(objects);
        }
        catch (HelmChartException ex)
        {
            return SourceRender.Failed(ctx, ex.Message, $"Fix the argocd-apps values; `render --repo DIR --app {ctx.App.Name}` shows the Applications they make.");
        }
        catch (IOException ex)
        {
            return SourceRender.Failed(ctx, $"reading a value file failed: {ex.Message}", "Check the repository's files.");
        }
    }

    private HelmRenderRequest Request(SourceContext ctx, Dictionary<string, object?> values)
    {
        var helmSource = ctx.Source.Helm;
        var ns = helmSource?.Namespace ?? ctx.App.Destination.Namespace;
        return new HelmRenderRequest
        {
            ReleaseName = helmSource?.ReleaseName ?? ctx.App.Name,
            Namespace = string.IsNullOrEmpty(ns) ? "default" : ns,
            Values = values,
            KubeVersion = helmSource?.KubeVersion ?? options.KubeVersion ?? HelmRenderRequest.DefaultKubeVersion,
            ApiVersions = helmSource?.ApiVersions ?? [],
            IncludeCrds = helmSource?.SkipCrds != true,
            SkipTests = helmSource?.SkipTests == true,
        };
    }

    /// <summary>
    /// The user's values in Argo CD's order: value files, inline values, parameters, file parameters. For a chart from a
    /// repository (<paramref name="chartPath"/> null) a plain value file is read from the chart (<paramref name="chartFile"/>).
    /// Also returns the repo-relative value files read (for locating what they declare).
    /// </summary>
    private (Dictionary<string, object?> Values, List<(string File, string Text)> Texts, SourceRender? Failure) BuildValues(
        SourceContext ctx, string? chartPath, Func<string, byte[]?> chartFile, string chartName)
    {
        var helmSource = ctx.Source.Helm;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var texts = new List<(string File, string Text)>();
        foreach (var raw in helmSource?.ValueFiles ?? [])
        {
            if (chartPath is null && !raw.StartsWith('$'))
            {
                // A chart from a repository reads value files from the chart itself.
                if (chartFile(RepoTree.NormalizePath(raw) ?? raw) is { } own)
                {
                    HelmValues.Merge(values, HelmChartLoader.ReadYamlMap(own, raw));
                }
                else if (!(helmSource?.IgnoreMissingValueFiles ?? false))
                {
                    return (values, texts, SourceRender.Failed(ctx, $"value file {raw} not found in chart {chartName}", "Fix spec.source.helm.valueFiles (or set ignoreMissingValueFiles: true); a file of this repository is named through a ref source: $values/path/values.yaml."));
                }

                continue;
            }

            var resolved = ResolveFile(ctx, raw, chartPath ?? string.Empty);
            if (resolved.Problem is { } problem)
            {
                if (resolved.Missing && helmSource!.IgnoreMissingValueFiles)
                {
                    continue;
                }

                return (values, texts, resolved.NotAvailable
                    ? SourceRender.NotRendered(ctx, problem, "Supply a local directory for the referenced repository.")
                    : SourceRender.Failed(ctx, problem, "Fix spec.source.helm.valueFiles (or set ignoreMissingValueFiles: true); value files must stay inside the repository.", ctx.App.Manifest.LocationOf(ctx.Source.Pointer + "/helm/valueFiles")));
            }

            var bytes = File.ReadAllBytes(resolved.Path!);
            HelmValues.Merge(values, HelmChartLoader.ReadYamlMap(bytes, raw));
            texts.Add((DisplayPath(raw, chartPath), Encoding.UTF8.GetString(bytes)));
        }

        if (InlineValues(helmSource) is { } inline)
        {
            HelmValues.Merge(values, HelmChartLoader.ReadYamlMap(Encoding.UTF8.GetBytes(inline), "spec.source.helm.values"));
        }

        // Argo CD passes --set, then --set-string, then --set-file [util/helm/cmd.go template]; a later name wins.
        foreach (var p in LastWins(helmSource?.Parameters.Where(p => !p.ForceString) ?? []))
        {
            HelmValues.ApplySet(values, p.Name + "=" + HelmTemplateArguments.CleanSetParameter(p.Value), asString: false);
        }

        foreach (var p in LastWins(helmSource?.Parameters.Where(p => p.ForceString) ?? []))
        {
            HelmValues.ApplySet(values, p.Name + "=" + HelmTemplateArguments.CleanSetParameter(p.Value), asString: true);
        }

        foreach (var p in helmSource?.FileParameters ?? [])
        {
            var resolved = ResolveFile(ctx, p.Path, chartPath ?? string.Empty);
            if (resolved.Problem is { } problem)
            {
                return (values, texts, SourceRender.Failed(ctx, problem, "Fix spec.source.helm.fileParameters; files must stay inside the repository.", ctx.App.Manifest.LocationOf(ctx.Source.Pointer + "/helm/fileParameters")));
            }

            HelmValues.SetPath(values, p.Name, File.ReadAllText(resolved.Path!));
        }

        return (values, texts, null);
    }

    /// <summary>A value file as a repo-relative path: <c>$ref/x.yaml</c> → <c>x.yaml</c>, else relative to the chart.</summary>
    private static string DisplayPath(string raw, string? chartPath)
    {
        if (raw.StartsWith('$'))
        {
            var slash = raw.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? raw : RepoTree.NormalizePath(raw[(slash + 1)..]) ?? raw;
        }

        return RepoTree.Combine(chartPath ?? string.Empty, raw) ?? raw;
    }

    private static IEnumerable<HelmParameter> LastWins(IEnumerable<HelmParameter> items)
    {
        var list = items.ToList();
        return list.Where((item, i) => !list.Skip(i + 1).Any(later => later.Name == item.Name));
    }
}
