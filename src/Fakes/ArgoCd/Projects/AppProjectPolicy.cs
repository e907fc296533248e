using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Validators.Argo.Projects;

namespace PlatformValidation.Fakes.ArgoCd.Projects;

/// <summary>
/// One AppProject as the simulated controller sees it: the permission rules are the engine's
/// <see cref="ProjectPolicy"/> (the same code the static analyzers run), plus what only the controller needs
/// (<c>orphanedResources.warn</c>).
/// </summary>
public sealed class AppProjectPolicy
{
    private readonly ProjectPolicy policy;

    public AppProjectPolicy(string name, JsonObject? spec)
    {
        policy = ProjectPolicy.FromSpec(name, spec);
        OrphanedResourcesWarn = Json.Bool(spec, "orphanedResources.warn");
    }

    public string Name => policy.Name;

    public bool OrphanedResourcesWarn { get; }

    /// <summary>The built-in <c>default</c> project's spec [§8.3].</summary>
    public static JsonObject DefaultProjectSpec() => ProjectPolicy.DefaultProjectSpec();

    public static string MissingProjectMessage(string project) => ProjectPolicy.MissingProjectMessage(project);

    /// <inheritdoc cref="ProjectPolicy.IsSourcePermitted"/>
    public bool IsSourcePermitted(string repoUrl) => policy.IsSourcePermitted(repoUrl);

    public string SourceDeniedMessage(string repoUrl) => policy.SourceDeniedMessage(repoUrl);

    /// <inheritdoc cref="ProjectPolicy.IsDestinationPermitted"/>
    public bool IsDestinationPermitted(string? server, string? name, string ns) => policy.IsDestinationPermitted(server, name, ns);

    public string DestinationDeniedMessage(string serverOrName, string ns) => policy.DestinationDeniedMessage(serverOrName, ns);

    /// <inheritdoc cref="ProjectPolicy.IsGroupKindPermitted"/>
    public bool IsGroupKindPermitted(string group, string kind, string name, bool namespaced) => policy.IsGroupKindPermitted(group, kind, name, namespaced);

    public static string ResourceDeniedMessage(string group, string kind, string project) => ProjectPolicy.ResourceDeniedMessage(group, kind, project);

    public string NamespaceDeniedMessage(string ns) => policy.NamespaceDeniedMessage(ns);
}
