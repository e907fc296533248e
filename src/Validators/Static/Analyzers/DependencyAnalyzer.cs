using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Graph;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// DEP001 (nothing in the profile provides a requirement, or only manual-sync apps do), DEP002 (the provider sits in
/// a higher layer), DEP003 (a non-demo app depends on a demo layer) and GROUP001 (only a disabled group provides it).
/// </summary>
public sealed class DependencyAnalyzer : IStaticAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var missing = new Dictionary<(SourceLocation, string), (Requirement Requirement, AppNode Consumer, List<string> Profiles)>();
        var findings = new List<Finding>();
        var unrendered = new Dictionary<string, List<AppNode>>(StringComparer.Ordinal);
        var disabled = DisabledGroupGraphs(context);
        foreach (var profile in context.Profiles)
        {
            var notRendered = profile.Graph.Apps.Where(a => !a.FullyRendered).ToList();
            foreach (var consumer in profile.Graph.Apps)
            {
                foreach (var requirement in consumer.Requires)
                {
                    var providers = profile.Graph.Resolve(requirement);
                    if (providers.Count == 0)
                    {
                        if (DisabledGroupProvider(disabled, profile, requirement) is { } group)
                        {
                            findings.Add(Group001(group.State, group.Entry, group.App.Name, consumer, requirement, profile.Name));
                            continue;
                        }

                        var key = (requirement.Location, requirement.Describe());
                        if (!missing.TryGetValue(key, out var entry))
                        {
                            missing[key] = entry = (requirement, consumer, []);
                        }

                        entry.Profiles.Add(profile.Name);
                        continue;
                    }

                    if (providers.Any(p => p.IsEnvironment || p.App == consumer))
                    {
                        continue;
                    }

                    var apps = providers.Where(p => p.App is not null).Select(p => p.App!).Distinct().ToList();
                    if (requirement.Strength == RequirementStrength.Hard && consumer.IsAutomated && apps.All(a => !a.IsAutomated))
                    {
                        findings.Add(AppFindings.Create(
                            FindingIds.Dep001,
                            $"{AppFindings.Describe(consumer.App)} needs {requirement.Describe()} ({requirement.Via}), which only manual-sync {Names(apps)} provide{(apps.Count == 1 ? "s" : string.Empty)}; a fresh bring-up deploys nothing of {(apps.Count == 1 ? "it" : "them")} until someone syncs, so {consumer.Name} fails.",
                            requirement.Location,
                            $"Provide it from an auto-sync app (for a namespace: add CreateNamespace=true to {consumer.Name}), or make {consumer.Name} manual too.",
                            consumer.Name,
                            profile.Name));
                        continue;
                    }

                    var best = apps.OrderBy(a => a.LayerOrder).ThenBy(a => a.DemoLayer).First();
                    if (best.DemoLayer && !consumer.DemoLayer)
                    {
                        findings.Add(AppFindings.Create(
                            FindingIds.Dep003,
                            $"{AppFindings.Describe(consumer.App)} depends on {requirement.Describe()} ({requirement.Via}), which only demo-layer app {best.Name} (layer {best.Layer}) provides: the real path silently needs the demos.",
                            requirement.Location,
                            $"Move {requirement.Describe()} out of the demo layer into {consumer.Layer} or below (as the ADR did with the front-door Gateway), or drop the reference.",
                            consumer.Name,
                            profile.Name));
                    }
                    else if (best.LayerOrder > consumer.LayerOrder)
                    {
                        findings.Add(AppFindings.Create(
                            FindingIds.Dep002,
                            $"{AppFindings.Describe(consumer.App)} depends on {requirement.Describe()} ({requirement.Via}), which only {best.Name} in the higher layer {best.Layer} provides; profiles without layer {best.Layer} lack it, and in wider ones it arrives after {consumer.Name}.",
                            requirement.Location,
                            $"Move the provider down to layer {consumer.Layer} or below, or move {consumer.Name} up to layer {best.Layer}.",
                            consumer.Name,
                            profile.Name));
                    }
                }
            }

            if (notRendered.Count > 0)
            {
                unrendered[profile.Name] = notRendered;
            }
        }

        foreach (var (_, (requirement, consumer, profiles)) in missing)
        {
            findings.Add(Missing(context, requirement, consumer, profiles, unrendered));
        }

        return findings;
    }

    /// <summary>
    /// The fix hint when a wider profile has the provider. It never proposes a no-op: only the profiles that lack the
    /// provider's layer are told to add it; when every missing profile already applies that layer, the provider is
    /// reached only through something they leave out (a disabled group, a parent in a wider layer), and the hint says so.
    /// </summary>
    internal static string ProviderInWiderProfileHint(string providerNames, int providerCount, string providerLayer, string widerProfile, string consumerLayer, IReadOnlyDictionary<string, IReadOnlyCollection<string>> layersOfMissingProfiles)
    {
        var profiles = layersOfMissingProfiles.Keys.ToList();
        var lacking = profiles.Where(p => !layersOfMissingProfiles[p].Contains(providerLayer)).ToList();
        var move = providerLayer == consumerLayer ? string.Empty : $"move it to layer {consumerLayer} or below, or ";
        var provides = $"{providerNames} in layer {providerLayer} provide{(providerCount == 1 ? "s" : string.Empty)} it (profile {widerProfile})";
        return lacking.Count > 0
            ? $"{provides}: {move}add layer {providerLayer} to {string.Join(", ", lacking)}."
            : $"{provides}, but {string.Join(", ", profiles)} do{(profiles.Count == 1 ? "es" : string.Empty)} not reach it although layer {providerLayer} is applied: it is created only through an app or group these profiles leave out (a disabled group, a parent in a wider layer); make it reachable from layer {providerLayer} itself.";
    }

    private static Finding Missing(AnalysisContext context, Requirement requirement, AppNode consumer, List<string> profiles, Dictionary<string, List<AppNode>> unrendered)
    {
        var where = context.Discovered ? "the repo" : profiles.Count == context.Profiles.Count && profiles.Count > 1 ? "any profile" : $"profile{(profiles.Count > 1 ? "s" : string.Empty)} {string.Join(", ", profiles)}";
        var wider = context.Profiles.Where(p => !profiles.Contains(p.Name))
            .Select(p => (p.Name, Providers: p.Graph.Resolve(requirement).Where(x => x.App is not null).Select(x => x.App!).ToList()))
            .FirstOrDefault(p => p.Providers.Count > 0);
        // Only an unrendered app that could plausibly provide the object weakens the finding: same namespace for a
        // namespaced object, or a name, chart or path that mentions the API group of a CRD or cluster-scoped object.
        var unknown = profiles.SelectMany(p => unrendered.GetValueOrDefault(p) ?? [])
            .Where(a => CouldProvide(a, requirement))
            .Select(a => a.Name).Distinct(StringComparer.Ordinal).ToList();
        var message = $"{AppFindings.Describe(consumer.App)} needs {requirement.Describe()} ({requirement.Via}), but no app in {where} provides it.";
        var below = context.Discovered ? string.Empty : $" in layer {consumer.Layer} or below";
        string hint;
        if (wider.Providers is { Count: > 0 } found)
        {
            var layersOf = profiles.Distinct(StringComparer.Ordinal).ToDictionary(p => p, p => (IReadOnlyCollection<string>)context.Profiles.First(x => x.Name == p).Profile.Layers, StringComparer.Ordinal);
            hint = ProviderInWiderProfileHint(Names(found), found.Count, found[0].Layer, wider.Name, consumer.Layer, layersOf);
        }
        else if (requirement.Target == RequirementTarget.CustomResourceDefinition)
        {
            hint = $"Add an app that installs the CRD of {requirement.Kind} ({requirement.Group}){below}, or declare it under {context.ExternalsHint} ({{apiVersion: {requirement.Group}/…, kind: {requirement.Kind}, name: '*'}}) when the cluster already has it.";
        }
        else
        {
            hint = $"Add {requirement.Describe()} to an app{below}, fix the reference, or declare it under {context.ExternalsHint} when the environment provides it.";
        }

        // OLM Subscriptions install operators whose CRDs appear only at run time: a CRD the repo does not ship may be one
        // of them (Argo CD retries until it exists), so that is not an error Argo CD is sure to hit.
        var olm = requirement.Target == RequirementTarget.CustomResourceDefinition && requirement.Group != "operators.coreos.com"
            ? profiles.SelectMany(p => context.Profiles.First(x => x.Name == p).Expanded.Apps)
                .SelectMany(a => a.Resources).Where(o => o.Kind == "Subscription" && o.Group == "operators.coreos.com")
                .Select(o => o.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [];
        // Without a scenario an error means Argo CD fails the sync: a kind without its CRD, or a missing namespace.
        // Anything else (a Secret, a Service, a StorageClass) applies fine and fails at run time, and is often created
        // out of band: a warning that says so.
        var syncFails = requirement.Target == RequirementTarget.CustomResourceDefinition || requirement.Kind == "Namespace" && requirement.Group.Length == 0;
        var runtimeOnly = context.Discovered && !syncFails;
        if (runtimeOnly)
        {
            message += " Argo CD still syncs; it fails at run time unless the cluster has it.";
        }

        var severity = requirement.Strength == RequirementStrength.Soft || unknown.Count > 0 || olm.Count > 0 || runtimeOnly ? Severity.Warning : Severity.Error;
        if (unknown.Count > 0)
        {
            message += $" (Apps {string.Join(", ", unknown)} could not be rendered here and may provide it.)";
        }

        if (olm.Count > 0)
        {
            message += $" (OLM Subscription{(olm.Count == 1 ? string.Empty : "s")} {string.Join(", ", olm.Take(4))}{(olm.Count > 4 ? ", …" : string.Empty)} install operators whose CRDs are not known here; one may provide it.)";
        }

        return AppFindings.Create(FindingIds.Dep001, message, requirement.Location, hint, consumer.Name, profiles[0], severity);
    }

    private static readonly HashSet<string> GenericLabels = new(StringComparer.Ordinal)
    {
        "io", "com", "org", "dev", "net", "sh", "k8s", "x-k8s", "sigs", "cloud", "apis", "api", "operator", "operators", "networking", "v1", "www",
    };

    /// <summary>True when an app that was not rendered could plausibly provide <paramref name="requirement"/>.</summary>
    internal static bool CouldProvide(AppNode app, Requirement requirement)
    {
        var model = app.App.Model;
        if (requirement.Target != RequirementTarget.CustomResourceDefinition && requirement.Namespace is { } ns &&
            string.Equals(model.Destination.Namespace, ns, StringComparison.Ordinal))
        {
            return true;
        }

        if (requirement.Target == RequirementTarget.Pods)
        {
            return false;
        }

        // A namespace or a core object with no namespace match: any unrendered app may create it (CreateNamespace,
        // a chart's own namespace); a custom kind: an app whose name, chart or path names its API group.
        if (requirement.Group.Length == 0)
        {
            return requirement.Kind == "Namespace" || requirement.Namespace is null ||
                   (requirement.Name.Length >= 4 && app.Name.Contains(requirement.Name, StringComparison.OrdinalIgnoreCase));
        }

        if (requirement.Target == RequirementTarget.CustomResourceDefinition &&
            (app.Name.Contains("operator", StringComparison.OrdinalIgnoreCase) || app.Name.Contains("crd", StringComparison.OrdinalIgnoreCase) ||
             model.Sources.Any(s => s.Chart is not null || s.Helm is not null)))
        {
            // An operator, a CRD bundle or a Helm chart that did not render may install any CRD.
            return true;
        }

        var words = string.Join(' ', new[] { app.Name }
            .Concat(model.Sources.Select(s => s.Chart ?? string.Empty))
            .Concat(model.Sources.Select(s => s.Path ?? string.Empty))
            .Concat(model.Sources.Select(s => s.RepoUrl))).ToLowerInvariant();
        var labels = requirement.Group.ToLowerInvariant().Split('.', '-').Where(l => l.Length >= 3 && !GenericLabels.Contains(l));
        return labels.Any(l => words.Contains(l, StringComparison.Ordinal)) || words.Contains(requirement.Kind.ToLowerInvariant(), StringComparison.Ordinal) ||
               (requirement.Name.Length >= 4 && words.Contains(requirement.Name.ToLowerInvariant(), StringComparison.Ordinal));
    }

    private static List<(GroupsFileState State, GroupEntry Entry, Expansion.ExpandedApp App, ResourceGraph Graph)> DisabledGroupGraphs(AnalysisContext context)
    {
        var builder = new ResourceGraphBuilder(defaults: context.Defaults);
        return context.Groups
            .SelectMany(state => state.DisabledApps.Select(d => (state, d.Group, d.App, builder.Build("what-if", [d.App], context.Placement, context.Scenario.Externals))))
            .ToList();
    }

    private static (GroupsFileState State, GroupEntry Entry, Expansion.ExpandedApp App)? DisabledGroupProvider(
        List<(GroupsFileState State, GroupEntry Entry, Expansion.ExpandedApp App, ResourceGraph Graph)> disabled,
        ProfileAnalysis profile,
        Requirement requirement)
    {
        foreach (var (state, entry, app, graph) in disabled)
        {
            if (profile.Profile.Layers.Contains(state.Spec.Layer) && graph.Resolve(requirement).Any(p => p.App is not null))
            {
                return (state, entry, app);
            }
        }

        return null;
    }

    private static Finding Group001(GroupsFileState state, GroupEntry entry, string providerApp, AppNode consumer, Requirement requirement, string profile) =>
        AppFindings.Create(
            FindingIds.Group001,
            $"Group {entry.Name} is disabled in {state.Spec.File}, but {AppFindings.Describe(consumer.App)} needs {requirement.Describe()} ({requirement.Via} at {requirement.Location}), which app {providerApp} of group {entry.Name} provides.",
            entry.Location,
            $"Enable group {entry.Name} (set {state.Spec.EnabledField}: true in the features config and re-resolve the groups), or disable the groups that need it.",
            consumer.Name,
            profile);

    private static string Names(IEnumerable<AppNode> apps) => string.Join(", ", apps.Select(a => a.Name));
}
