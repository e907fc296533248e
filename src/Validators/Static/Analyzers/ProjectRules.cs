using System.Text.RegularExpressions;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>How an AppProject allows repos, destinations and kinds [ARGOCD-SEMANTICS §8].</summary>
public static class ProjectRules
{
    /// <summary>
    /// A repo is allowed when some non-<c>!</c> pattern matches and no <c>!</c> pattern does. URLs are normalized; in
    /// globs <c>*</c> matches within one path segment and <c>**</c> across segments; <c>'*'</c> alone allows all.
    /// </summary>
    public static bool AllowsRepo(AppProject project, string repoUrl)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(repoUrl);
        var url = RepoUrl.Normalize(repoUrl);
        var allowed = false;
        foreach (var pattern in project.SourceRepos)
        {
            var deny = pattern.StartsWith('!');
            var p = deny ? pattern[1..] : pattern;
            var match = p == "*" || PathGlob(RepoUrl.Normalize(p), url) || PathGlob(p, repoUrl);
            if (match && deny)
            {
                return false;
            }

            allowed |= match && !deny;
        }

        return allowed;
    }

    /// <summary>A destination (server or cluster name, plus namespace) is allowed when an allow entry matches and no deny entry does.</summary>
    public static bool AllowsDestination(AppProject project, string? server, string? name, string? ns)
    {
        ArgumentNullException.ThrowIfNull(project);
        var allowed = false;
        foreach (var d in project.Destinations)
        {
            var serverDeny = d.Server?.StartsWith('!') == true;
            var nsDeny = d.Namespace?.StartsWith('!') == true;
            var clusterMatch = (d.Server is not null && server is not null && FlatGlob(d.Server.TrimStart('!'), server)) ||
                               (d.Name is not null && name is not null && FlatGlob(d.Name.TrimStart('!'), name)) ||
                               (d.Server is not null && server is null && name == ApplicationDestination.InClusterName && FlatGlob(d.Server.TrimStart('!'), ApplicationDestination.InClusterServer));
            var nsMatch = FlatGlob((d.Namespace ?? string.Empty).TrimStart('!'), ns ?? string.Empty);
            if (serverDeny || nsDeny)
            {
                if (clusterMatch && nsMatch)
                {
                    return false;
                }

                continue;
            }

            allowed |= clusterMatch && nsMatch;
        }

        return allowed;
    }

    /// <summary>A group/kind is allowed for its scope [§8.2]: cluster-scoped needs a whitelist match; namespaced is open unless a whitelist is given.</summary>
    public static bool AllowsKind(AppProject project, string group, string kind, string name, bool namespaced)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (namespaced)
        {
            return (project.NamespaceResourceWhitelist is null || project.NamespaceResourceWhitelist.Any(r => Matches(r, group, kind, null))) &&
                   !project.NamespaceResourceBlacklist.Any(r => Matches(r, group, kind, null));
        }

        return project.ClusterResourceWhitelist.Any(r => Matches(r, group, kind, name)) &&
               !project.ClusterResourceBlacklist.Any(r => Matches(r, group, kind, name));
    }

    private static bool Matches(GroupKindRule rule, string group, string kind, string? name) =>
        CostGateAnalyzer.GlobMatch(rule.Group, group) && CostGateAnalyzer.GlobMatch(rule.Kind, kind) &&
        (rule.Name is null || name is null || CostGateAnalyzer.GlobMatch(rule.Name, name));

    private static bool FlatGlob(string pattern, string value) => CostGateAnalyzer.GlobMatch(pattern, value);

    private static bool PathGlob(string pattern, string value)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal) && !pattern.Contains('?', StringComparison.Ordinal))
        {
            return pattern == value;
        }

        var regex = "^" + Regex.Escape(pattern).Replace("\\*\\*", "\u0001", StringComparison.Ordinal).Replace("\\*", "[^/]*", StringComparison.Ordinal)
            .Replace("\u0001", ".*", StringComparison.Ordinal).Replace("\\?", "[^/]", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(value, regex, RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
