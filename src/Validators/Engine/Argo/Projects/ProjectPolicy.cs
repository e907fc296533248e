using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Patterns;

namespace PlatformValidation.Validators.Argo.Projects;

/// <summary>
/// The permission rules of one AppProject, as Argo CD applies them (pkg/apis/application/v1alpha1/app_project_types.go
/// <c>IsSourcePermitted</c>, <c>isDestinationMatched</c>, <c>IsGroupKindNamePermitted</c>; types.go
/// <c>isResourceInList</c>/<c>isNamedResourceInList</c>) [ARGOCD-SEMANTICS §8]. The one implementation: the static
/// analyzers (PROJ002–PROJ004) and the simulated Argo CD both call it. Messages are Argo CD's.
/// </summary>
public sealed class ProjectPolicy
{
    /// <summary>Argo CD's in-cluster destination: this server and this cluster name are the same cluster.</summary>
    public const string InClusterServer = ApplicationDestination.InClusterServer;

    /// <summary>The name Argo CD gives the in-cluster cluster.</summary>
    public const string InClusterName = ApplicationDestination.InClusterName;

    public ProjectPolicy(
        string name,
        IReadOnlyList<string> sourceRepos,
        IReadOnlyList<ProjectDestination> destinations,
        IReadOnlyList<GroupKindRule> clusterResourceWhitelist,
        IReadOnlyList<GroupKindRule> clusterResourceBlacklist,
        IReadOnlyList<GroupKindRule>? namespaceResourceWhitelist,
        IReadOnlyList<GroupKindRule> namespaceResourceBlacklist)
    {
        Name = name;
        SourceRepos = sourceRepos;
        Destinations = destinations;
        ClusterResourceWhitelist = clusterResourceWhitelist;
        ClusterResourceBlacklist = clusterResourceBlacklist;
        NamespaceResourceWhitelist = namespaceResourceWhitelist;
        NamespaceResourceBlacklist = namespaceResourceBlacklist;
    }

    public string Name { get; }

    public IReadOnlyList<string> SourceRepos { get; }

    public IReadOnlyList<ProjectDestination> Destinations { get; }

    public IReadOnlyList<GroupKindRule> ClusterResourceWhitelist { get; }

    public IReadOnlyList<GroupKindRule> ClusterResourceBlacklist { get; }

    /// <summary>Null when absent (every namespaced kind allowed); empty when explicitly <c>[]</c> (none allowed).</summary>
    public IReadOnlyList<GroupKindRule>? NamespaceResourceWhitelist { get; }

    public IReadOnlyList<GroupKindRule> NamespaceResourceBlacklist { get; }

    /// <summary>The policy of a parsed AppProject (the static side).</summary>
    public static ProjectPolicy For(AppProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new ProjectPolicy(project.Name, project.SourceRepos, project.Destinations, project.ClusterResourceWhitelist, project.ClusterResourceBlacklist, project.NamespaceResourceWhitelist, project.NamespaceResourceBlacklist);
    }

    /// <summary>The policy of an AppProject's <c>spec</c> as stored in a cluster (the simulated Argo CD).</summary>
    public static ProjectPolicy FromSpec(string name, JsonObject? spec)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new ProjectPolicy(
            name,
            (spec?["sourceRepos"] as JsonArray ?? []).Select(n => JsonRead.Str(n)).OfType<string>().ToList(),
            (spec?["destinations"] as JsonArray ?? []).OfType<JsonObject>().Select(d => new ProjectDestination(JsonRead.Str(d["server"]), JsonRead.Str(d["name"]), JsonRead.Str(d["namespace"]))).ToList(),
            Kinds(spec, "clusterResourceWhitelist", named: true) ?? [],
            Kinds(spec, "clusterResourceBlacklist", named: true) ?? [],
            Kinds(spec, "namespaceResourceWhitelist", named: false),
            Kinds(spec, "namespaceResourceBlacklist", named: false) ?? []);
    }

    /// <summary>
    /// IsSourcePermitted: both the URL and each pattern are normalized (util/git NormalizeGitURL, scp-style SSH
    /// included), then matched as globs with <c>/</c> as separator; <c>'*'</c> alone matches everything. A <c>!</c>
    /// pattern that matches denies at once; one that does not match counts as a match, exactly as upstream's
    /// <c>globMatch</c> negation makes it (so a project listing only <c>!</c> patterns permits every other repo).
    /// </summary>
    public bool IsSourcePermitted(string repoUrl)
    {
        ArgumentNullException.ThrowIfNull(repoUrl);
        var url = NormalizedOrEmpty(repoUrl);
        var anyMatched = false;
        foreach (var entry in SourceRepos)
        {
            var pattern = IsDeny(entry) ? "!" + NormalizedOrEmpty(entry[1..]) : NormalizedOrEmpty(entry);
            if (GlobMatch(pattern, url, allowNegation: true, "/"))
            {
                anyMatched = true;
            }
            else if (IsDeny(pattern))
            {
                return false;
            }
        }

        return anyMatched;
    }

    /// <summary>
    /// isDestinationMatched for the cluster (<paramref name="server"/> and/or <paramref name="name"/>; the in-cluster
    /// server and name stand for each other) and <paramref name="ns"/>. Per entry: matched when (server or name
    /// matches) and the namespace matches (globs without separators, <c>!</c> negating); a deny entry whose negated
    /// name/server matches the cluster rejects (its namespace too, for a server), and a <c>!</c> namespace that matches
    /// rejects when the server matches.
    /// </summary>
    public bool IsDestinationPermitted(string? server, string? name, string ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        (server, name) = ResolveCluster(server, name);
        var anyMatched = false;
        foreach (var item in Destinations)
        {
            var itemName = item.Name ?? string.Empty;
            var itemServer = item.Server ?? string.Empty;
            var itemNamespace = item.Namespace ?? string.Empty;
            var nameMatched = name.Length > 0 && GlobMatch(itemName, name, allowNegation: true);
            var serverMatched = server.Length > 0 && GlobMatch(itemServer, server, allowNegation: true);
            var namespaceMatched = GlobMatch(itemNamespace, ns, allowNegation: true);
            if ((serverMatched || nameMatched) && namespaceMatched)
            {
                anyMatched = true;
            }
            else if ((!nameMatched && IsDeny(itemName)) || (!serverMatched && IsDeny(itemServer) && namespaceMatched))
            {
                return false;
            }
            else if (!namespaceMatched && IsDeny(itemNamespace) && serverMatched)
            {
                return false;
            }
        }

        return anyMatched;
    }

    /// <summary>
    /// IsGroupKindNamePermitted: namespaced kinds are allowed when the whitelist is absent or matches (an explicit empty
    /// one allows none) and the blacklist does not; cluster-scoped kinds need a whitelist match (empty or absent allows
    /// none) and no blacklist match, where an entry's <c>name</c> (if set) must match too. Group, kind and name are
    /// matched with Go's filepath.Match (<c>*</c>, <c>?</c>, classes; a malformed pattern matches nothing).
    /// </summary>
    public bool IsGroupKindPermitted(string group, string kind, string name, bool namespaced)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(name);
        if (namespaced)
        {
            var whitelisted = NamespaceResourceWhitelist is null || NamespaceResourceWhitelist.Any(r => Matches(r, group, kind, null));
            return whitelisted && !NamespaceResourceBlacklist.Any(r => Matches(r, group, kind, null));
        }

        return ClusterResourceWhitelist.Any(r => Matches(r, group, kind, name)) && !ClusterResourceBlacklist.Any(r => Matches(r, group, kind, name));
    }

    /// <summary>Argo CD's condition message for a source the project does not permit.</summary>
    public string SourceDeniedMessage(string repoUrl) => $"application repo {repoUrl} is not permitted in project '{Name}'";

    /// <summary>Argo CD's condition message for a destination the project does not permit.</summary>
    public string DestinationDeniedMessage(string serverOrName, string ns) =>
        $"application destination server '{serverOrName}' and namespace '{ns}' do not match any of the allowed destinations in project '{Name}'";

    /// <summary>Argo CD's sync message for a resource kind the project does not permit.</summary>
    public static string ResourceDeniedMessage(string group, string kind, string project) => $"resource {group}:{kind} is not permitted in project {project}";

    /// <summary>Argo CD's sync message for a resource namespace the project does not permit.</summary>
    public string NamespaceDeniedMessage(string ns) => $"namespace {ns} is not permitted in project '{Name}'";

    /// <summary>Argo CD's condition message for an Application whose project does not exist.</summary>
    public static string MissingProjectMessage(string project) => $"Application referencing project {project} which does not exist";

    /// <summary>The built-in <c>default</c> project's spec [§8.3].</summary>
    public static JsonObject DefaultProjectSpec() => new()
    {
        ["sourceRepos"] = new JsonArray("*"),
        ["destinations"] = new JsonArray(new JsonObject { ["server"] = "*", ["namespace"] = "*" }),
        ["clusterResourceWhitelist"] = new JsonArray(new JsonObject { ["group"] = "*", ["kind"] = "*" }),
    };

    /// <summary>A cluster is known by server and name; the in-cluster one by either.</summary>
    private static (string Server, string Name) ResolveCluster(string? server, string? name)
    {
        server ??= string.Empty;
        name ??= string.Empty;
        if (server.Length == 0 && name == InClusterName)
        {
            server = InClusterServer;
        }
        else if (name.Length == 0 && server == InClusterServer)
        {
            name = InClusterName;
        }

        return (server, name);
    }

    /// <summary>app_project_types.go globMatch: <c>!</c> negates when allowed; <c>'*'</c> alone matches everything.</summary>
    private static bool GlobMatch(string pattern, string value, bool allowNegation, string separators = "")
    {
        if (allowNegation && IsDeny(pattern))
        {
            return !GlobPattern.Match(pattern[1..], value, separators);
        }

        return pattern == "*" || GlobPattern.Match(pattern, value, separators);
    }

    private static bool IsDeny(string pattern) => pattern.StartsWith('!');

    private static string NormalizedOrEmpty(string url) => RepoUrl.NormalizeGitUrl(url) ?? string.Empty;

    private static bool Matches(GroupKindRule rule, string group, string kind, string? name) =>
        FilePathMatch(rule.Kind, kind) && FilePathMatch(rule.Group, group) &&
        (name is null || string.IsNullOrEmpty(rule.Name) || FilePathMatch(rule.Name, name));

    /// <summary>Go's filepath.Match; ErrBadPattern counts as no match.</summary>
    private static bool FilePathMatch(string pattern, string value)
    {
        try
        {
            return GoPathMatch.IsMatch(pattern, value);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static List<GroupKindRule>? Kinds(JsonObject? spec, string key, bool named) =>
        spec?[key] is JsonArray list
            ? list.OfType<JsonObject>().Select(e => new GroupKindRule(JsonRead.Str(e["group"]) ?? string.Empty, JsonRead.Str(e["kind"]) ?? string.Empty, named ? JsonRead.Str(e["name"]) : null)).ToList()
            : null;
}
