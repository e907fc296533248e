using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Patterns;
using PlatformValidation.Validators.Rendering;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// What Argo CD would do, said where it does it silently or fails: ARGO004 (an app that renders no resource: Argo CD
/// syncs nothing and reports Synced/Healthy), ARGO005 (a directory include/exclude that matches no file), ARGO006
/// (an ApplicationSet whose generators yield no element: it creates no Application), ARGO007 (the same object in the
/// desired state of two apps: they fight over it, and each sync of one puts the other OutOfSync).
/// </summary>
public sealed class ArgoBehaviourAnalyzer : IStaticAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = new List<Finding>();
        foreach (var (app, _) in context.DistinctApps())
        {
            if (app.Outcome.Status != RenderStatus.Rendered)
            {
                continue;
            }

            var patterns = DirectoryPatterns(context, app).ToList();
            findings.AddRange(patterns);
            if (app.Resources.Count == 0 && patterns.Count == 0 && app.Model.Sources.Any(s => !s.IsRefOnly))
            {
                findings.Add(AppFindings.Create(FindingIds.Argo004,
                    $"{AppFindings.Describe(app)} renders no resource: Argo CD deploys nothing and still reports it Synced and Healthy.",
                    app.Manifest.LocationOf(app.Model.Sources[0].Pointer + "/path"),
                    EmptyHint(context, app),
                    app.Name,
                    severity: Severity.Warning));
            }
        }

        foreach (var set in context.Profiles.SelectMany(p => p.Expanded.ApplicationSets).DistinctBy(s => (s.Name, s.Manifest.Location)))
        {
            if (set.Succeeded && set.Model is not null && set.GeneratedApps.Count == 0)
            {
                if (SelectingClusters(set.Model.Generators).FirstOrDefault() is { } clusters)
                {
                    var selector = clusters.ClusterSelector!.ToSelector();
                    var declared = context.Scenario.Clusters.Count;
                    findings.Add(AppFindings.Create(FindingIds.Argo006,
                        $"ApplicationSet {set.Name} generates no Application: its clusters generator selects cluster Secrets labelled {selector}, and " +
                        (declared == 0 ? "no cluster is declared" : $"none of the {declared} declared cluster(s) matches") +
                        ", so Argo CD creates nothing until a cluster with those labels is registered (the local in-cluster entry never matches a selector).",
                        set.Manifest.LocationOf(clusters.Pointer + "/selector"),
                        $"Declare the clusters Argo CD holds (name, server, labels, annotations) under 'clusters:' in {(context.Discovered ? "an --externals FILE" : "the scenario")}, so this set is expanded as Argo CD will expand it (docs/scenario-format.md, clusters).",
                        severity: Severity.Warning));
                    continue;
                }

                findings.Add(AppFindings.Create(FindingIds.Argo006,
                    $"ApplicationSet {set.Name} generates no Application: its generators yield no element in this checkout, so Argo CD creates nothing (and deletes what it created before).",
                    set.Manifest.LocationOf("/spec/generators"),
                    "Check the generator's paths, files and selectors against the repo (a git directories path that matches no directory, a list with no element, a selector that filters everything).",
                    severity: Severity.Warning));
            }
        }

        findings.AddRange(SharedObjects(context));
        return findings;
    }

    /// <summary>The clusters generators with a non-empty cluster selector, through matrix and merge children.</summary>
    private static IEnumerable<ClustersGeneratorSpec> SelectingClusters(IEnumerable<GeneratorSpec> generators)
    {
        foreach (var g in generators)
        {
            switch (g)
            {
                case ClustersGeneratorSpec { ClusterSelector: { } s } c when s.MatchLabels.Count > 0 || s.MatchExpressions.Count > 0:
                    yield return c;
                    break;
                case MatrixGeneratorSpec m:
                    foreach (var inner in SelectingClusters(m.Generators))
                    {
                        yield return inner;
                    }

                    break;
                case MergeGeneratorSpec m:
                    foreach (var inner in SelectingClusters(m.Generators))
                    {
                        yield return inner;
                    }

                    break;
            }
        }
    }

    private static string EmptyHint(AnalysisContext context, ExpandedApp app)
    {
        var source = app.Model.Sources.First(s => !s.IsRefOnly);
        if (source.Chart is null && !string.IsNullOrEmpty(source.Path) && source.Directory?.Recurse != true &&
            RepoUrl.SameRepo(source.RepoUrl, context.Scenario.Repo.Urls[0]) && RepoTree.NormalizePath(source.Path) is { } path &&
            context.Repo.DirectoryExists(path) &&
            context.Repo.List(path, recursive: true).Files.Any(f => ManifestLoader.IsManifestFile(f) && f.IndexOf('/', path.Length + 1) > 0))
        {
            return $"The manifests are in subdirectories of {path}: set spec.source.directory.recurse: true, or point spec.source.path at the directory that holds them.";
        }

        return "Point spec.source.path at a directory with manifests (or a kustomization/chart), or delete the app if it is a leftover.";
    }

    /// <summary>ARGO005: an include or exclude of a directory source of this repo that matches no manifest file.</summary>
    private static IEnumerable<Finding> DirectoryPatterns(AnalysisContext context, ExpandedApp app)
    {
        foreach (var source in app.Model.Sources)
        {
            if (source.Directory is not { } directory || (directory.Include is null && directory.Exclude is null) ||
                !RepoUrl.SameRepo(source.RepoUrl, context.Scenario.Repo.Urls[0]) || RepoTree.NormalizePath(source.Path ?? string.Empty) is not { } path ||
                !context.Repo.DirectoryExists(path))
            {
                continue;
            }

            var files = context.Repo.List(path, directory.Recurse).Files
                .Where(ManifestLoader.IsManifestFile)
                .Select(f => path.Length == 0 ? f : f[(path.Length + 1)..])
                .ToList();
            foreach (var (field, pattern) in new[] { ("include", directory.Include), ("exclude", directory.Exclude) })
            {
                if (string.IsNullOrEmpty(pattern))
                {
                    continue;
                }

                GlobPattern glob;
                try
                {
                    glob = GlobPattern.Compile(pattern);
                }
                catch (FormatException)
                {
                    glob = GlobPattern.Compile("\0never\0");
                }

                if (!files.Any(glob.IsMatch))
                {
                    yield return AppFindings.Create(FindingIds.Argo005,
                        $"spec.source.directory.{field} '{pattern}' of {AppFindings.Describe(app)} matches no file under {(path.Length == 0 ? "the repo root" : path)}{(directory.Recurse ? string.Empty : " (recurse is off: only files directly in the path count)")}{(field == "include" ? ", so Argo CD deploys nothing" : ", so it excludes nothing")}.",
                        app.Manifest.LocationOf(source.Pointer + "/directory/" + field),
                        "Patterns match paths relative to spec.source.path (e.g. '*.yaml', '{a.yaml,b.yaml}'); set recurse: true for files in subdirectories.",
                        app.Name,
                        severity: Severity.Warning);
                }
            }
        }
    }

    /// <summary>ARGO007: one object (group, kind, namespace, name) in the desired state of two apps.</summary>
    private static IEnumerable<Finding> SharedObjects(AnalysisContext context)
    {
        foreach (var profile in context.Profiles)
        {
            var owners = new Dictionary<(string, string, string?, string), (ExpandedApp App, ManifestObject Obj)>();
            var reported = new HashSet<(string, string, string?, string)>();
            foreach (var app in profile.Expanded.Apps.DistinctBy(a => a.Name))
            {
                foreach (var obj in app.Resources)
                {
                    if (ArgoKinds.IsApplication(obj) || ArgoKinds.IsApplicationSet(obj) || obj.Kind.Length == 0)
                    {
                        // Child Applications claimed twice are NARROW003's business.
                        continue;
                    }

                    var key = (obj.Group, obj.Kind, AppFindings.NamespaceOf(obj, app, profile.Graph.Scopes), obj.Name);
                    if (!owners.TryAdd(key, (app, obj)) && owners[key].App.Name != app.Name && reported.Add(key))
                    {
                        var first = owners[key];
                        // Without a scenario nobody has said two roots are applied together: roots in one directory
                        // are (kubectl apply -f DIR), roots in different directories may be alternative example
                        // trees of one repo, so there the shared object is a warning — as NARROW003 is for a child
                        // Application [ARGOCD-SEMANTICS §1.6].
                        var roots = context.Discovered
                            ? new[] { NarrowingAnalyzer.RootOf(profile.Expanded, first.App), NarrowingAnalyzer.RootOf(profile.Expanded, app) }.Distinct(StringComparer.Ordinal).ToList()
                            : [];
                        var apart = roots.Select(r => Path.GetDirectoryName(r) ?? string.Empty).Distinct(StringComparer.Ordinal).Count() > 1;
                        yield return AppFindings.Create(FindingIds.Argo007,
                            $"{obj.Kind} {(key.Item3 is null ? string.Empty : key.Item3 + "/")}{obj.Name} is in the desired state of both {AppFindings.Describe(first.App)} ({first.Obj.Location}) and {AppFindings.Describe(app)}" +
                            (apart ? $", under different roots ({string.Join(" and ", roots)}); when both roots are applied, Argo CD" : ": Argo CD") +
                            " reports a SharedResourceWarning, each sync of one app takes it over and puts the other OutOfSync, and pruning either deletes it.",
                            obj.Location,
                            $"Keep {obj.Kind} {obj.Name} in exactly one app (move it to a shared app both depend on), or give the two copies different names or namespaces." +
                            (apart ? " If the roots are alternatives never applied together, validate one with --root FILE." : string.Empty),
                            app.Name,
                            profile.Name,
                            apart ? Severity.Warning : Severity.Error);
                    }
                }
            }
        }
    }
}
