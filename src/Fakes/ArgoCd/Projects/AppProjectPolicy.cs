using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Projects;

/// <summary>
/// The permission rules of one AppProject [ug/projects; app_project_types.go; ARGOCD-SEMANTICS §8]: source repos
/// (with <c>!</c> denials), destinations, cluster-scoped kinds (empty whitelist allows none), namespaced kinds
/// (absent whitelist allows all, explicit empty allows none), blacklists beat whitelists. Messages are Argo CD's.
/// </summary>
public sealed class AppProjectPolicy
{
    private readonly List<string> sourceRepos;
    private readonly List<(string Server, string Name, string Namespace)> destinations;
    private readonly List<(string Group, string Kind, string? Name)> clusterWhitelist;
    private readonly List<(string Group, string Kind, string? Name)> clusterBlacklist;
    private readonly List<(string Group, string Kind, string? Name)>? namespaceWhitelist;
    private readonly List<(string Group, string Kind, string? Name)> namespaceBlacklist;

    public AppProjectPolicy(string name, JsonObject? spec)
    {
        Name = name;
        sourceRepos = Json.Arr(spec, "sourceRepos")?.Select(Json.AsString).OfType<string>().ToList() ?? [];
        destinations = Json.Objects(spec, "destinations")
            .Select(d => (Json.Str(d, "server") ?? string.Empty, Json.Str(d, "name") ?? string.Empty, Json.Str(d, "namespace") ?? string.Empty))
            .ToList();
        clusterWhitelist = Kinds(spec, "clusterResourceWhitelist") ?? [];
        clusterBlacklist = Kinds(spec, "clusterResourceBlacklist") ?? [];
        namespaceWhitelist = Kinds(spec, "namespaceResourceWhitelist");
        namespaceBlacklist = Kinds(spec, "namespaceResourceBlacklist") ?? [];
        OrphanedResourcesWarn = Json.Bool(spec, "orphanedResources.warn");
    }

    public string Name { get; }

    public bool OrphanedResourcesWarn { get; }

    /// <summary>The built-in <c>default</c> project's spec [§8.3].</summary>
    public static JsonObject DefaultProjectSpec() => new()
    {
        ["sourceRepos"] = new JsonArray("*"),
        ["destinations"] = new JsonArray(new JsonObject { ["server"] = "*", ["namespace"] = "*" }),
        ["clusterResourceWhitelist"] = new JsonArray(new JsonObject { ["group"] = "*", ["kind"] = "*" }),
    };

    public static string MissingProjectMessage(string project) => $"Application referencing project {project} which does not exist";

    /// <summary>Allowed iff some non-<c>!</c> pattern matches and no <c>!</c> pattern does [IsSourcePermitted].</summary>
    public bool IsSourcePermitted(string repoUrl)
    {
        var url = NormalizeRepo(repoUrl);
        var allowed = false;
        foreach (var pattern in sourceRepos)
        {
            if (pattern.StartsWith('!'))
            {
                if (MatchRepo(pattern[1..], url))
                {
                    return false;
                }
            }
            else if (MatchRepo(pattern, url))
            {
                allowed = true;
            }
        }

        return allowed;
    }

    public string SourceDeniedMessage(string repoUrl) => $"application repo {repoUrl} is not permitted in project '{Name}'";

    /// <summary>Destination check: (server or name matches) and namespace matches; <c>!</c> entries deny.</summary>
    public bool IsDestinationPermitted(string? server, string? name, string ns)
    {
        var allowed = false;
        foreach (var (dServer, dName, dNamespace) in destinations)
        {
            var deny = dServer.StartsWith('!') || dNamespace.StartsWith('!') || dName.StartsWith('!');
            var serverOk = (dServer.Length > 0 && server is not null && Glob.Match(dServer.TrimStart('!'), server)) ||
                (dName.Length > 0 && name is not null && Glob.Match(dName.TrimStart('!'), name));
            var nsOk = Glob.Match(dNamespace.TrimStart('!'), ns);
            if (deny)
            {
                // A deny entry rejects when its negated part matches and the rest matches.
                var serverPart = dServer.StartsWith('!') ? server is not null && Glob.Match(dServer[1..], server) : serverOk || (dServer.Length == 0 && dName.Length == 0);
                var nsPart = dNamespace.StartsWith('!') ? Glob.Match(dNamespace[1..], ns) : nsOk;
                if (serverPart && nsPart)
                {
                    return false;
                }
            }
            else if (serverOk && nsOk)
            {
                allowed = true;
            }
        }

        return allowed;
    }

    public string DestinationDeniedMessage(string serverOrName, string ns) =>
        $"application destination server '{serverOrName}' and namespace '{ns}' do not match any of the allowed destinations in project '{Name}'";

    /// <summary>Group/kind permission for a resource of the given scope [IsGroupKindNamePermitted].</summary>
    public bool IsGroupKindPermitted(string group, string kind, string name, bool namespaced)
    {
        if (namespaced)
        {
            var whitelisted = namespaceWhitelist is null || namespaceWhitelist.Any(e => Matches(e, group, kind, name));
            return whitelisted && !namespaceBlacklist.Any(e => Matches(e, group, kind, name));
        }

        return clusterWhitelist.Any(e => Matches(e, group, kind, name)) && !clusterBlacklist.Any(e => Matches(e, group, kind, name));
    }

    public static string ResourceDeniedMessage(string group, string kind, string project) => $"resource {group}:{kind} is not permitted in project {project}";

    public string NamespaceDeniedMessage(string ns) => $"namespace {ns} is not permitted in project '{Name}'";

    private static bool Matches((string Group, string Kind, string? Name) e, string group, string kind, string name) =>
        (e.Group == "*" || Glob.Match(e.Group, group)) && Glob.Match(e.Kind, kind) && (e.Name is null || Glob.Match(e.Name, name));

    private static List<(string, string, string?)>? Kinds(JsonObject? spec, string key) =>
        Json.Arr(spec, key)?.OfType<JsonObject>().Select(e => (Json.Str(e, "group") ?? string.Empty, Json.Str(e, "kind") ?? string.Empty, Json.Str(e, "name"))).ToList();

    private static bool MatchRepo(string pattern, string url) => pattern == "*" || Glob.MatchPath(NormalizeRepo(pattern), url);

    /// <summary>Repo URL normalization: lower-case, no trailing <c>.git</c> or slash.</summary>
    public static string NormalizeRepo(string url)
    {
        var u = url.Trim().TrimEnd('/').ToLowerInvariant();
        return u.EndsWith(".git", StringComparison.Ordinal) ? u[..^4] : u;
    }
}
