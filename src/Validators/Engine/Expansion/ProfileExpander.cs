using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Rendering.Helm;

namespace PlatformValidation.Validators.Expansion;

/// <summary>
/// Expands a profile: loads each layer's manifests from the repo, then follows every Application (rendering it,
/// recursing into child Applications and ApplicationSets it renders) and every ApplicationSet (generating its
/// Applications), with cycle, depth and size guards. Each level of the tree renders in parallel; renders are cached
/// across profiles for the lifetime of the instance. Dispose to remove scratch directories.
/// </summary>
public sealed class ProfileExpander : IDisposable
{
    private readonly ApplicationRenderer renderer;
    private readonly ApplicationSetExpander sets;
    private readonly ManifestLoader loader;

    public ProfileExpander(RepoTree repo, IRepoResolver resolver, ExpansionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(resolver);
        Repo = repo;
        Resolver = resolver;
        Options = options ?? ExpansionOptions.Default;
        renderer = new ApplicationRenderer(resolver, Options.Render);
        sets = new ApplicationSetExpander(resolver, Options.ApplicationSets);
        loader = new ManifestLoader(Options.Render.Loader);
    }

    /// <summary>The platform repo the layer manifests are read from.</summary>
    public RepoTree Repo { get; }

    public IRepoResolver Resolver { get; }

    public ExpansionOptions Options { get; }

    /// <summary>The renderer (and its cache) this expander uses; callers may render further apps with it.</summary>
    public ApplicationRenderer Renderer => renderer;

    /// <summary>
    /// Expands <paramref name="profile"/>. Problems inside the repo are findings; a layer manifest that does not exist
    /// is a <see cref="LoadException"/> (the profile definition does not match the repo).
    /// </summary>
    public async Task<ExpandedProfile> ExpandAsync(ProfileDefinition profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var run = new ExpansionRun(this, profile, cancellationToken);
        return await run.ExecuteAsync().ConfigureAwait(false);
    }

    public void Dispose() => renderer.Dispose();

    /// <summary>The state of one expansion.</summary>
    private sealed class ExpansionRun(ProfileExpander owner, ProfileDefinition profile, CancellationToken cancellationToken)
    {
        private readonly List<ExpandedLayer> layers = [];
        private readonly List<ExpandedApp> apps = [];
        private readonly List<ExpandedApplicationSet> appSets = [];
        private readonly List<AppProject> projects = [];
        private readonly List<Finding> findings = [];
        private readonly Dictionary<string, HashSet<string>> expandedBodies = new(StringComparer.Ordinal);
        private readonly HashSet<string> reportedCycles = new(StringComparer.Ordinal);

        public async Task<ExpandedProfile> ExecuteAsync()
        {
            var level = new List<WorkItem>();
            var layerDefinitions = new List<LayerDefinition>();
            if (profile.CommonManifests.Count > 0)
            {
                layerDefinitions.Add(new LayerDefinition(ProfileDefinition.CommonLayer, profile.CommonManifests));
            }

            layerDefinitions.AddRange(profile.Layers);
            foreach (var layer in layerDefinitions)
            {
                var objects = LoadLayer(layer);
                layers.Add(new ExpandedLayer(layer.Name, layer.Manifests, objects));
                foreach (var o in objects)
                {
                    Classify(o, layer.Name, parent: null, depth: 0, ancestors: [], level);
                }
            }

            while (level.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rendered = await Task.WhenAll(level.Select(RenderAsync)).ConfigureAwait(false);
                var next = new List<WorkItem>();
                foreach (var (item, result) in level.Zip(rendered))
                {
                    Record(item, result, next);
                }

                level = next;
            }

            NormalizeNamespaces();
            var tagged = findings.Select(f => f.Profile is null ? f with { Profile = profile.Name } : f).ToList();
            return new ExpandedProfile(profile.Name, layers, apps, appSets, projects, tagged);
        }

        private List<ManifestObject> LoadLayer(LayerDefinition layer)
        {
            var objects = new List<ManifestObject>();
            foreach (var manifest in layer.Manifests)
            {
                var path = RepoTree.NormalizePath(manifest)
                    ?? throw new LoadException($"Profile '{profile.Name}', layer '{layer.Name}': the manifest path '{manifest}' points outside the repository {owner.Repo.Root}. Use a path relative to the repository root.");
                LoadResult result;
                if (owner.Repo.FileExists(path))
                {
                    result = owner.loader.LoadFile(owner.Repo, path);
                }
                else if (owner.Repo.DirectoryExists(path) && HelmChartObjects.IsChart(owner.Repo, path))
                {
                    // A Helm chart directory applies what `helm template DIR | kubectl apply -f -` would (e.g. an
                    // app-of-apps chart found by discovery, or named in a scenario layer).
                    try
                    {
                        result = new LoadResult(HelmChartObjects.RenderDirectory(owner.Repo, path, owner.loader), []);
                    }
                    catch (HelmChartException ex) when (ex.NotAvailable && RenderWithoutMissing(path) is { } partial)
                    {
                        // A dependency that cannot be fetched here (helm would `dependency build` it): the chart's own
                        // objects still apply, the dependency's are reported as not validated.
                        result = new LoadResult(partial, [new Finding(RenderFindings.Render002, Severity.Warning,
                            $"the chart '{manifest}' of layer {layer.Name} was rendered without what cannot be fetched here ({ex.Message.Split('\n')[0]}); the objects of that dependency are not validated",
                            SourceLocation.OfFile(path + "/Chart.yaml"),
                            "Vendor the dependency (`helm dependency build`, commit charts/), or supply its archive with --chart-cache.")]);
                    }
                    catch (HelmChartException ex)
                    {
                        throw new LoadException($"Profile '{profile.Name}', layer '{layer.Name}': the chart '{manifest}' did not render: {ex.Message}");
                    }
                }
                else if (owner.Repo.DirectoryExists(path))
                {
                    // kubectl apply -f DIR reads the directory's own files (no -R).
                    result = owner.loader.LoadDirectory(owner.Repo, path, recursive: false);
                }
                else
                {
                    throw new LoadException($"Profile '{profile.Name}', layer '{layer.Name}': the manifest '{manifest}' does not exist in the repository {owner.Repo.Root}. Fix the path in the scenario file, or check out the revision that has it.");
                }

                objects.AddRange(result.Objects);
                findings.AddRange(result.Findings);
            }

            return objects;
        }

        private List<ManifestObject>? RenderWithoutMissing(string path)
        {
            try
            {
                return HelmChartObjects.RenderDirectory(owner.Repo, path, owner.loader, new HelmRenderRequest { OmitMissingDependencies = true });
            }
            catch (HelmChartException)
            {
                return null;
            }
        }

        /// <summary>Sorts an object applied by a layer or rendered by an app into projects, apps to render and sets to expand.</summary>
        private void Classify(ManifestObject o, string layer, AppParent? parent, int depth, IReadOnlyList<string> ancestors, List<WorkItem> queue)
        {
            if (ArgoKinds.IsAppProject(o))
            {
                var p = ArgoModelParser.ParseAppProject(o);
                findings.AddRange(p.Findings);
                if (p.Value is not null)
                {
                    projects.Add(p.Value);
                }
            }
            else if (ArgoKinds.IsApplication(o))
            {
                var parsed = ArgoModelParser.ParseApplication(o);
                findings.AddRange(parsed.Findings);
                if (parsed.Value is { } app)
                {
                    Enqueue(app, parsed.Findings, layer, parent, depth, ancestors, queue);
                }
            }
            else if (ArgoKinds.IsApplicationSet(o))
            {
                ExpandSet(o, layer, parent, depth, ancestors, queue);
            }
        }

        private void Enqueue(Application app, IReadOnlyList<Finding> parseFindings, string layer, AppParent? parent, int depth, IReadOnlyList<string> ancestors, List<WorkItem> queue)
        {
            if (ancestors.Contains(app.Name, StringComparer.Ordinal))
            {
                ReportCycle(app.Name, app.Manifest.Location, ancestors);
                return;
            }

            if (depth > owner.Options.MaxDepth)
            {
                findings.Add(new Finding(ExpansionFindings.Cycle, Severity.Warning, $"Application '{app.Name}' is nested deeper than {owner.Options.MaxDepth} app-of-apps levels (ExpansionOptions.MaxDepth); expansion stops there", app.Manifest.Location, "Flatten the app-of-apps tree, or raise ExpansionOptions.MaxDepth.") { App = app.Name });
                return;
            }

            if (apps.Count + queue.Count >= owner.Options.MaxApps)
            {
                findings.Add(new Finding(ExpansionFindings.Cycle, Severity.Error, $"the profile reaches more than {owner.Options.MaxApps:N0} Applications (ExpansionOptions.MaxApps); expansion stops", app.Manifest.Location, "Check for generators that multiply Applications, or raise ExpansionOptions.MaxApps.") { App = app.Name });
                return;
            }

            queue.Add(new WorkItem(app, parseFindings, layer, parent, depth, [.. ancestors, app.Name]));
        }

        private void ReportCycle(string name, SourceLocation location, IReadOnlyList<string> ancestors)
        {
            var start = ancestors.ToList().IndexOf(name);
            var chain = string.Join(" → ", ancestors.Skip(start).Append(name));
            var message = ancestors[^1] == name
                ? $"Application '{name}' manages itself; expansion does not follow it again"
                : $"Applications manage each other in a cycle ({chain}); expansion stops at '{name}'";
            if (reportedCycles.Add(location + "|" + message))
            {
                findings.Add(ExpansionFindings.CycleFound(name, location, message));
            }
        }

        private void ExpandSet(ManifestObject o, string layer, AppParent? parent, int depth, IReadOnlyList<string> ancestors, List<WorkItem> queue)
        {
            var parsed = ArgoModelParser.ParseApplicationSet(o);
            findings.AddRange(parsed.Findings);
            if (parsed.Value is not { } set)
            {
                appSets.Add(new ExpandedApplicationSet(o.Name, layer, parent, o, null, [], Succeeded: false));
                return;
            }

            var expansion = owner.sets.Expand(set, cancellationToken);
            findings.AddRange(expansion.Findings);
            appSets.Add(new ExpandedApplicationSet(set.Name, layer, parent, o, set, expansion.Applications.Select(a => a.Model.Name).ToList(), expansion.Succeeded));
            var setParent = new AppParent(ArgoKinds.ApplicationSet, set.Name);
            foreach (var generated in expansion.Applications)
            {
                Enqueue(generated.Model, [], layer, setParent, depth + 1, ancestors, queue);
            }
        }

        private async Task<RenderResult> RenderAsync(WorkItem item)
        {
            try
            {
                return await owner.renderer.RenderAsync(item.App, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never let one app stop the run: an unexpected failure is that app's RENDER001.
                var finding = RenderFindings.Failed(item.App.Name, item.App.Manifest.Location, $"Application '{item.App.Name}' could not be rendered: {ex.GetType().Name}: {ex.Message}", "Report this with the app's manifest; meanwhile the app's resources are not checked.");
                return new RenderResult([], RenderOutcome.Failed(ex.Message, finding), [finding]);
            }
        }

        private void Record(WorkItem item, RenderResult result, List<WorkItem> next)
        {
            var appFindings = item.ParseFindings.Concat(result.Findings).ToList();
            findings.AddRange(result.Findings);
            apps.Add(new ExpandedApp(item.App.Name, item.Layer, item.Parent, item.App.Manifest, item.App, result.Objects, result.Outcome, appFindings) { Depth = item.Depth });

            // The same child produced twice (two parents) is kept twice, but its own children are followed once per distinct manifest.
            var body = item.App.Manifest.Body.ToJsonString();
            if (!expandedBodies.TryGetValue(item.App.Name, out var seen))
            {
                expandedBodies[item.App.Name] = seen = new HashSet<string>(StringComparer.Ordinal);
            }

            if (!seen.Add(body))
            {
                // Children were followed from the first copy; still report cycles through this copy's own chain.
                foreach (var o in result.Objects.Where(ArgoKinds.IsApplication))
                {
                    if (item.Ancestors.Contains(o.Name, StringComparer.Ordinal))
                    {
                        ReportCycle(o.Name, o.Location, item.Ancestors);
                    }
                }

                return;
            }

            var parent = new AppParent(ArgoKinds.Application, item.App.Name);
            foreach (var o in result.Objects)
            {
                Classify(o, item.Layer, parent, item.Depth + 1, item.Ancestors, next);
            }
        }

        /// <summary>
        /// Namespace defaulting again with every CRD the profile installs (a custom resource whose CRD comes from
        /// another app is cluster-scoped when that CRD says so), then Argo CD's "Namespace for … is missing" check.
        /// </summary>
        private void NormalizeNamespaces()
        {
            var scopes = owner.Options.Render.Scopes
                .WithCustomResourceDefinitions(layers.SelectMany(l => l.Objects))
                .WithCustomResourceDefinitions(apps.SelectMany(a => a.Resources));
            for (var i = 0; i < apps.Count; i++)
            {
                var app = apps[i];
                var normalized = NamespaceDefaulting.Normalize(app.Resources, app.Model.Destination.Namespace, scopes);
                var missing = normalized.Where(o => string.IsNullOrEmpty(o.Namespace) && scopes.IsNamespaced(o.Group, o.Kind)).ToList();
                var extra = new List<Finding>();
                // A kind whose scope no table and no CRD of the profile knows may well be cluster-scoped (its CRD comes
                // with an operator): Argo CD only fails when the cluster says namespaced, so that case is a warning.
                foreach (var (group, known) in missing.GroupBy(o => scopes.Scope(o.Group, o.Kind) is not null).Select(g => (g.ToList(), g.Key)))
                {
                    // [ARGOCD-SEMANTICS §1.5; controller/state.go] InvalidSpecError: Namespace for <name> <gvk> is missing.
                    var first = group[0];
                    var more = group.Count > 1 ? $" (and {group.Count - 1} more)" : string.Empty;
                    extra.Add(known
                        ? new Finding(
                            ArgoModelParser.Argo001,
                            Severity.Error,
                            $"Application '{app.Name}': Namespace for {first.Name} {first.ApiVersion}, Kind={first.Kind} is missing{more}; the app has no destination namespace",
                            first.Location,
                            "Set spec.destination.namespace on the Application, or metadata.namespace on the resource.") { App = app.Name }
                        : new Finding(
                            ArgoModelParser.Argo001,
                            Severity.Warning,
                            $"Application '{app.Name}': {first.Kind} {first.Name} ({first.ApiVersion}){more} has no namespace and the app no destination namespace; its scope is unknown here (no CRD in the repo, not in the kind tables), and Argo CD fails the app if the cluster serves it namespaced",
                            first.Location,
                            "If the kind is namespaced, set spec.destination.namespace or metadata.namespace; if it is cluster-scoped, nothing to do (declare its CRD with --externals or pick a --platform preset that knows it).") { App = app.Name });
                }

                findings.AddRange(extra);

                if (extra.Count > 0 || normalized.Zip(app.Resources).Any(p => !ReferenceEquals(p.First, p.Second)))
                {
                    apps[i] = app with { Resources = normalized, Findings = [.. app.Findings, .. extra] };
                }
            }
        }

        private sealed record WorkItem(Application App, IReadOnlyList<Finding> ParseFindings, string Layer, AppParent? Parent, int Depth, IReadOnlyList<string> Ancestors);
    }
}
