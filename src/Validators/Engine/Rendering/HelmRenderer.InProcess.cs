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
        var helmSource = ctx.Source.Helm;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        try
        {
            foreach (var raw in helmSource?.ValueFiles ?? [])
            {
                if (chartPath is null && !raw.StartsWith('$'))
                {
                    // A chart from a repository reads value files from the chart itself.
                    if (chart.Files.TryGetValue(RepoTree.NormalizePath(raw) ?? raw, out var own))
                    {
                        HelmValues.Merge(values, HelmChartLoader.ReadYamlMap(own, raw));
                    }
                    else if (!(helmSource?.IgnoreMissingValueFiles ?? false))
                    {
                        return SourceRender.Failed(ctx, $"value file {raw} not found in chart {chart.Name}", "Fix spec.source.helm.valueFiles (or set ignoreMissingValueFiles: true).");
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

                    return resolved.NotAvailable
                        ? SourceRender.NotRendered(ctx, problem, "Supply a local directory for the referenced repository.")
                        : SourceRender.Failed(ctx, problem, "Fix spec.source.helm.valueFiles (or set ignoreMissingValueFiles: true); value files must stay inside the repository.", ctx.App.Manifest.LocationOf(ctx.Source.Pointer + "/helm/valueFiles"));
                }

                HelmValues.Merge(values, HelmChartLoader.ReadYamlMap(File.ReadAllBytes(resolved.Path!), raw));
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
                    return SourceRender.Failed(ctx, problem, "Fix spec.source.helm.fileParameters; files must stay inside the repository.", ctx.App.Manifest.LocationOf(ctx.Source.Pointer + "/helm/fileParameters"));
                }

                HelmValues.SetPath(values, p.Name, File.ReadAllText(resolved.Path!));
            }

            var ns = helmSource?.Namespace ?? ctx.App.Destination.Namespace;
            var request = new HelmRenderRequest
            {
                ReleaseName = helmSource?.ReleaseName ?? ctx.App.Name,
                Namespace = string.IsNullOrEmpty(ns) ? "default" : ns,
                Values = values,
                KubeVersion = helmSource?.KubeVersion ?? options.KubeVersion ?? HelmRenderRequest.DefaultKubeVersion,
                ApiVersions = helmSource?.ApiVersions ?? [],
                IncludeCrds = helmSource?.SkipCrds != true,
                SkipTests = helmSource?.SkipTests == true,
            };
            var output = HelmChartRenderer.Render(chart, request);
            return SourceRender.Ok(HelmChartObjects.ToObjects(output, chart.Name, chartPath ?? chart.DisplayPath, loader));
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

    private static IEnumerable<HelmParameter> LastWins(IEnumerable<HelmParameter> items)
    {
        var list = items.ToList();
        return list.Where((item, i) => !list.Skip(i + 1).Any(later => later.Name == item.Name));
    }
}
