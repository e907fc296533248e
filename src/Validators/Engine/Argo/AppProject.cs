using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Argo;

/// <summary>
/// An Argo CD AppProject [ARGOCD-SEMANTICS §8]. <see cref="NamespaceResourceWhitelist"/> is null when absent
/// (all namespaced kinds allowed) and empty when explicitly <c>[]</c> (none allowed).
/// </summary>
public sealed record AppProject(
    string Name,
    string? Namespace,
    IReadOnlyList<string> SourceRepos,
    IReadOnlyList<ProjectDestination> Destinations,
    IReadOnlyList<GroupKindRule> ClusterResourceWhitelist,
    IReadOnlyList<GroupKindRule> ClusterResourceBlacklist,
    IReadOnlyList<GroupKindRule>? NamespaceResourceWhitelist,
    IReadOnlyList<GroupKindRule> NamespaceResourceBlacklist,
    IReadOnlyList<string> SourceNamespaces,
    ManifestObject Manifest)
{
    /// <summary>The raw body.</summary>
    public JsonObject Raw => Manifest.Body;
}

/// <summary>A <c>destinations</c> entry (globs; a leading <c>!</c> denies).</summary>
public sealed record ProjectDestination(string? Server, string? Name, string? Namespace);

/// <summary>A group/kind (and, for cluster lists, optional name) pattern in a resource white/black list.</summary>
public sealed record GroupKindRule(string Group, string Kind, string? Name);
