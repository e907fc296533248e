using System.Text.Json.Nodes;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Patterns;

namespace PlatformValidation.Validators.Changes;

/// <summary>What <c>validate --base</c> is told besides the two reports.</summary>
public sealed record ChangeOptions
{
    /// <summary>Resources whose deletion is intended (<c>Kind/namespace/name</c> globs, <c>*</c> for all): no PRUNE001.</summary>
    public IReadOnlyList<string> AllowPrune { get; init; } = [];

    /// <summary><c>--fail-on all</c>: every error at the head fails the gate, not only new ones.</summary>
    public bool FailOnAll { get; init; }
}

/// <summary>
/// Compares the base and head validation of one scenario: findings new, fixed and unchanged, apps and resources
/// added, changed and removed per profile (normalised as Argo CD compares them), and what the merge deletes.
/// </summary>
public static class ChangeAnalysis
{
    public static ChangeReport Compare(ValidationReport baseReport, ValidationReport headReport, string baseLabel, string headLabel, ChangeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseReport);
        ArgumentNullException.ThrowIfNull(headReport);
        options ??= new ChangeOptions();
        var baseProfiles = baseReport.Expansions.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var profiles = new List<ProfileChange>();
        foreach (var head in headReport.Expansions)
        {
            var profile = baseProfiles.TryGetValue(head.Name, out var before)
                ? CompareProfile(before, head)
                : new ProfileChange(head.Name, ChangeKind.Added, head.Apps.DistinctBy(a => a.Name).Select(a => Whole(a, ChangeKind.Added)).ToList(), []);
            profiles.Add(profile);
        }

        profiles = profiles.Select(p => p with
        {
            Deletions = p.Deletions.Select(d => d with { Blocked = IsBlocked(d, options.AllowPrune) }).ToList(),
        }).ToList();
        var prune = PruneFindings(profiles);

        var headNames = headReport.Expansions.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        profiles.AddRange(baseReport.Expansions.Where(p => !headNames.Contains(p.Name))
            .Select(p => new ProfileChange(p.Name, ChangeKind.Removed, [], [])));

        var baseKeys = baseReport.Findings.Select(FindingKey).ToHashSet(StringComparer.Ordinal);
        var headKeys = headReport.Findings.Select(FindingKey).ToHashSet(StringComparer.Ordinal);
        return new ChangeReport(
            headReport.Scenario,
            baseLabel,
            headLabel,
            profiles,
            headReport.Findings.Where(f => !baseKeys.Contains(FindingKey(f))).ToList(),
            baseReport.Findings.Where(f => !headKeys.Contains(FindingKey(f))).ToList(),
            headReport.Findings.Where(f => baseKeys.Contains(FindingKey(f))).ToList(),
            prune,
            baseReport.Duration + headReport.Duration)
        {
            FailOnAll = options.FailOnAll,
        };
    }

    /// <summary>
    /// A finding is the same across revisions when its ID, profile, app and message agree; the location is left
    /// out because an edit above it moves its line.
    /// </summary>
    public static string FindingKey(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return $"{finding.Id}\u001f{finding.Profile}\u001f{finding.App}\u001f{finding.Message}";
    }

    private static ProfileChange CompareProfile(ExpandedProfile before, ExpandedProfile after)
    {
        var baseApps = before.Apps.DistinctBy(a => a.Name).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var headApps = after.Apps.DistinctBy(a => a.Name).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var apps = new List<AppChange>();
        foreach (var (name, head) in headApps.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!baseApps.TryGetValue(name, out var app))
            {
                apps.Add(Whole(head, ChangeKind.Added));
                continue;
            }

            var change = CompareApp(app, head);
            if (change.Change != ChangeKind.Unchanged)
            {
                apps.Add(change);
            }
        }

        foreach (var (name, app) in baseApps.Where(a => !headApps.ContainsKey(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            apps.Add(Whole(app, ChangeKind.Removed) with { Location = app.Manifest.Location });
        }

        var deletions = Deletions(before, after, baseApps, headApps, apps);
        var kind = apps.Count == 0 ? ChangeKind.Unchanged : ChangeKind.Changed;
        return new ProfileChange(after.Name, kind, apps, deletions);
    }

    private static AppChange CompareApp(ExpandedApp before, ExpandedApp after)
    {
        var baseResources = Index(before);
        var headResources = Index(after);
        var changes = new List<ResourceChange>();

        // Equal bodies under an equal Application normalise to equal text: only objects that differ are printed and
        // diffed (on a large repo with one app changed, this is nearly all of the comparison's work).
        var sameApp = JsonNode.DeepEquals(before.Manifest.Body, after.Manifest.Body);
        foreach (var (key, resource) in headResources)
        {
            if (!baseResources.TryGetValue(key, out var old))
            {
                changes.Add(new ResourceChange(key, resource.Kind, ChangeKind.Added, resource.Location, ComparableManifest.Diff(string.Empty, ComparableManifest.Text(resource, after.Model), key)));
                continue;
            }

            if (sameApp && JsonNode.DeepEquals(old.Body, resource.Body))
            {
                continue;
            }

            var diff = ComparableManifest.Diff(ComparableManifest.Text(old, before.Model), ComparableManifest.Text(resource, after.Model), key);
            if (diff.Length > 0)
            {
                changes.Add(new ResourceChange(key, resource.Kind, ChangeKind.Changed, resource.Location, diff));
            }
        }

        foreach (var (key, resource) in baseResources.Where(r => !headResources.ContainsKey(r.Key)))
        {
            changes.Add(new ResourceChange(key, resource.Kind, ChangeKind.Removed, resource.Location, ComparableManifest.Diff(ComparableManifest.Text(resource, before.Model), string.Empty, key)));
        }

        var specDiff = sameApp ? string.Empty : ComparableManifest.Diff(ComparableManifest.Text(before.Manifest, null), ComparableManifest.Text(after.Manifest, null), "Application " + after.Name);
        var kind = changes.Count == 0 && specDiff.Length == 0 ? ChangeKind.Unchanged : ChangeKind.Changed;
        return new AppChange(after.Name, kind, after.Manifest.Location, changes.OrderBy(c => c.Key, StringComparer.Ordinal).ToList())
        {
            SpecChanged = specDiff.Length > 0,
            SpecDiff = specDiff,
        };
    }

    private static AppChange Whole(ExpandedApp app, ChangeKind kind)
    {
        var resources = Index(app).Select(r =>
        {
            var text = ComparableManifest.Text(r.Value, app.Model);
            var diff = kind == ChangeKind.Added ? ComparableManifest.Diff(string.Empty, text, r.Key) : ComparableManifest.Diff(text, string.Empty, r.Key);
            return new ResourceChange(r.Key, r.Value.Kind, kind, r.Value.Location, diff);
        }).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new AppChange(app.Name, kind, app.Manifest.Location, resources);
    }

    private static Dictionary<string, ManifestObject> Index(ExpandedApp app)
    {
        var index = new Dictionary<string, ManifestObject>(StringComparer.Ordinal);
        foreach (var resource in app.Resources)
        {
            index[ComparableManifest.Key(resource)] = resource; // last one wins, as Argo CD keeps it [§1.1]
        }

        return index;
    }

    private static List<Deletion> Deletions(
        ExpandedProfile before,
        ExpandedProfile after,
        Dictionary<string, ExpandedApp> baseApps,
        Dictionary<string, ExpandedApp> headApps,
        List<AppChange> apps)
    {
        var deletions = new List<Deletion>();
        var headSets = after.ApplicationSets.ToDictionary(s => s.Name, StringComparer.Ordinal);

        // Resources that left an app that stays.
        foreach (var change in apps.Where(a => a.Change == ChangeKind.Changed))
        {
            var head = headApps[change.Name];
            var old = baseApps[change.Name];
            var removed = Index(old);
            foreach (var resource in change.Resources.Where(r => r.Change == ChangeKind.Removed))
            {
                var manifest = removed[resource.Key];
                var automatic = PruneRules.AutoPrunes(head.Model);
                var reason = automatic
                    ? $"it left app {change.Name}, whose automated sync prunes"
                    : $"it left app {change.Name}; it stays OutOfSync (requires pruning) until someone syncs with prune";
                deletions.Add(new Deletion(after.Name, change.Name, resource.Key, manifest.Kind, reason, automatic, manifest.Location)
                {
                    KeptBecause = PruneRules.PruneKept(manifest, head.Model),
                });
            }
        }

        // Applications that left the profile: deleted when their parent prunes them or their ApplicationSet drops
        // them; their resources follow when the app carries the resources finalizer.
        var removedApps = baseApps.Values.Where(a => !headApps.ContainsKey(a.Name)).ToList();
        var removedNames = removedApps.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var deleted = new Dictionary<string, string>(StringComparer.Ordinal);
        string? WhyDeleted(ExpandedApp app, int depth)
        {
            if (deleted.TryGetValue(app.Name, out var known))
            {
                return known;
            }

            string? why = app.Parent switch
            {
                null => null, // a root is applied by hand (make root / kubectl apply): removing its file deletes nothing
                { Kind: "ApplicationSet" } p when headSets.TryGetValue(p.Name, out var set) =>
                    set.Model?.SyncPolicy?.ApplicationsSync is "create-only" or "create-update" ? null : $"ApplicationSet {p.Name} no longer generates it",
                { Kind: "ApplicationSet" } p => $"ApplicationSet {p.Name} is deleted with it",
                { } p when headApps.TryGetValue(p.Name, out var parent) => PruneRules.AutoPrunes(parent.Model) ? $"its parent {p.Name} prunes it" : null,
                { } p when depth < 32 && baseApps.TryGetValue(p.Name, out var parent) && removedNames.Contains(p.Name) && parent.Model.HasResourcesFinalizer =>
                    WhyDeleted(parent, depth + 1) is { } up ? $"its parent {p.Name} is deleted ({up})" : null,
                _ => null,
            };
            if (why is not null)
            {
                deleted[app.Name] = why;
            }

            return why;
        }

        foreach (var app in removedApps)
        {
            var why = WhyDeleted(app, 0);
            foreach (var (key, resource) in Index(app))
            {
                if (why is null)
                {
                    deletions.Add(new Deletion(after.Name, app.Name, key, resource.Kind, $"app {app.Name} left the profile but nothing deletes it (no parent prunes it); its resources stay", false, resource.Location));
                }
                else if (!app.Model.HasResourcesFinalizer)
                {
                    deletions.Add(new Deletion(after.Name, app.Name, key, resource.Kind, $"app {app.Name} is deleted ({why}) without the resources finalizer; its resources are orphaned, not deleted", false, resource.Location));
                }
                else
                {
                    deletions.Add(new Deletion(after.Name, app.Name, key, resource.Kind, $"app {app.Name} is deleted ({why}) and cascades through its resources finalizer", true, resource.Location)
                    {
                        KeptBecause = PruneRules.CascadeKept(resource, app.Model),
                    });
                }
            }
        }

        // A deleted CRD takes every object of its kind along; a deleted Namespace everything in it.
        var gone = deletions.Where(d => d.Automatic && d.KeptBecause is null).ToList();
        var crds = gone.Where(d => d.Kind == "CustomResourceDefinition").Select(d => (d, Crd: CrdKind(before, d))).Where(x => x.Crd is not null).ToList();
        var namespaces = gone.Where(d => d.Kind == "Namespace").ToList();
        var already = deletions.Select(d => (d.App, d.Key)).ToHashSet();
        foreach (var app in before.Apps.DistinctBy(a => a.Name))
        {
            foreach (var (key, resource) in Index(app))
            {
                if (already.Contains((app.Name, key)))
                {
                    continue;
                }

                var crd = crds.FirstOrDefault(c => c.Crd == (resource.Group, resource.Kind));
                var ns = namespaces.FirstOrDefault(n => n.Key == $"Namespace {resource.Namespace}");
                var reason = crd.d is not null ? $"its CRD is deleted ({crd.d.Reason})"
                    : ns is not null && resource.Namespace is not null ? $"its Namespace {resource.Namespace} is deleted ({ns.Reason})"
                    : null;
                if (reason is not null)
                {
                    deletions.Add(new Deletion(after.Name, app.Name, key, resource.Kind, reason, true, resource.Location));
                }
            }
        }

        return deletions;
    }

    private static (string Group, string Kind)? CrdKind(ExpandedProfile profile, Deletion deletion)
    {
        var crd = profile.Apps.Where(a => a.Name == deletion.App).SelectMany(a => a.Resources)
            .FirstOrDefault(r => ComparableManifest.Key(r) == deletion.Key);
        return crd?.Body["spec"] is { } spec && spec["group"]?.GetValue<string>() is { } group && spec["names"]?["kind"]?.GetValue<string>() is { } kind
            ? (group, kind)
            : null;
    }

    /// <summary>PRUNE001 per resource a merge deletes of a stateful kind, once however many profiles contain it.</summary>
    private static List<Finding> PruneFindings(IReadOnlyList<ProfileChange> profiles)
    {
        var blocked = profiles.SelectMany(p => p.Deletions.Where(d => d.Blocked)).GroupBy(d => (d.App, d.Key));
        var findings = new List<Finding>();
        foreach (var group in blocked)
        {
            var deletion = group.First();
            var names = group.Select(d => d.Profile).Distinct(StringComparer.Ordinal).ToList();
            var loss = deletion.Kind switch
            {
                "PersistentVolumeClaim" or "PersistentVolume" => "its data is lost",
                "StatefulSet" => "its pods go (and with them any data not on retained volumes)",
                "CustomResourceDefinition" => "every custom resource of its kind goes with it",
                _ => "everything in it goes with it",
            };
            findings.Add(new Finding(
                FindingIds.Prune001,
                Severity.Error,
                $"Merging deletes {deletion.Key} (profile{(names.Count == 1 ? string.Empty : "s")} {string.Join(", ", names)}): {deletion.Reason}; {loss}.",
                deletion.Location,
                $"If the deletion is not intended, keep it in Git, or annotate it argocd.argoproj.io/sync-options: Prune=false (Delete=false for a cascade) before removing it. If it is intended, pass --allow-prune '{AllowPattern(deletion)}' (in CI: label the pull request allow-prune).")
            {
                Profile = names.Count == 1 ? names[0] : null,
                App = deletion.App,
            });
        }

        return findings;
    }

    /// <summary>The <c>--allow-prune</c> form of a deletion: <c>Kind/namespace/name</c> (namespace empty for cluster-scoped).</summary>
    public static string AllowPattern(Deletion deletion)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        var space = deletion.Key.IndexOf(' ', StringComparison.Ordinal);
        var name = deletion.Key[(space + 1)..];
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? $"{deletion.Kind}//{name}" : $"{deletion.Kind}/{name}";
    }

    private static bool IsBlocked(Deletion deletion, IReadOnlyList<string> allow) =>
        deletion.Automatic && deletion.KeptBecause is null && PruneRules.StatefulKinds.Contains(deletion.Kind) && !Allowed(deletion, allow);

    private static bool Allowed(Deletion deletion, IReadOnlyList<string> allow)
    {
        var target = AllowPattern(deletion);
        return allow.Any(pattern => pattern == "*" || GlobPattern.Match(pattern, target));
    }
}
