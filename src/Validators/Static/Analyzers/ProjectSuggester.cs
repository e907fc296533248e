using System.Text;
using PlatformValidation.Validators.Graph;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>The minimal resource whitelists an AppProject needs so that every profile's apps can sync.</summary>
public sealed record ProjectSuggestion(string Project, IReadOnlyList<GroupKind> ClusterResources, IReadOnlyList<GroupKind> NamespaceResources)
{
    /// <summary>Kinds whose scope is unknown (no CRD in the repo, not in the kind tables): listed apart, never guessed.</summary>
    public IReadOnlyList<GroupKind> UnknownScope { get; init; } = [];

    /// <summary>The whitelists as an AppProject spec fragment.</summary>
    public string ToYaml()
    {
        var text = new StringBuilder();
        text.Append("# AppProject ").Append(Project).AppendLine(": the kinds its apps render across every profile");
        text.AppendLine("spec:");
        Append(text, "clusterResourceWhitelist", ClusterResources);
        Append(text, "namespaceResourceWhitelist", NamespaceResources);
        if (UnknownScope.Count > 0)
        {
            text.AppendLine("  # Scope unknown here (no CRD in the repo, not in the kind tables): add each to the list its CRD's");
            text.AppendLine("  # spec.scope names (kubectl api-resources shows it), clusterResourceWhitelist for Cluster.");
            foreach (var k in UnknownScope)
            {
                text.Append("  #   - {group: ").Append(k.Group.Length == 0 ? "''" : k.Group).Append(", kind: ").Append(k.Kind).AppendLine("}");
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string key, IReadOnlyList<GroupKind> kinds)
    {
        text.Append("  ").Append(key).Append(':');
        if (kinds.Count == 0)
        {
            text.AppendLine(" []");
            return;
        }

        text.AppendLine();
        foreach (var k in kinds)
        {
            text.Append("    - group: ").AppendLine(k.Group.Length == 0 ? "''" : k.Group);
            text.Append("      kind: ").AppendLine(k.Kind);
        }
    }
}

/// <summary>Computes <see cref="ProjectSuggestion"/>s from every profile (the ADR's follow-up to tighten '*').</summary>
public static class ProjectSuggester
{
    public static IReadOnlyList<ProjectSuggestion> Suggest(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var byProject = new SortedDictionary<string, (HashSet<GroupKind> Cluster, HashSet<GroupKind> Namespaced, HashSet<GroupKind> Unknown)>(StringComparer.Ordinal);
        foreach (var profile in context.Profiles)
        {
            foreach (var app in profile.Expanded.Apps)
            {
                var project = string.IsNullOrEmpty(app.Model.Project) ? "default" : app.Model.Project;
                if (!byProject.TryGetValue(project, out var sets))
                {
                    byProject[project] = sets = ([], [], []);
                }

                if (app.Model.HasSyncOption("CreateNamespace=true"))
                {
                    sets.Cluster.Add(new GroupKind(string.Empty, "Namespace"));
                }

                foreach (var obj in app.Resources.Where(o => o.Kind.Length > 0))
                {
                    var scope = profile.Graph.Scopes.Scope(obj.Group, obj.Kind);
                    (scope switch { true => sets.Namespaced, false => sets.Cluster, null => sets.Unknown }).Add(new GroupKind(obj.Group, obj.Kind));
                }
            }
        }

        return byProject.Select(kv => new ProjectSuggestion(kv.Key, Sorted(kv.Value.Cluster), Sorted(kv.Value.Namespaced))
        {
            UnknownScope = Sorted(kv.Value.Unknown),
        }).ToList();
    }

    private static List<GroupKind> Sorted(HashSet<GroupKind> kinds) =>
        kinds.OrderBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList();
}
