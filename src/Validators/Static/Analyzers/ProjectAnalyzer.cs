using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// PROJ001 (the default project, or a project no manifest defines), PROJ002 (source repo not allowed), PROJ003
/// (destination or a resource's namespace not allowed) and PROJ004 (a rendered kind not allowed; an empty
/// clusterResourceWhitelist allows no cluster-scoped kind) [ARGOCD-SEMANTICS §8].
/// </summary>
public sealed class ProjectAnalyzer : IStaticAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (app, profile) in context.DistinctApps())
        {
            var name = string.IsNullOrEmpty(app.Model.Project) ? "default" : app.Model.Project;
            var project = profile.Expanded.Projects.LastOrDefault(p => p.Name == name);
            if (project is null)
            {
                if (name == "default")
                {
                    yield return AppFindings.Create(FindingIds.Proj001,
                        $"{AppFindings.Describe(app)} uses the built-in default project, which allows every repo, destination and kind.",
                        app.Manifest.LocationOf("/spec/project"), "Move the app to a named AppProject that pins its source repos and destinations.", app.Name, severity: Severity.Warning);
                }
                else if (!DeclaredExternally(context, name))
                {
                    // Discovery sees only the repo: a project made by a bootstrap step or an operator is likely, so it
                    // is a warning there; a scenario states what is applied, so there it is an error.
                    yield return AppFindings.Create(FindingIds.Proj001,
                        $"{AppFindings.Describe(app)} references project {name}, which no manifest of {(context.Discovered ? "this repository" : $"profile {profile.Name}")} defines; Argo CD refuses it (InvalidSpecError) unless the cluster already has it.",
                        app.Manifest.LocationOf("/spec/project"),
                        $"Apply the AppProject {name} first ({(context.Discovered ? "commit it" : "the scenario's alwaysApply")}), fix spec.project, or, when it is created outside this repository, declare it under {context.ExternalsHint} ({{apiVersion: argoproj.io/v1alpha1, kind: AppProject, name: {name}}}); its rules are then not checked.",
                        app.Name, profile.Name, context.Discovered ? Severity.Warning : Severity.Error);
                }

                continue;
            }

            // Discovery applies every root: a repo holding two definitions of one project (alternative examples) leaves
            // which one wins to the order they are applied in. A denial only the last one makes is then a warning.
            var definitions = context.Discovered
                ? profile.Expanded.Projects.Where(p => p.Name == name).DistinctBy(p => p.Manifest.Location.File).ToList()
                : [];
            var others = definitions.Where(d => !ReferenceEquals(d, project) && d.Manifest.Location.File != project.Manifest.Location.File)
                .Select(d => (d, Keys: Checks(app, profile, d).Select(f => (f.Id, f.Location)).ToHashSet())).ToList();
            foreach (var finding in Checks(app, profile, project))
            {
                var allowing = others.Where(o => !o.Keys.Contains((finding.Id, finding.Location))).Select(o => o.d.Manifest.Location.File).ToList();
                yield return allowing.Count == 0 ? finding : finding with
                {
                    Severity = Severity.Warning,
                    Message = finding.Message + $" AppProject {name} is defined more than once ({project.Manifest.Location.File} is used, the last applied; {string.Join(", ", allowing)} allows it): which one Argo CD holds depends on the order they are applied in.",
                };
            }
        }
    }

    /// <summary>PROJ002–PROJ004 for one app against one definition of its project.</summary>
    private static IEnumerable<Finding> Checks(ExpandedApp app, ProfileAnalysis profile, AppProject project)
    {
        foreach (var source in app.Model.Sources)
        {
            if (!ProjectRules.AllowsRepo(project, source.RepoUrl))
            {
                yield return AppFindings.Create(FindingIds.Proj002,
                    $"{AppFindings.Describe(app)} uses repo {source.RepoUrl}, which AppProject {project.Name} does not allow ({project.Manifest.Location}).",
                    app.Manifest.LocationOf(source.Pointer + "/repoURL"), $"Add {source.RepoUrl} to AppProject {project.Name}'s sourceRepos, or use an allowed repo.", app.Name);
            }
        }

        var destination = app.Model.Destination;
        if (!ProjectRules.AllowsDestination(project, destination.Server, destination.Name, destination.Namespace))
        {
            yield return AppFindings.Create(FindingIds.Proj003,
                $"{AppFindings.Describe(app)} deploys to {destination.Server ?? destination.Name} namespace '{destination.Namespace}', which AppProject {project.Name} does not allow.",
                app.Manifest.LocationOf("/spec/destination"), $"Add the destination to AppProject {project.Name}'s destinations, or change spec.destination.", app.Name);
        }

        var reported = new HashSet<(string, string, string?)>();
        foreach (var obj in app.Resources)
        {
            var scope = profile.Graph.Scopes.Scope(obj.Group, obj.Kind);
            var namespaced = scope ?? true;
            if (scope is null)
            {
                // Unknown scope: an error only when neither whitelist allows the kind; otherwise a warning that says why.
                var asNamespaced = ProjectRules.AllowsKind(project, obj.Group, obj.Kind, obj.Name, namespaced: true);
                var asCluster = ProjectRules.AllowsKind(project, obj.Group, obj.Kind, obj.Name, namespaced: false);
                if (!(asNamespaced && asCluster) && reported.Add((obj.Group, obj.Kind, null)))
                {
                    yield return AppFindings.Create(FindingIds.Proj004,
                        $"Kind {obj.Kind} ({(obj.Group.Length == 0 ? "core" : obj.Group)}) of {AppFindings.Describe(app)} is not allowed by AppProject {project.Name} {(asNamespaced ? "if it is cluster-scoped" : asCluster ? "if it is namespaced" : "whatever its scope")}; its scope is unknown here (no CRD in the repo, not in the kind tables).",
                        obj.LocationOf("/kind"),
                        $"Add {{group: '{obj.Group}', kind: {obj.Kind}}} to AppProject {project.Name}'s clusterResourceWhitelist (cluster-scoped CRD) or namespaceResourceWhitelist (namespaced).",
                        app.Name,
                        severity: asNamespaced || asCluster ? Severity.Warning : Severity.Error);
                }
            }
            else if (!ProjectRules.AllowsKind(project, obj.Group, obj.Kind, obj.Name, namespaced) && reported.Add((obj.Group, obj.Kind, null)))
            {
                yield return AppFindings.Create(FindingIds.Proj004,
                    $"{(namespaced ? "Namespaced" : "Cluster-scoped")} kind {obj.Kind} ({(obj.Group.Length == 0 ? "core" : obj.Group)}) of {AppFindings.Describe(app)} is not allowed by AppProject {project.Name}{(namespaced ? string.Empty : " (an empty clusterResourceWhitelist allows no cluster-scoped kind)")}; the sync fails.",
                    obj.LocationOf("/kind"),
                    $"Add {{group: '{obj.Group}', kind: {obj.Kind}}} to AppProject {project.Name}'s {(namespaced ? "namespaceResourceWhitelist" : "clusterResourceWhitelist")} (validate --suggest-project prints the full list).",
                    app.Name);
            }

            var ns = AppFindings.NamespaceOf(obj, app, profile.Graph.Scopes);
            if (ns is not null && ns != destination.Namespace && !ProjectRules.AllowsDestination(project, destination.Server, destination.Name, ns) && reported.Add((string.Empty, "ns", ns)))
            {
                yield return AppFindings.Create(FindingIds.Proj003,
                    $"{obj.Kind} {obj.Name} of {AppFindings.Describe(app)} lives in namespace {ns}, which AppProject {project.Name} does not allow as a destination.",
                    obj.LocationOf("/metadata/namespace"), $"Allow namespace {ns} in AppProject {project.Name}'s destinations, or move the object.", app.Name);
            }
        }
    }

    /// <summary>An AppProject the externals say the cluster has (any group, or argoproj.io; any namespace).</summary>
    private static bool DeclaredExternally(AnalysisContext context, string name) =>
        context.Scenario.Externals.Any(e => e.Kind == "AppProject" && (e.Name == name || e.Name == "*") && (e.Group is null || e.Group == "argoproj.io"));
}
