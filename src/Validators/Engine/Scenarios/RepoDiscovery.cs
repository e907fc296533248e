using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>What <c>validate --repo</c> found when no scenario was given.</summary>
public sealed record DiscoverySummary(
    string CanonicalRepoUrl,
    IReadOnlyList<string> Roots,
    IReadOnlyList<string> RootFiles,
    int Applications,
    int ApplicationSets,
    IReadOnlyList<string> Projects)
{
    /// <summary>Where <see cref="CanonicalRepoUrl"/> came from: <c>--repo-url</c>, <c>git remote origin</c>, or <c>guessed</c>.</summary>
    public string RepoUrlOrigin { get; init; } = RepoDiscovery.Guessed;

    /// <summary>Argo CD objects under a path an ApplicationSet template or app-of-apps covers, that nothing generates today.</summary>
    public IReadOnlyList<string> NotDeployed { get; init; } = [];

    /// <summary>True when the roots were named with <c>--root</c> instead of discovered.</summary>
    public bool ExplicitRoots { get; init; }

    /// <summary>The platform presets the run assumed (what the cluster provides).</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>True when <see cref="Platforms"/> was detected (Argo CD in <c>openshift-gitops</c>) rather than chosen.</summary>
    public bool PlatformDetected { get; init; }
}

/// <summary>Every Argo CD object found in a repo, this repo's URL, and the findings of reading it.</summary>
public sealed record RepoScan(string CanonicalRepoUrl, IReadOnlyList<ManifestObject> ArgoObjects, IReadOnlyList<Finding> Findings)
{
    /// <summary>Where <see cref="CanonicalRepoUrl"/> came from (<see cref="RepoDiscovery.FromFlag"/>, <see cref="RepoDiscovery.FromGit"/> or <see cref="RepoDiscovery.Guessed"/>).</summary>
    public string RepoUrlOrigin { get; init; } = RepoDiscovery.Guessed;

    /// <summary>The namespaces the Argo CD objects live in (the Argo CD namespace; <c>argocd</c> when none is written).</summary>
    public IReadOnlyList<string> ArgoNamespaces { get; init; } = ["argocd"];
}

/// <summary>
/// Builds a scenario from a repo alone: every Application, ApplicationSet and AppProject in it is found; those no
/// other app creates are the roots, validated as one profile <c>all</c>.
/// </summary>
public static class RepoDiscovery
{
    /// <summary>The profile and layer name of a discovered scenario.</summary>
    public const string ProfileName = "all";

    /// <summary>The repo URL was given with <c>--repo-url</c>.</summary>
    public const string FromFlag = "--repo-url";

    /// <summary>The repo URL is the checkout's <c>git remote get-url origin</c>.</summary>
    public const string FromGit = "git remote origin";

    /// <summary>The repo URL was guessed from the repoURLs whose paths exist in this checkout.</summary>
    public const string Guessed = "guessed";

    private static readonly SourceLocation Discovered = SourceLocation.OfFile("(discovered)");

    /// <summary>Reads every manifest file of the repo (Helm chart directories and dot-directories excluded).</summary>
    public static RepoScan Scan(RepoTree repo, ManifestLoader loader, CancellationToken cancellationToken = default) =>
        Scan(repo, loader, null, cancellationToken);

    /// <summary>
    /// Reads every manifest file of the repo (Helm chart directories and dot-directories excluded). This repo's URL is
    /// <paramref name="repoUrl"/> when given, else <c>git remote get-url origin</c>, else a guess: the repoURL (compared
    /// as Argo CD normalizes them) that most sources use with a path that exists in this checkout.
    /// </summary>
    public static RepoScan Scan(RepoTree repo, ManifestLoader loader, string? repoUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(loader);
        var listing = repo.List(string.Empty, recursive: true);
        // Helm chart templates are not YAML until rendered; their Applications are found through rendering.
        var chartTemplates = listing.Files.Where(f => f == "Chart.yaml" || f.EndsWith("/Chart.yaml", StringComparison.Ordinal))
            .Select(f => f[..^"Chart.yaml".Length])
            .SelectMany(dir => new[] { dir + "templates/", dir + "charts/" })
            .ToList();
        var findings = new List<Finding>(listing.Findings);
        var argo = new List<ManifestObject>();
        var withoutObjects = new List<string>();
        foreach (var file in listing.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ManifestLoader.IsManifestFile(file) || file.Split('/').Any(s => s.StartsWith('.')) ||
                chartTemplates.Any(c => file.StartsWith(c, StringComparison.Ordinal)))
            {
                continue;
            }

            var loaded = loader.LoadFile(repo, file);
            if (loaded.Objects.Count == 0)
            {
                withoutObjects.Add(file); // plain YAML: maybe an argocd-apps values file (below)
            }

            if (loaded.Findings.Count > 0 && NotThisScansError(repo, file, loader.Options.MaxFileBytes))
            {
                continue;
            }

            findings.AddRange(loaded.Findings);
            argo.AddRange(loaded.Objects.Where(o => ArgoKinds.IsApplication(o) || ArgoKinds.IsApplicationSet(o) || ArgoKinds.IsAppProject(o)));
        }

        var seen = new List<string>();
        argo.AddRange(RenderedRoots.FromCharts(repo, listing.Files, loader, seen, cancellationToken));

        // argocd-apps values files that no Application installs the chart with: reported, never silently ignored.
        var unreferenced = ArgocdAppsValuesFiles.Unreferenced(repo, withoutObjects, argo, loader.Options.MaxFileBytes, listing.Files);
        findings.AddRange(unreferenced.Select(ArgocdAppsValuesFiles.ToFinding));
        seen.AddRange(unreferenced.Select(ArgocdAppsValuesFiles.Seen));
        if (argo.Count == 0)
        {
            throw new ScenarioException(
                $"no Argo CD Application, ApplicationSet or AppProject was found under {repo.Root}{(seen.Count > 0 ? " (" + string.Join("; ", seen) + ")" : string.Empty)}; point --repo at a GitOps repo, or describe it with --scenario FILE.");
        }

        var origin = FromFlag;
        var canonical = string.IsNullOrWhiteSpace(repoUrl) ? null : repoUrl.Trim();
        if (canonical is null && GitOrigin.Read(repo.Root) is { } fromGit)
        {
            (canonical, origin) = (fromGit, FromGit);
        }

        if (canonical is null)
        {
            // A guess counts only repoURLs whose path exists here: a placeholder or a foreign repo is never chosen.
            origin = Guessed;
            canonical = argo.SelectMany(RepoUrls)
                .Where(u => PathExists(repo, u.Path))
                .GroupBy(u => RepoUrl.Normalize(u.Url), StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.First().Url)
                .FirstOrDefault() ?? "file://" + repo.Root;
        }

        var namespaces = argo.Where(o => !string.IsNullOrEmpty(o.Namespace)).Select(o => o.Namespace!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new RepoScan(canonical, argo, findings)
        {
            RepoUrlOrigin = origin,
            ArgoNamespaces = namespaces.Count == 0 ? ["argocd"] : namespaces,
        };
    }

    private static bool PathExists(RepoTree repo, string? path)
    {
        if (path is null)
        {
            return false;
        }

        // A templated path ('svc/{{.name}}') counts by its literal prefix.
        var template = path.IndexOf("{{", StringComparison.Ordinal);
        if (template >= 0)
        {
            path = path[..template];
            path = path.Contains('/', StringComparison.Ordinal) ? path[..path.LastIndexOf('/')] : string.Empty;
            if (path.Length == 0)
            {
                return false;
            }
        }

        var dir = RepoTree.NormalizePath(path.TrimEnd('*', '/'));
        return dir is not null && (dir.Length == 0 || repo.DirectoryExists(dir) || repo.FileExists(dir));
    }

    /// <summary>Finds the roots (by expanding everything once) and returns the scenario that applies them.</summary>
    public static Task<(Scenario Scenario, DiscoverySummary Summary)> FindRootsAsync(
        RepoTree repo,
        RepoScan scan,
        ProfileExpander expander,
        CancellationToken cancellationToken = default) =>
        FindRootsAsync(repo, scan, expander, [], cancellationToken);

    /// <summary>
    /// Finds the roots as Argo CD would see them and returns the scenario that applies them. A root is an object no
    /// app or ApplicationSet creates and that no other object's source path covers (a file under an ApplicationSet
    /// template path such as <c>catalog/{{.layer}}/{{.group}}</c>, or under an app-of-apps path, belongs to that parent
    /// even when nothing generates it today: it is "not deployed"). <paramref name="explicitRoots"/> (<c>--root</c>,
    /// repo-relative files) replaces the discovery; a file that does not exist or holds no Application or
    /// ApplicationSet is a <see cref="ScenarioException"/>.
    /// </summary>
    public static async Task<(Scenario Scenario, DiscoverySummary Summary)> FindRootsAsync(
        RepoTree repo,
        RepoScan scan,
        ProfileExpander expander,
        IReadOnlyList<string> explicitRoots,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(expander);
        ArgumentNullException.ThrowIfNull(explicitRoots);
        if (explicitRoots.Count > 0)
        {
            return ExplicitRoots(repo, scan, explicitRoots);
        }

        var appFiles = scan.ArgoObjects.Where(o => !ArgoKinds.IsAppProject(o)).Select(o => o.Location.File).Distinct(StringComparer.Ordinal).ToList();
        var projectFiles = scan.ArgoObjects.Where(ArgoKinds.IsAppProject).Select(o => o.Location.File)
            .Distinct(StringComparer.Ordinal).Where(f => !appFiles.Contains(f)).ToList();
        var everything = await expander.ExpandAsync(
            new ProfileDefinition("discovery", [new LayerDefinition(ProfileName, appFiles)]) { CommonManifests = projectFiles },
            cancellationToken).ConfigureAwait(false);

        // Edges parent → child (by kind/name) as the apps and sets render them.
        var edges = everything.Apps.Where(a => a.Parent is not null).Select(a => (Parent: Key(a.Parent!.Kind, a.Parent.Name), Child: Key(ArgoKinds.Application, a.Name)))
            .Concat(everything.ApplicationSets.Where(s => s.Parent is not null).Select(s => (Parent: Key(s.Parent!.Kind, s.Parent.Name), Child: Key(ArgoKinds.ApplicationSet, s.Name))))
            .ToList();
        var created = edges.Select(e => e.Child).ToHashSet(StringComparer.Ordinal);
        var candidates = scan.ArgoObjects.Where(o => !ArgoKinds.IsAppProject(o)).ToList();
        var uncreated = candidates.Where(o => !created.Contains(Key(o.Kind, o.Name))).ToList();
        var covers = RootCoverage.Of(scan, everything);
        var bases = KustomizeBases.Of(repo, repo.List(string.Empty, recursive: true).Files, expander.Options.Render.Loader);
        var notDeployed = uncreated.Where(o => covers.Covered(o.Location.File) || Archived(o.Location.File) || bases.ContainsKey(o.Location.File)).ToList();
        var roots = uncreated.Except(notDeployed).ToList();
        if (roots.Count == 0)
        {
            // Everything covers everything else (a repo whose root manages its own directory): keep Argo CD's view
            // of "nothing creates it" rather than validating nothing.
            (roots, notDeployed) = (uncreated, []);
        }

        // Objects only reachable through a cycle (a root that manages itself, two apps managing each other) have no
        // root: apply them too, so the cycle is expanded and reported instead of silently skipped.
        var reached = new HashSet<string>(StringComparer.Ordinal);
        void Reach(string start)
        {
            var queue = new Queue<string>();
            if (reached.Add(start))
            {
                queue.Enqueue(start);
            }

            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                foreach (var e in edges.Where(e => e.Parent == node))
                {
                    if (reached.Add(e.Child))
                    {
                        queue.Enqueue(e.Child);
                    }
                }
            }
        }

        foreach (var root in roots)
        {
            Reach(Key(root.Kind, root.Name));
        }

        // One entry point per cycle: the expander then follows the cycle and reports it (ARGO002).
        foreach (var candidate in candidates.Except(notDeployed))
        {
            if (!reached.Contains(Key(candidate.Kind, candidate.Name)))
            {
                roots.Add(candidate);
                Reach(Key(candidate.Kind, candidate.Name));
            }
        }

        var summary = Summary(repo, scan, roots, everything.Apps.Count(a => a.Parent?.Kind == ArgoKinds.ApplicationSet)) with
        {
            NotDeployed = notDeployed.Select(o => bases.TryGetValue(o.Location.File, out var overlay)
                    ? $"{o.Kind}/{o.Name} ({o.Location.File}: a kustomize base of {(overlay.Length == 0 ? "the root kustomization" : overlay)}, applied only through it)"
                    : $"{o.Kind}/{o.Name} ({o.Location.File})").Distinct(StringComparer.Ordinal).ToList(),
        };
        return (Build(repo, scan, projectFiles, summary.RootFiles), summary);
    }

    private static (Scenario Scenario, DiscoverySummary Summary) ExplicitRoots(RepoTree repo, RepoScan scan, IReadOnlyList<string> explicitRoots)
    {
        var roots = new List<ManifestObject>();
        foreach (var given in explicitRoots)
        {
            var file = RepoTree.NormalizePath(given);
            if (file is null || !repo.FileExists(file))
            {
                throw new ScenarioException($"--root {given} is not a file under {repo.Root}; pass the repo-relative path of an Application or ApplicationSet manifest (e.g. --root apps/root.yaml).");
            }

            var inFile = scan.ArgoObjects.Where(o => o.Location.File == file && !ArgoKinds.IsAppProject(o)).ToList();
            if (inFile.Count == 0)
            {
                throw new ScenarioException($"--root {given} holds no Application or ApplicationSet; pass the file of the root Argo CD applies (validate --repo without --root lists the discovered roots).");
            }

            roots.AddRange(inFile);
        }

        var projectFiles = scan.ArgoObjects.Where(ArgoKinds.IsAppProject).Select(o => o.Location.File).Distinct(StringComparer.Ordinal)
            .Where(f => !scan.ArgoObjects.Any(o => o.Location.File == f && !ArgoKinds.IsAppProject(o))).ToList();
        var summary = Summary(repo, scan, roots, 0) with { ExplicitRoots = true };
        return (Build(repo, scan, projectFiles, summary.RootFiles), summary);
    }

    private static DiscoverySummary Summary(RepoTree repo, RepoScan scan, IReadOnlyList<ManifestObject> roots, int generated)
    {
        _ = repo;
        var rootFiles = roots.Select(r => r.Location.File).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new DiscoverySummary(
            scan.CanonicalRepoUrl,
            roots.Select(r => $"{r.Kind}/{r.Name}  {r.Location.File}  (namespace {(string.IsNullOrEmpty(r.Namespace) ? "not set: the one kubectl applies to" : r.Namespace)})").ToList(),
            rootFiles,
            scan.ArgoObjects.Count(ArgoKinds.IsApplication) + generated,
            scan.ArgoObjects.Count(ArgoKinds.IsApplicationSet),
            scan.ArgoObjects.Where(ArgoKinds.IsAppProject).Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList())
        {
            RepoUrlOrigin = scan.RepoUrlOrigin,
        };
    }

    private static Scenario Build(RepoTree repo, RepoScan scan, IReadOnlyList<string> projectFiles, IReadOnlyList<string> rootFiles) => new(
        "discovered",
        $"Discovered from {repo.Root}",
        "(discovered)",
        new ScenarioRepo(repo.Root, [scan.CanonicalRepoUrl], ScenarioRepo.DefaultRevision, Discovered),
        null,
        projectFiles.Select(f => new ScenarioManifest(f, Discovered)).ToList(),
        [new ScenarioLayer(ProfileName, 1, rootFiles.Select(f => new ScenarioManifest(f, Discovered)).ToList(), false, Discovered)],
        [new ScenarioProfile(ProfileName, [ProfileName], Discovered)],
        [],
        [],
        [],
        null,
        new Dictionary<string, IReadOnlyList<ProbeCheck>>(),
        SubstrateOverrides.None,
        ScenarioTimeouts.Default,
        null);

    private static string Key(string kind, string name) => kind + "/" + name;

    private static readonly HashSet<string> ArchiveDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        "unused", "archive", "archived", "_archive", "old", "deprecated", "disabled", "attic", "graveyard",
    };

    /// <summary>True for a file under a directory whose name says it is kept but not applied (unused/, archive/, …).</summary>
    private static bool Archived(string file) => file.Split('/')[..^1].Any(ArchiveDirectories.Contains);

    /// <summary>
    /// Whether a YAML file that does not parse is left out of the scan's findings. Argo CD skips such a file unless it
    /// looks like a manifest (apiVersion:, kind: and metadata:) [ARGOCD-SEMANTICS §1.2]; the scan does the same for the
    /// repo's other YAML (docs, CI, values). A manifest template of another tool (Ansible/Jinja <c>{% … %}</c>, Go
    /// templates outside a chart) with no Argo CD kind in it is not YAML until that tool renders it: not a root, and
    /// not this scan's error (an Application whose source path holds it still reports it when it renders). A file that
    /// cannot be read or holds NUL bytes stays reported.
    /// </summary>
    private static bool NotThisScansError(RepoTree repo, string file, long maxBytes)
    {
        if (!repo.TryReadFile(file, maxBytes, out var bytes, out _) || Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return false;
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var looksLikeManifest = text.Contains("apiVersion:", StringComparison.Ordinal) && text.Contains("kind:", StringComparison.Ordinal) && text.Contains("metadata:", StringComparison.Ordinal);
        var otherToolsTemplate = (text.Contains("{%", StringComparison.Ordinal) || text.Contains("{{", StringComparison.Ordinal)) &&
            !text.Contains("argoproj.io", StringComparison.Ordinal);
        return !looksLikeManifest || otherToolsTemplate;
    }

    private static IEnumerable<(string Url, string? Path)> RepoUrls(ManifestObject o)
    {
        foreach (var source in Sources(o))
        {
            if (source["chart"] is null && Text(source["repoURL"]) is { } u)
            {
                yield return (u, source["path"] is JsonValue pv && pv.TryGetValue<string>(out var p) ? p : null);
            }
        }

        // A git generator's repoURL with its directory/file paths counts too.
        foreach (var (u, p) in GitGenerators(o.Body["spec"] is JsonObject spec ? spec["generators"] : null))
        {
            yield return (u, p);
        }
    }

    private static IEnumerable<(string Url, string? Path)> GitGenerators(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array.SelectMany(GitGenerators))
            {
                yield return item;
            }
        }
        else if (node is JsonObject obj)
        {
            if (obj["git"] is JsonObject git && Text(git["repoURL"]) is { } url)
            {
                foreach (var entry in (git["directories"] as JsonArray ?? []).Concat(git["files"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    yield return (url, entry["path"] is JsonValue pv && pv.TryGetValue<string>(out var p) ? (p.Contains('/', StringComparison.Ordinal) ? p[..p.LastIndexOf('/')] : p) : null);
                }
            }

            foreach (var (key, value) in obj)
            {
                if (key != "git" && value is JsonObject or JsonArray)
                {
                    foreach (var item in GitGenerators(value))
                    {
                        yield return item;
                    }
                }
            }
        }
    }

    /// <summary>The source objects of an Application, or of an ApplicationSet's template.</summary>
    private static IEnumerable<JsonObject> Sources(ManifestObject o)
    {
        var spec = o.Body["spec"] as JsonObject;
        if (ArgoKinds.IsApplicationSet(o))
        {
            spec = (spec?["template"] as JsonObject)?["spec"] as JsonObject;
        }

        if (spec?["source"] is JsonObject source)
        {
            yield return source;
        }

        if (spec?["sources"] is JsonArray sources)
        {
            foreach (var s in sources.OfType<JsonObject>())
            {
                yield return s;
            }
        }
    }

    private static string? Text(JsonNode? n) => JsonRead.Str(n) is { } s && !s.Contains("{{", StringComparison.Ordinal) ? s : null;
}
