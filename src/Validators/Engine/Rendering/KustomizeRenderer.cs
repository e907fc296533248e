using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Kustomize sources through <c>kubectl kustomize</c> [ARGOCD-SEMANTICS §1.3]: the Application's overrides are
/// applied to a scratch copy of the kustomization first; remote bases and every other URL-valued field are RENDER002
/// (no network here); a reference that leaves the repository is RENDER001 before anything runs, and kustomize itself
/// runs in the sandbox copy of the repository (<see cref="ScratchWorkspace.SandboxOf"/>); each output object points at
/// the input file that defined it (same kind and name), else at the kustomization.
/// </summary>
internal sealed class KustomizeRenderer(RenderOptions options, ToolRunner tools, ScratchWorkspace scratch, ManifestLoader loader)
{
    private readonly ArgoKustomizeBuildOptions buildOptions = new(loader);

    public async Task<SourceRender> RenderAsync(SourceContext ctx, CancellationToken cancellationToken)
    {
        var file = SourceToolDetector.FindKustomization(ctx.Tree, ctx.Path);
        if (file is null)
        {
            return SourceRender.Failed(ctx, $"unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '{ctx.Path}'", "Add a kustomization.yaml to the source path, or remove the kustomize block.");
        }

        var kustomizationPath = SourceToolDetector.Join(ctx.Path, file);
        var inputs = KustomizeInputs.Scan(ctx.Tree, ctx.Path, loader);
        if (inputs.Outside.Count > 0)
        {
            // Argo CD's repo-server has only the checkout: nothing outside it is ever read [RepoSandbox].
            var first = inputs.Outside[0];
            return SourceRender.Failed(
                ctx,
                $"the kustomization reads outside the repository: {string.Join("; ", inputs.Outside.Select(o => o.Describe))}",
                "Keep every base, component and file the kustomization uses inside the repository (vendor it in, or replace the symlink with the files themselves).",
                first.Location);
        }

        if (inputs.Remote.Count > 0)
        {
            return SourceRender.NotRendered(ctx, $"the kustomization references remote bases that cannot be fetched here: {string.Join(", ", inputs.Remote)}", "Vendor the remote bases into the repository, or validate this app on a cluster with network access.");
        }

        var (tool, verb) = Tool();
        if (tool is null)
        {
            return SourceRender.NotRendered(ctx, $"neither kustomize nor kubectl ('{options.KubectlPath}') was found, so the kustomization cannot be built", "Install kubectl (it includes kustomize) or kustomize, or set RenderOptions.KubectlPath / KustomizePath.");
        }

        var command = verb == "build" ? "kustomize build" : "kubectl kustomize";

        // kustomize runs in the sandbox copy, which holds only the repo: a reference the scan missed cannot leak.
        string sandbox;
        string buildDirectory;
        try
        {
            sandbox = scratch.SandboxOf(ctx.Tree);
            buildDirectory = ctx.Path.Length == 0 ? sandbox : Path.Combine(sandbox, ctx.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return SourceRender.Failed(ctx, $"could not prepare the sandbox copy of the repository: {ex.Message}", "Check free disk space in the temp directory (RenderOptions.ScratchDirectory).");
        }

        var overrides = ctx.Source.Kustomize;
        if (overrides is not null && !overrides.IsEmpty)
        {
            try
            {
                buildDirectory = scratch.PrepareOverrideCopy(ctx.Tree, ctx.Path);
                var target = Path.Combine(buildDirectory, file);
                var (documents, findings) = YamlDocumentReader.Read(await File.ReadAllTextAsync(target, cancellationToken).ConfigureAwait(false), kustomizationPath, loader.Options);
                if (findings.Count > 0 || documents.Count == 0 || documents[0].Root is not JsonObject kustomization)
                {
                    return SourceRender.Failed(ctx, $"failed to load {kustomizationPath}: {(findings.Count > 0 ? findings[0].Message : "it is not a mapping")}", "Fix the kustomization file.", findings.Count > 0 ? findings[0].Location : SourceLocation.OfFile(kustomizationPath), findings);
                }

                KustomizationEditor.Apply(kustomization, overrides, component =>
                    RepoTree.Combine(ctx.Path, component) is { } c && (ctx.Tree.DirectoryExists(c) || ctx.Tree.FileExists(c)));
                await File.WriteAllTextAsync(target, kustomization.ToJsonString(), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                return SourceRender.Failed(ctx, ex.Message, "Fix the Application's spec.source.kustomize overrides.", ctx.App.Manifest.LocationOf(ctx.Source.Pointer + "/kustomize"));
            }
            catch (IOException ex)
            {
                return SourceRender.Failed(ctx, $"could not prepare a scratch copy for the kustomize overrides: {ex.Message}", "Check free disk space in the temp directory (RenderOptions.ScratchDirectory).");
            }
        }

        var charts = KustomizeHelmCharts.Read(ctx.Tree, kustomizationPath, loader.Options);
        if (charts is not null)
        {
            // Argo CD passes --enable-helm when its kustomize build options say so: the flag here, or the repo's own
            // argocd-cm / ArgoCD resource (reposerver kustomize build with kustomize.buildOptions).
            if (!options.KustomizeEnableHelm && buildOptions.EnablesHelm(ctx.Tree) is null)
            {
                return SourceRender.Failed(ctx, $"{command} {ctx.Path} failed:\nError: trouble configuring builtin HelmChartInflationGenerator with config: chart {charts.FirstName}: must specify --enable-helm", "Argo CD inflates helmCharts only when argocd-cm kustomize.buildOptions has --enable-helm: set it there (and RenderOptions.KustomizeEnableHelm here), or replace helmCharts with a Helm source.", SourceLocation.OfFile(kustomizationPath));
            }

            try
            {
                if (overrides is null || overrides.IsEmpty)
                {
                    // Inflating writes into the build folder: never into the shared sandbox copy.
                    buildDirectory = scratch.PrepareOverrideCopy(ctx.Tree, ctx.Path);
                }

                charts.Inflate(ctx.Tree, ctx.Path, Path.Combine(buildDirectory, file), options);
            }
            catch (Helm.HelmChartException ex)
            {
                return ex.NotAvailable
                    ? SourceRender.NotRendered(ctx, ex.Message, "Vendor the chart under the kustomization's chartHome (helmGlobals.chartHome, default charts/), or pass --chart-cache DIR.")
                    : SourceRender.Failed(ctx, $"{command} {ctx.Path} failed: helm template: {ex.Message}", "Fix the chart or its values in helmCharts.", SourceLocation.OfFile(kustomizationPath));
            }
        }

        var result = await tools.RunAsync(tool, [verb, buildDirectory], buildDirectory, options.ToolTimeout, cancellationToken).ConfigureAwait(false);
        if (result.TimedOut)
        {
            return SourceRender.Failed(ctx, $"{command} {ctx.Path} did not finish within {options.ToolTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (RenderOptions.ToolTimeout) and was stopped", "Look for a slow or looping kustomization, or raise RenderOptions.ToolTimeout.", SourceLocation.OfFile(kustomizationPath));
        }

        if (!result.Succeeded)
        {
            var error = result.FirstErrorLines()
                .Replace(buildDirectory, ctx.Path, StringComparison.Ordinal)
                .Replace(sandbox + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)
                .Replace(sandbox, ".", StringComparison.Ordinal);
            if (error.Contains("HelmChartInflationGenerator", StringComparison.Ordinal))
            {
                // helmCharts need helm and --enable-helm (Argo CD: kustomize.buildOptions): not available here, so the
                // app is unknown (RENDER002), not broken.
                return SourceRender.NotRendered(ctx, $"the kustomization at {ctx.Path} inflates Helm charts (helmCharts), which needs helm and --enable-helm; they are not rendered here", "Validate this app where helm is installed, or render the chart into the repository.");
            }

            return SourceRender.Failed(ctx, $"{command} {ctx.Path} failed:\n{error}", $"Run `{command} {ctx.Path}` in the repository to see the full error and fix the kustomization.", SourceLocation.OfFile(kustomizationPath));
        }

        var output = loader.LoadText(result.StandardOutput, kustomizationPath);
        if (output.Findings.Count > 0)
        {
            return SourceRender.Failed(ctx, $"{command} {ctx.Path} produced output that does not parse: {output.Findings[0].Message}", "Report this: kustomize output should always parse.", SourceLocation.OfFile(kustomizationPath));
        }

        return SourceRender.Ok(output.Objects.Select(o => Locate(o, inputs, kustomizationPath)).ToList());
    }

    /// <summary>A standalone kustomize (configured, else on PATH) runs "build"; otherwise kubectl runs "kustomize".</summary>
    private (string? Path, string Verb) Tool()
    {
        if (options.KustomizePath is { } configured)
        {
            return (ToolRunner.Locate(configured), "build");
        }

        return ToolRunner.Locate("kustomize") is { } standalone ? (standalone, "build") : (ToolRunner.Locate(options.KubectlPath), "kustomize");
    }

    /// <summary>Points an output object at its input definition: same kind and name (or the input name it contains).</summary>
    private static ManifestObject Locate(ManifestObject output, KustomizeInputs inputs, string kustomizationPath)
    {
        var origin = inputs.OriginOf(output);
        if (origin is null)
        {
            return output with { Location = SourceLocation.OfFile(kustomizationPath), Locations = null };
        }

        var locations = new NodeLocations(origin.Location.File);
        var stack = new Stack<(JsonNode Node, string Pointer)>();
        stack.Push((output.Body, string.Empty));
        while (stack.Count > 0)
        {
            var (node, pointer) = stack.Pop();
            if (pointer.Length > 0 && JsonPointer.Resolve(origin.Body, pointer) is not null)
            {
                var at = origin.LocationOf(pointer);
                locations.Add(node, at.Line, at.Column);
            }

            foreach (var child in JsonPointer.Children(node, pointer))
            {
                stack.Push(child);
            }
        }

        return output with { Location = origin.Location, Locations = locations };
    }
}
