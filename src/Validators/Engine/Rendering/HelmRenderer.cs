using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering.Helm;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Helm sources, rendered in process by the project's Helm engine (<see cref="HelmChartRenderer"/>), or through a
/// configured <c>helm template</c> binary (<see cref="RenderOptions.HelmPath"/>) — never a silent skip
/// [ARGOCD-SEMANTICS §1.4]. Value files resolve relative to the chart, or to a <c>$ref</c> source's repo root, and must
/// stay inside the repository; charts from Helm/OCI repositories render only from the chart cache, else RENDER002.
/// </summary>
internal sealed partial class HelmRenderer(RenderOptions options, ToolRunner tools, IRepoResolver resolver, ManifestLoader loader)
{
    public Task<SourceRender> RenderAsync(SourceContext ctx, CancellationToken cancellationToken) =>
        options.HelmPath is null
            ? Task.Run(() => RenderInProcess(ctx), cancellationToken)
            : RenderWithBinaryAsync(ctx, cancellationToken);

    private async Task<SourceRender> RenderWithBinaryAsync(SourceContext ctx, CancellationToken cancellationToken)
    {
        var helmSource = ctx.Source.Helm;
        string chartPath;
        RepoTree chartRepo = ctx.Tree;
        if (ctx.Source.Chart is { } chart)
        {
            // A chart from a Helm/OCI repository: only renderable when a local directory was supplied for that repository.
            var local = RepoTree.Combine(string.Empty, chart);
            if (local is null || !ctx.Tree.FileExists(SourceToolDetector.Join(local, "Chart.yaml")))
            {
                return SourceRender.NotRendered(ctx, $"chart {chart} {ctx.Source.TargetRevision} from {ctx.Source.RepoUrl} cannot be fetched here", "Supply a local directory holding the unpacked chart for this repository URL, or validate this app on a cluster with network access.");
            }

            chartPath = local;
        }
        else
        {
            chartPath = ctx.Path;
        }

        var helm = options.HelmPath is { } configured ? ToolRunner.Locate(configured) : ToolRunner.Locate("helm");
        if (helm is null)
        {
            return SourceRender.NotRendered(ctx, "helm is not installed here, so the chart cannot be rendered", "Install helm 3 (https://helm.sh/docs/intro/install/) or set RenderOptions.HelmPath; until then this app's resources are not checked.");
        }

        var chartFull = chartRepo.TryGetFullPath(chartPath, out var chartProblem);
        if (chartFull is null)
        {
            return SourceRender.Failed(ctx, $"the chart path is not usable: {chartProblem}", "Point spec.source.path at a chart directory inside the repository.");
        }

        if (MissingDependencies(chartRepo, chartPath) is { Count: > 0 } missing)
        {
            return SourceRender.NotRendered(ctx, $"the chart's dependencies ({string.Join(", ", missing)}) are not vendored in charts/ and cannot be downloaded here", "Run `helm dependency build` and commit charts/, or validate this app on a cluster with network access.");
        }

        var valueFiles = new List<string>();
        foreach (var raw in helmSource?.ValueFiles ?? [])
        {
            var resolved = ResolveFile(ctx, raw, chartPath);
            if (resolved.Problem is { } problem)
            {
                if (resolved.Missing && helmSource!.IgnoreMissingValueFiles)
                {
                    continue;
                }

                return resolved.NotAvailable
                    ? SourceRender.NotRendered(ctx, problem, "Supply a local directory for the referenced repository.")
                    : SourceRender.Failed(ctx, problem, "Fix spec.source.helm.valueFiles (or set ignoreMissingValueFiles: true).", ctx.App.Manifest.LocationOf(ctx.Source.Pointer + "/helm/valueFiles"));
            }

            valueFiles.Add(resolved.Path!);
        }

        var fileParameters = new List<HelmFileParameter>();
        foreach (var p in helmSource?.FileParameters ?? [])
        {
            var resolved = ResolveFile(ctx, p.Path, chartPath);
            if (resolved.Problem is { } problem)
            {
                return SourceRender.Failed(ctx, problem, "Fix spec.source.helm.fileParameters.", ctx.App.Manifest.LocationOf(ctx.Source.Pointer + "/helm/fileParameters"));
            }

            fileParameters.Add(p with { Path = resolved.Path! });
        }

        string? inline = null;
        try
        {
            var values = InlineValues(helmSource);
            if (values is not null)
            {
                inline = Path.Combine(Path.GetTempPath(), "pv-helm-values-" + Guid.NewGuid().ToString("N") + ".yaml");
                await File.WriteAllTextAsync(inline, values, cancellationToken).ConfigureAwait(false);
            }

            var args = HelmTemplateArguments.Build(ctx.App, helmSource, chartFull, valueFiles, inline, fileParameters);
            var result = await tools.RunAsync(helm, args, chartFull, options.ToolTimeout, cancellationToken).ConfigureAwait(false);
            if (result.TimedOut)
            {
                return SourceRender.Failed(ctx, $"helm template did not finish within {options.ToolTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (RenderOptions.ToolTimeout) and was stopped", "Raise RenderOptions.ToolTimeout or simplify the chart.");
            }

            if (!result.Succeeded)
            {
                return SourceRender.Failed(ctx, $"helm template failed:\n{result.FirstErrorLines()}", $"Run `helm template {chartPath}` with the same values to see the full error.");
            }

            var output = loader.LoadText(result.StandardOutput, SourceToolDetector.Join(chartPath, "Chart.yaml"));
            return output.Findings.Count > 0
                ? SourceRender.Failed(ctx, $"helm template produced output that does not parse: {output.Findings[0].Message}", "Fix the chart's templates.")
                : SourceRender.Ok(output.Objects.Select(o => o with { Location = SourceLocation.OfFile(SourceToolDetector.Join(chartPath, "Chart.yaml")), Locations = null }).ToList());
        }
        finally
        {
            if (inline is not null)
            {
                File.Delete(inline);
            }
        }
    }

    /// <summary>valuesObject replaces values when both are set [values.go ValuesYAML].</summary>
    internal static string? InlineValues(HelmSource? helm) => helm switch
    {
        { ValuesObject: { } o } => o.ToJsonString(),
        { Values: { Length: > 0 } v } => v,
        _ => null,
    };

    internal (string? Path, string? Problem, bool Missing, bool NotAvailable) ResolveFile(SourceContext ctx, string raw, string chartPath)
    {
        if (raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"value file {raw} is a URL and cannot be downloaded here", false, true);
        }

        // A chart from a Helm repository has no checkout of its own: only $ref value files reach a repository.
        RepoTree? tree = ctx.Repo;
        string? relative;
        if (raw.StartsWith('$'))
        {
            var slash = raw.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? raw[1..] : raw[1..slash];
            if (!ctx.RefSources.TryGetValue(name, out var refSource))
            {
                return (null, $"value file {raw} references ${name}, but no source has ref: {name}", false, false);
            }

            var resolution = resolver.Resolve(refSource.RepoUrl, refSource.TargetRevision);
            if (resolution.Tree is null)
            {
                return (null, $"value file {raw}: {resolution.Reason}", false, true);
            }

            tree = resolution.Tree;
            relative = slash < 0 ? string.Empty : RepoTree.NormalizePath(raw[(slash + 1)..]);
        }
        else
        {
            relative = RepoTree.Combine(chartPath, raw);
        }

        if (relative is null)
        {
            return (null, $"value file {raw} resolves outside the repository", false, false);
        }

        if (tree is null)
        {
            return (null, $"value file {raw} is not in a repository checkout here (name a file of this repository through a ref source: $values/{raw})", true, false);
        }

        // The one containment rule (RepoSandbox): a symlink out of the repository is refused, not "missing".
        var sandboxed = RepoSandbox.Resolve(tree, string.Empty, relative);
        return sandboxed.Verdict switch
        {
            SandboxVerdict.Inside when File.Exists(sandboxed.FullPath) => (sandboxed.FullPath, null, false, false),
            SandboxVerdict.Inside => (null, $"value file {raw} is a directory", true, false),
            SandboxVerdict.Missing => (null, $"value file {raw} not found ({sandboxed.Problem})", true, false),
            _ => (null, $"value file {raw} resolves outside the repository ({sandboxed.Problem})", false, false),
        };
    }

    private static List<string> MissingDependencies(RepoTree repo, string chartPath)
    {
        var missing = new List<string>();
        if (!repo.TryReadFile(SourceToolDetector.Join(chartPath, "Chart.yaml"), 1024 * 1024, out var bytes, out _))
        {
            return missing;
        }

        var (documents, _) = YamlDocumentReader.Read(System.Text.Encoding.UTF8.GetString(bytes), "Chart.yaml", LoaderOptions.Default);
        if (documents.Count == 0 || documents[0].Root is not JsonObject chart || chart["dependencies"] is not JsonArray deps)
        {
            return missing;
        }

        var vendored = repo.List(SourceToolDetector.Join(chartPath, "charts"), recursive: false);
        foreach (var dep in deps.OfType<JsonObject>())
        {
            var name = dep["name"]?.GetValue<string>() ?? string.Empty;
            var repository = dep["repository"] is JsonValue r && r.TryGetValue<string>(out var rs) ? rs : string.Empty;
            if (repository.StartsWith("file://", StringComparison.Ordinal))
            {
                continue;
            }

            var present = vendored.Directories.Any(d => d.EndsWith("/" + name, StringComparison.Ordinal)) ||
                vendored.Files.Any(f => Path.GetFileName(f).StartsWith(name + "-", StringComparison.Ordinal) && f.EndsWith(".tgz", StringComparison.Ordinal));
            if (!present)
            {
                missing.Add(name);
            }
        }

        return missing;
    }
}
