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
    IReadOnlyList<string> Projects);

/// <summary>Every Argo CD object found in a repo, the repoURL most of them use, and the findings of reading it.</summary>
public sealed record RepoScan(string CanonicalRepoUrl, IReadOnlyList<ManifestObject> ArgoObjects, IReadOnlyList<Finding> Findings);

/// <summary>
/// Builds a scenario from a repo alone: every Application, ApplicationSet and AppProject in it is found; those no
/// other app creates are the roots, validated as one profile <c>all</c>.
/// </summary>
public static class RepoDiscovery
{
    /// <summary>The profile and layer name of a discovered scenario.</summary>
    public const string ProfileName = "all";

    private static readonly SourceLocation Discovered = SourceLocation.OfFile("(discovered)");

    /// <summary>Reads every manifest file of the repo (Helm chart directories and dot-directories excluded).</summary>
    public static RepoScan Scan(RepoTree repo, ManifestLoader loader, CancellationToken cancellationToken = default)
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
        foreach (var file in listing.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ManifestLoader.IsManifestFile(file) || file.Split('/').Any(s => s.StartsWith('.')) ||
                chartTemplates.Any(c => file.StartsWith(c, StringComparison.Ordinal)))
            {
                continue;
            }

            var loaded = loader.LoadFile(repo, file);
            if (loaded.Findings.Count > 0 && !LooksLikeManifestOrBinary(repo, file, loader.Options.MaxFileBytes))
            {
                // Argo CD skips a YAML file that does not parse unless it looks like a manifest (apiVersion:, kind: and
                // metadata:) [ARGOCD-SEMANTICS §1.2]; the scan does the same for the repo's other YAML (docs, CI, values).
                continue;
            }

            findings.AddRange(loaded.Findings);
            argo.AddRange(loaded.Objects.Where(o => ArgoKinds.IsApplication(o) || ArgoKinds.IsApplicationSet(o) || ArgoKinds.IsAppProject(o)));
        }

        var seen = new List<string>();
        argo.AddRange(RenderedRoots.FromCharts(repo, listing.Files, loader, seen, cancellationToken));
        if (argo.Count == 0)
        {
            throw new ScenarioException(
                $"no Argo CD Application, ApplicationSet or AppProject was found under {repo.Root}{(seen.Count > 0 ? " (" + string.Join("; ", seen) + ")" : string.Empty)}; point --repo at a GitOps repo, or describe it with --scenario FILE.");
        }

        var canonical = argo.SelectMany(RepoUrls)
            .GroupBy(u => u, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault() ?? "file://" + repo.Root;
        return new RepoScan(canonical, argo, findings);
    }

    /// <summary>Finds the roots (by expanding everything once) and returns the scenario that applies them.</summary>
    public static async Task<(Scenario Scenario, DiscoverySummary Summary)> FindRootsAsync(
        RepoTree repo,
        RepoScan scan,
        ProfileExpander expander,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(expander);
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
        var roots = candidates.Where(o => !created.Contains(Key(o.Kind, o.Name))).ToList();

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
        foreach (var candidate in candidates)
        {
            if (!reached.Contains(Key(candidate.Kind, candidate.Name)))
            {
                roots.Add(candidate);
                Reach(Key(candidate.Kind, candidate.Name));
            }
        }

        var rootFiles = roots.Select(r => r.Location.File).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var scenario = new Scenario(
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
        var summary = new DiscoverySummary(
            scan.CanonicalRepoUrl,
            roots.Select(r => $"{r.Kind}/{r.Name}").ToList(),
            rootFiles,
            scan.ArgoObjects.Count(ArgoKinds.IsApplication) + everything.Apps.Count(a => a.Parent?.Kind == ArgoKinds.ApplicationSet),
            scan.ArgoObjects.Count(ArgoKinds.IsApplicationSet),
            scan.ArgoObjects.Where(ArgoKinds.IsAppProject).Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList());
        return (scenario, summary);
    }

    private static string Key(string kind, string name) => kind + "/" + name;

    private static bool LooksLikeManifestOrBinary(RepoTree repo, string file, long maxBytes)
    {
        if (!repo.TryReadFile(file, maxBytes, out var bytes, out _))
        {
            return true;
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return true;
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        return text.Contains("apiVersion:", StringComparison.Ordinal) && text.Contains("kind:", StringComparison.Ordinal) && text.Contains("metadata:", StringComparison.Ordinal);
    }

    private static IEnumerable<string> RepoUrls(ManifestObject o)
    {
        var spec = o.Body["spec"];
        if (ArgoKinds.IsApplicationSet(o))
        {
            spec = spec?["template"]?["spec"];
        }

        if (spec?["source"] is JsonObject source && source["chart"] is null && Text(source["repoURL"]) is { } u)
        {
            yield return u;
        }

        if (spec?["sources"] is JsonArray sources)
        {
            foreach (var s in sources.OfType<JsonObject>())
            {
                if (s["chart"] is null && Text(s["repoURL"]) is { } su)
                {
                    yield return su;
                }
            }
        }
    }

    private static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) && !s.Contains("{{", StringComparison.Ordinal) ? s : null;
}
