using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// NARROW001 (profiles not nested), NARROW002 (an object applied by two profiles differs between them), NARROW003 (a
/// child Application claimed by two parents) and NARROW004 (a child app, or a root, without the resources finalizer,
/// so deleting its layer root orphans workloads).
/// </summary>
public sealed class NarrowingAnalyzer : IStaticAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Nesting(context).Concat(Differences(context)).Concat(Claims(context)).Concat(Finalizers(context));
    }

    private static IEnumerable<Finding> Nesting(AnalysisContext context)
    {
        for (var i = 0; i + 1 < context.Profiles.Count; i++)
        {
            var narrow = context.Profiles[i];
            var wide = context.Profiles[i + 1];
            var wideManifests = Manifests(context, wide).ToHashSet(StringComparer.Ordinal);
            foreach (var manifest in Manifests(context, narrow).Where(m => !wideManifests.Contains(m)))
            {
                yield return AppFindings.Create(FindingIds.Narrow001,
                    $"Profile {narrow.Name} applies {manifest}, but the next wider profile {wide.Name} does not: switching from {narrow.Name} to {wide.Name} leaves it behind, and the profiles are not nested.",
                    narrow.Profile.Location,
                    $"List the layers of {narrow.Name} in {wide.Name} too (profiles are written narrowest first and must nest), or reorder the profiles.",
                    profile: narrow.Name);
            }

            var wideApps = wide.Expanded.Apps.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var app in narrow.Expanded.Apps.Where(a => !wideApps.Contains(a.Name)).DistinctBy(a => a.Name))
            {
                yield return AppFindings.Create(FindingIds.Narrow001,
                    $"{AppFindings.Describe(app)} is reached by profile {narrow.Name} but not by the wider profile {wide.Name}, so the profiles are not nested.",
                    app.Manifest.Location,
                    $"Make every app of {narrow.Name} part of {wide.Name} as well (same roots, same groups).", app.Name, narrow.Name);
            }
        }

    }

    private static IEnumerable<string> Manifests(AnalysisContext context, ProfileAnalysis profile) =>
        context.Scenario.AlwaysApply.Select(m => m.Path)
            .Concat(profile.Profile.Layers.SelectMany(l => context.Scenario.FindLayer(l)?.Manifests.Select(m => m.Path) ?? []));

    private static IEnumerable<Finding> Differences(AnalysisContext context)
    {
        // Each differing object is reported once, against the narrowest wider profile that differs.
        var reported = new HashSet<(Loading.SourceLocation, string)>();
        for (var i = 0; i < context.Profiles.Count; i++)
        {
            for (var j = i + 1; j < context.Profiles.Count; j++)
            {
                var narrow = context.Profiles[i];
                var wide = context.Profiles[j];
                var wideObjects = wide.Expanded.Layers.SelectMany(l => l.Objects)
                    .GroupBy(o => (o.Group, o.Kind, o.Namespace, o.Name))
                    .ToDictionary(g => g.Key, g => g.Last());
                foreach (var obj in narrow.Expanded.Layers.SelectMany(l => l.Objects))
                {
                    if (wideObjects.TryGetValue((obj.Group, obj.Kind, obj.Namespace, obj.Name), out var other) &&
                        !SameSource(obj, other) && obj.Body.ToJsonString() != other.Body.ToJsonString() && reported.Add((obj.Location, obj.Kind + "/" + obj.Name)))
                    {
                        yield return AppFindings.Create(FindingIds.Narrow002,
                            $"{obj.Kind} {obj.Name} is applied by profiles {narrow.Name} ({obj.Location}) and {wide.Name} ({other.Location}) with different content: narrowing from {wide.Name} to {narrow.Name} rewrites it, and Argo CD prunes what the wider version created.",
                            obj.Location,
                            $"Apply one and the same manifest for {obj.Kind} {obj.Name} in every profile; express the difference as separate layer roots instead.",
                            obj.Kind == ArgoKinds.Application ? obj.Name : null, narrow.Name);
                    }
                }

                var wideApps = wide.Expanded.Apps.Where(a => a.Parent is not null).GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.First());
                foreach (var app in narrow.Expanded.Apps.Where(a => a.Parent is not null).DistinctBy(a => a.Name))
                {
                    if (wideApps.TryGetValue(app.Name, out var other) && !SameSource(app.Manifest, other.Manifest) && app.Manifest.Body.ToJsonString() != other.Manifest.Body.ToJsonString() &&
                        reported.Add((app.Manifest.Location, "Application/" + app.Name)))
                    {
                        yield return AppFindings.Create(FindingIds.Narrow002,
                            $"Child Application {app.Name} differs between profiles {narrow.Name} ({app.Manifest.Location}) and {wide.Name} ({other.Manifest.Location}): narrowing rewrites it.",
                            app.Manifest.Location,
                            "Generate the child Application identically in every profile that reaches it.", app.Name, narrow.Name);
                    }
                }
            }
        }
    }

    /// <summary>
    /// One document of one file read twice gives the same object (the expander renders each source identically in
    /// every profile), so only objects from different places need a content comparison. Generated apps share their
    /// ApplicationSet's location, hence the name check by the callers.
    /// </summary>
    private static bool SameSource(Loading.ManifestObject a, Loading.ManifestObject b) =>
        ReferenceEquals(a.Body, b.Body) || (a.Location == b.Location && a.Locations is not null && b.Locations is not null && a.Body.Count == b.Body.Count);

    private static IEnumerable<Finding> Claims(AnalysisContext context)
    {
        foreach (var profile in context.Profiles)
        {
            foreach (var group in profile.Expanded.Apps.GroupBy(a => a.Name).Where(g => g.Count() > 1))
            {
                var claims = group.ToList();
                var parents = claims.Select(Parent).Distinct(StringComparer.Ordinal).ToList();
                if (parents.Count < 2)
                {
                    continue;
                }

                var roots = claims.Select(c => RootOf(profile.Expanded, c)).Distinct(StringComparer.Ordinal).ToList();
                if (roots.Count == 1)
                {
                    // Both parents hang under one root: applying that root applies both, so Argo CD itself reports the
                    // child as shared (SharedResourceWarning) whatever the platform's layering — ARGO007, an error in
                    // every mode [ARGOCD-SEMANTICS §1.6].
                    yield return AppFindings.Create(FindingIds.Argo007,
                        $"Application {group.Key} is rendered by both {string.Join(" and ", parents)}, both under root {roots[0]}: Argo CD reports a SharedResourceWarning, each parent's sync takes the child over from the other, and pruning either parent deletes it.",
                        claims[1].Manifest.Location,
                        $"Let exactly one parent render {group.Key}: remove it from the other's directory or generator.",
                        group.Key, profile.Name);
                    continue;
                }

                yield return AppFindings.Create(FindingIds.Narrow003,
                    $"Application {group.Key} is created by {string.Join(" and ", parents)} (roots {string.Join(" and ", roots)}): when both roots are applied, the parents fight over it (SharedResourceWarning), and deleting either one's layer deletes it for both.",
                    claims[1].Manifest.Location,
                    $"Let exactly one root (or ApplicationSet) create {group.Key}: remove it from the other's directory or generator.",
                    group.Key, profile.Name);
            }
        }
    }

    /// <summary>
    /// The root file an app hangs under: its parents are followed (Applications and ApplicationSets by name) up to a
    /// top-level manifest. A chain that cannot be followed (or loops) ends at the last manifest reached.
    /// </summary>
    /// <summary>The file of the root an app hangs under (its own file for a root), following parents up.</summary>
    internal static string RootOf(ExpandedProfile profile, ExpandedApp app)
    {
        var file = app.Manifest.Location.File;
        var parent = app.Parent;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (parent is not null && seen.Add(parent.ToString()))
        {
            if (parent.Kind == ArgoKinds.Application && profile.Apps.FirstOrDefault(a => a.Name == parent.Name) is { } up)
            {
                (file, parent) = (up.Manifest.Location.File, up.Parent);
            }
            // A generated app shares its set's location: prefer the set of that name in that file (two example trees
            // may both hold a set with one name).
            else if ((profile.ApplicationSets.FirstOrDefault(s => s.Name == parent.Name && s.Manifest.Location.File == file)
                ?? profile.ApplicationSets.FirstOrDefault(s => s.Name == parent.Name)) is { } set)
            {
                (file, parent) = (set.Manifest.Location.File, set.Parent);
            }
            else
            {
                break;
            }
        }

        return file;
    }

    private static string Parent(ExpandedApp app) => app.Parent is null ? "the layer manifests (top level)" : $"{app.Parent.Kind} {app.Parent.Name}";

    private static IEnumerable<Finding> Finalizers(AnalysisContext context)
    {
        var parents = context.Profiles.SelectMany(p => p.Expanded.Apps).Where(a => a.Parent is { Kind: ArgoKinds.Application })
            .Select(a => a.Parent!.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (app, _) in context.DistinctApps())
        {
            if (app.Model.HasResourcesFinalizer)
            {
                continue;
            }

            var location = app.Manifest.LocationOf("/metadata/finalizers");
            if (Orphans(context, app))
            {
                // Orphaning on purpose (preserveResourcesOnDeletion, or finalizers written without the resources
                // finalizer) is a choice Argo CD honours, not an oversight.
                continue;
            }

            if (app.Parent is { Kind: ArgoKinds.ApplicationSet } set)
            {
                yield return AppFindings.Create(FindingIds.Narrow004,
                    $"{AppFindings.Describe(app)} gets no resources finalizer (ApplicationSet {set.Name} preserves resources on deletion or sets its own finalizers), so disabling its group or deleting the layer orphans its workloads.",
                    location,
                    $"Let ApplicationSet {set.Name} add the default finalizer: drop syncPolicy.preserveResourcesOnDeletion, or list resources-finalizer.argocd.argoproj.io in the template.",
                    app.Name);
            }
            else if (app.Parent is not null)
            {
                yield return AppFindings.Create(FindingIds.Narrow004,
                    $"Child {AppFindings.Describe(app)} lacks the resources finalizer: deleting its layer root (the documented teardown) deletes the Application but leaves its workloads running.",
                    location,
                    $"Add metadata.finalizers: [resources-finalizer.argocd.argoproj.io] to {app.Name}.",
                    app.Name);
            }
            else if (parents.Contains(app.Name))
            {
                yield return AppFindings.Create(FindingIds.Narrow004,
                    $"Root {AppFindings.Describe(app)} lacks the resources finalizer: `kubectl delete` on it leaves every child Application (and their workloads) running.",
                    location,
                    $"Add metadata.finalizers: [resources-finalizer.argocd.argoproj.io] to {app.Name}.",
                    app.Name);
            }
        }
    }

    /// <summary>
    /// True when the repo orphans on purpose: the generating ApplicationSet sets syncPolicy.preserveResourcesOnDeletion
    /// [ARGOCD-SEMANTICS §7.4], or the Application (or the ApplicationSet template) writes metadata.finalizers
    /// explicitly without the resources finalizer.
    /// </summary>
    private static bool Orphans(AnalysisContext context, ExpandedApp app)
    {
        if (app.Manifest.Body["metadata"] is System.Text.Json.Nodes.JsonObject meta && meta.ContainsKey("finalizers"))
        {
            return true;
        }

        return app.Parent is { Kind: ArgoKinds.ApplicationSet } set &&
               context.Profiles.SelectMany(p => p.Expanded.ApplicationSets)
                   .Any(s => s.Name == set.Name && s.Model?.SyncPolicy?.PreserveResourcesOnDeletion == true);
    }
}
