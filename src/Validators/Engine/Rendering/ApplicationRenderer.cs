using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Renders an Application to its desired objects: every source in order (directory, kustomize through
/// <c>kubectl kustomize</c> with the Application's overrides applied as Argo CD does, helm through
/// <c>helm template</c> when available), <c>$ref</c> value files, <c>.argocd-source.yaml</c> overrides, last-wins
/// duplicates, namespace defaulting [ARGOCD-SEMANTICS §1]. Identical renders (same manifest, same repo views) are
/// cached for the lifetime of the instance; give each revision its own <see cref="RepoTree"/> root (or call
/// <see cref="ClearCache"/>). Safe to call from several threads. Dispose to remove scratch directories.
/// </summary>
public sealed class ApplicationRenderer : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RenderResult>>> appCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<SourceRender>>> sourceCache = new(StringComparer.Ordinal);
    private readonly ToolRunner tools;
    private readonly ScratchWorkspace scratch;
    private readonly ManifestLoader loader;
    private readonly KustomizeRenderer kustomize;
    private readonly HelmRenderer helm;

    public ApplicationRenderer(IRepoResolver resolver, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Resolver = resolver;
        Options = options ?? RenderOptions.Default;
        tools = new ToolRunner(Math.Max(1, Options.MaxParallelTools));
        scratch = new ScratchWorkspace(Options.ScratchDirectory);
        loader = new ManifestLoader(Options.Loader);
        kustomize = new KustomizeRenderer(Options, tools, scratch, loader);
        helm = new HelmRenderer(Options, tools, resolver, loader);
    }

    public IRepoResolver Resolver { get; }

    public RenderOptions Options { get; }

    /// <summary>Renders <paramref name="app"/>. Never throws for bad input: problems become findings and the outcome.</summary>
    public async Task<RenderResult> RenderAsync(Application app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The key holds the repo views the sources resolve to, so a new revision (a new RepoTree root) renders again.
        var roots = string.Join("|", app.Sources.Select(s => Resolver.Resolve(s.RepoUrl, s.TargetRevision).Tree?.Root ?? "-"));
        var key = roots + "\n" + app.Manifest.Body.ToJsonString();
        var lazy = appCache.GetOrAdd(key, _ => new Lazy<Task<RenderResult>>(() =>
            Options.Reuse?.TryReuse(app) is { } reused ? Task.FromResult(reused) : RenderCoreAsync(app, cancellationToken)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            appCache.TryRemove(key, out _);
            throw;
        }
    }

    private async Task<RenderResult> RenderCoreAsync(Application app, CancellationToken cancellationToken)
    {
        var refSources = app.Sources.Where(s => s.Ref is not null).GroupBy(s => s.Ref!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var renders = await Task.WhenAll(app.Sources.Select((s, i) => RenderSourceAsync(app, s, i, refSources, cancellationToken))).ConfigureAwait(false);

        // Sources are concatenated in order; objects are copies, so defaulting cannot leak into the cache.
        var objects = renders.SelectMany(r => r.Objects).Select(o => o.DeepClone()).ToList();
        var findings = renders.SelectMany(r => r.Findings).ToList();
        var outcome = renders.Select(r => r.Outcome).FirstOrDefault(o => o.Status == RenderStatus.Failed)
            ?? renders.Select(r => r.Outcome).FirstOrDefault(o => o.Status == RenderStatus.NotRendered)
            ?? RenderOutcome.Rendered;

        var scopes = Options.Scopes.WithCustomResourceDefinitions(objects);
        NamespaceDefaulting.Apply(objects, app.Destination.Namespace, scopes);
        return new RenderResult(LastWins(objects), outcome, findings);
    }

    /// <summary>The same group/kind/namespace/name more than once: the last one wins [ARGOCD-SEMANTICS §1.1 RepeatedResourceWarning].</summary>
    private static List<ManifestObject> LastWins(List<ManifestObject> objects)
    {
        var lastIndex = new Dictionary<(string, string, string, string), int>();
        for (var i = 0; i < objects.Count; i++)
        {
            lastIndex[Key(objects[i])] = i;
        }

        return lastIndex.Count == objects.Count ? objects : objects.Where((o, i) => lastIndex[Key(o)] == i).ToList();
    }

    private static (string, string, string, string) Key(ManifestObject o) => (o.Group, o.Kind, o.Namespace ?? string.Empty, o.Name);

    private async Task<SourceRender> RenderSourceAsync(Application app, ApplicationSource source, int index, IReadOnlyDictionary<string, ApplicationSource> refSources, CancellationToken cancellationToken)
    {
        try
        {
            if (source.IsRefOnly)
            {
                return SourceRender.Ok([]); // A ref-only source renders nothing [§1.1].
            }

            var resolution = Resolver.Resolve(source.RepoUrl, source.TargetRevision);
            var placeholder = new SourceContext(app, source, index, resolution.Tree, string.Empty, refSources);
            if (source.Plugin is not null)
            {
                return SourceRender.NotRendered(placeholder, "config management plugins are not run here", "Validate this app on a cluster with the plugin installed, or render it to plain manifests in Git.");
            }

            if (source.Chart is not null && Options.HelmPath is null)
            {
                // In-process Helm: a repository chart renders from the chart cache, or is RENDER002 naming --chart-cache.
                return helm.RenderChartFromCache(placeholder);
            }

            if (source.Chart is not null && ToolRunner.Locate(Options.HelmPath!) is null)
            {
                return SourceRender.NotRendered(placeholder, $"helm is not installed here, so chart {source.Chart} cannot be rendered", "Install helm 3 (https://helm.sh/docs/intro/install/) or set RenderOptions.HelmPath; until then this app's resources are not checked.");
            }

            if (resolution.Tree is not { } repo)
            {
                return source.Chart is not null
                    ? SourceRender.NotRendered(placeholder, $"chart {source.Chart} {source.TargetRevision} from {source.RepoUrl} cannot be fetched here", "Supply a local directory holding the unpacked chart for this repository URL.")
                    : SourceRender.NotRendered(placeholder, resolution.Reason ?? $"repo {source.RepoUrl} is not available here", "Use the canonical repoURL, or supply a local directory for this repository.");
            }

            var path = RepoTree.NormalizePath(source.Path ?? string.Empty);
            if (path is null)
            {
                return SourceRender.Failed(placeholder, $"the path '{source.Path}' points outside the repository", "Make spec.source.path relative to the repository root, without climbing above it (..).", app.Manifest.LocationOf(source.Pointer + "/path"));
            }

            var ctx = placeholder with { Repo = repo, Path = path };
            if (source.Chart is null && repo.TryGetFullPath(path, out var problem) is not { } full)
            {
                return SourceRender.Failed(ctx, $"{source.Path}: app path does not exist ({problem})", "Fix spec.source.path, or add the directory to the repository.", app.Manifest.LocationOf(source.Pointer + "/path"));
            }
            else if (source.Chart is null && !Directory.Exists(repo.TryGetFullPath(path, out _)))
            {
                return SourceRender.Failed(ctx, $"{source.Path}: app path is not a directory", "Point spec.source.path at a directory.", app.Manifest.LocationOf(source.Pointer + "/path"));
            }

            ctx = WithSourceOverrides(ctx);
            var tool = SourceToolDetector.Detect(ctx.Source, repo, path);
            var helmScoped = tool == SourceTool.Helm ? $"|{app.Name}|{app.Destination.Namespace}" : string.Empty;
            var key = $"{repo.Root}|{path}|{tool}|{SourceJson(ctx.Source, app)}{helmScoped}";
            var lazy = sourceCache.GetOrAdd(key, _ => new Lazy<Task<SourceRender>>(() => DispatchAsync(ctx, tool, cancellationToken)));
            var render = await lazy.Value.ConfigureAwait(false);

            // A cached render may come from another app: re-attribute its findings.
            return render.Findings.All(f => f.App == app.Name) ? render : render with { Findings = render.Findings.Select(f => f with { App = app.Name }).ToList() };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var ctx = new SourceContext(app, source, index, null, string.Empty, refSources);
            return SourceRender.Failed(ctx, $"reading the source failed: {ex.Message}", "Check the repository's files and permissions.");
        }
    }

    private Task<SourceRender> DispatchAsync(SourceContext ctx, SourceTool tool, CancellationToken cancellationToken) => tool switch
    {
        SourceTool.Kustomize => kustomize.RenderAsync(ctx, cancellationToken),
        SourceTool.Helm => helm.RenderAsync(ctx, cancellationToken),
        SourceTool.Plugin => Task.FromResult(SourceRender.NotRendered(ctx, "config management plugins are not run here", "Validate this app on a cluster with the plugin installed.")),
        _ => Task.Run(() => DirectoryRenderer.Render(ctx, loader), cancellationToken),
    };

    private static string SourceJson(ApplicationSource source, Application app) =>
        JsonPointer.Resolve(app.Manifest.Body, source.Pointer)?.ToJsonString() ?? source.ToString();

    /// <summary>
    /// <c>.argocd-source.yaml</c> and <c>.argocd-source-&lt;app&gt;.yaml</c> in the source path are merged into the source
    /// (JSON merge patch; repoURL, path, chart and targetRevision stay) [reposerver mergeSourceParameters].
    /// </summary>
    private SourceContext WithSourceOverrides(SourceContext ctx)
    {
        var raw = JsonPointer.Resolve(ctx.App.Manifest.Body, ctx.Source.Pointer) as JsonObject;
        if (raw is null)
        {
            return ctx;
        }

        JsonObject? merged = null;
        foreach (var name in new[] { ".argocd-source.yaml", $".argocd-source-{ctx.App.Name}.yaml" })
        {
            var file = SourceToolDetector.Join(ctx.Path, name);
            if (!ctx.Tree.FileExists(file) || !ctx.Tree.TryReadFile(file, loader.Options.MaxFileBytes, out var bytes, out _))
            {
                continue;
            }

            var (documents, findings) = YamlDocumentReader.Read(System.Text.Encoding.UTF8.GetString(bytes), file, loader.Options);
            if (findings.Count == 0 && documents.Count > 0 && documents[0].Root is JsonObject patch)
            {
                merged ??= (JsonObject)raw.DeepClone();
                MergePatch(merged, patch);
            }
        }

        if (merged is null)
        {
            return ctx;
        }

        foreach (var fixedField in new[] { "repoURL", "path", "chart", "targetRevision" })
        {
            merged[fixedField] = raw[fixedField]?.DeepClone();
        }

        var wrapper = new JsonObject { ["spec"] = new JsonObject { ["source"] = merged } };
        var reader = new SpecReader(new ManifestObject(wrapper, ctx.App.Manifest.Location), $"Application '{ctx.App.Name}'", string.Empty);
        var (sources, _) = ApplicationSourceParser.ParseSources(reader, (JsonObject)wrapper["spec"]!);
        return sources.Count == 1 && !reader.HasErrors ? ctx with { Source = sources[0] with { Pointer = ctx.Source.Pointer } } : ctx;
    }

    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (k, v) in patch)
        {
            if (v is null)
            {
                target.Remove(k);
            }
            else if (v is JsonObject po && target[k] is JsonObject to)
            {
                MergePatch(to, po);
            }
            else
            {
                target[k] = v.DeepClone();
            }
        }
    }

    /// <summary>Forgets every cached render (e.g. when a repo view was changed in place rather than replaced by a new one).</summary>
    public void ClearCache()
    {
        appCache.Clear();
        sourceCache.Clear();
    }

    public void Dispose()
    {
        tools.Dispose();
        scratch.Dispose();
    }
}
