using System.Globalization;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Repos;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;

namespace PlatformValidation.Fakes.ArgoCd.Rendering;

/// <summary>
/// The simulated repo-server's manifest generation: resolves every source's targetRevision through
/// <see cref="RepositoryService"/>, pins the Application to those commits, and renders it with the engine's
/// <see cref="ApplicationRenderer"/> (directory / kustomize with overrides / helm-or-RENDER002, multi-source with
/// <c>$ref</c>). Errors come back in Argo CD's wording (<c>Failed to load target state: …</c>).
/// </summary>
public sealed class ManifestGenerator : IDisposable
{
    private readonly RepositoryService repos;
    private readonly ApplicationRenderer renderer;

    /// <param name="repos">The repo-server.</param>
    /// <param name="kubectlPath">kubectl for <c>kubectl kustomize</c>.</param>
    /// <param name="scratchDirectory">Scratch space for kustomize overrides.</param>
    public ManifestGenerator(RepositoryService repos, string kubectlPath = "kubectl", string? scratchDirectory = null)
    {
        this.repos = repos;
        renderer = new ApplicationRenderer(repos, RenderOptions.Default with { KubectlPath = kubectlPath, ScratchDirectory = scratchDirectory });
    }

    public async Task<GeneratedManifests> GenerateAsync(AppSpec app, bool hardRefresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sources = app.Sources;
        if (sources.Count == 0)
        {
            return new GeneratedManifests([], [], InvalidSpec: "spec.source or spec.sources must be specified");
        }

        var pinned = Json.Clone(app.Raw);
        pinned.Remove("status");
        pinned.Remove("operation");
        var pinnedSources = app.IsMultiSource ? Json.Objects(pinned, "spec.sources").ToList() : [Json.Obj(pinned, "spec.source")!];
        var revisions = new List<string>();
        var resolvedDirs = new List<ResolvedRevision>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var repoUrl = Json.Str(source, "repoURL") ?? string.Empty;
            if (repoUrl.Length == 0)
            {
                return new GeneratedManifests([], [], InvalidSpec: "spec.source.repoURL and either source.path, source.chart, or source.ref are required");
            }

            if (Json.Str(source, "chart") is not null)
            {
                return Failed(i, sources.Count, $"helm chart repositories are not served by the simulated Argo CD (chart {Json.Str(source, "chart")} from {repoUrl}); serve the chart from a git repo path instead");
            }

            ResolvedRevision resolved;
            try
            {
                resolved = repos.ResolveRevision(repoUrl, Json.Str(source, "targetRevision") ?? "HEAD", hardRefresh);
            }
            catch (RepositoryException e)
            {
                return Failed(i, sources.Count, e.Message);
            }

            revisions.Add(resolved.Revision);
            resolvedDirs.Add(resolved);
            pinnedSources[i]["targetRevision"] = resolved.Revision;
            var path = Json.Str(source, "path");
            if (path is not null && !Directory.Exists(Path.Combine(resolved.Directory, path)))
            {
                return Failed(i, sources.Count, $"{path}: app path does not exist");
            }
        }

        var manifest = new ManifestObject(pinned, SourceLocation.OfFile($"Application/{app.Name}"));
        {
            var parsed = ArgoModelParser.ParseApplication(manifest);
            if (!parsed.IsValid || parsed.Value is null)
            {
                var message = string.Join("; ", parsed.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message));
                return new GeneratedManifests([], revisions, InvalidSpec: message.Length > 0 ? message : "invalid Application spec");
            }

            var result = await renderer.RenderAsync(parsed.Value, cancellationToken).ConfigureAwait(false);
            if (result.Outcome.Status != RenderStatus.Rendered)
            {
                return new GeneratedManifests([], revisions, ComparisonError: $"Failed to load target state: failed to generate manifest for source 1 of {sources.Count}: rpc error: code = Unknown desc = {result.Outcome.Reason}");
            }

            return new GeneratedManifests(result.Objects.Select(o => Json.Clone(o.Body)).ToList(), revisions,
                Warnings: result.Findings.Where(f => f.Severity != Severity.Error).Select(f => f.Message).ToList());
        }
    }

    public void Dispose() => renderer.Dispose();

    internal static GeneratedManifests Failed(int index, int count, string reason) =>
        new([], [], ComparisonError: string.Create(CultureInfo.InvariantCulture, $"Failed to load target state: failed to generate manifest for source {index + 1} of {count}: rpc error: code = Unknown desc = {reason}"));
}
