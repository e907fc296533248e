using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Argo.Projects;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// How an AppProject allows repos, destinations and kinds [ARGOCD-SEMANTICS §8], for the analyzers: each rule is the
/// engine's <see cref="ProjectPolicy"/>, the code the simulated Argo CD runs too.
/// </summary>
public static class ProjectRules
{
    /// <inheritdoc cref="ProjectPolicy.IsSourcePermitted"/>
    public static bool AllowsRepo(AppProject project, string repoUrl) => ProjectPolicy.For(project).IsSourcePermitted(repoUrl);

    /// <inheritdoc cref="ProjectPolicy.IsDestinationPermitted"/>
    public static bool AllowsDestination(AppProject project, string? server, string? name, string? ns) =>
        ProjectPolicy.For(project).IsDestinationPermitted(server, name, ns ?? string.Empty);

    /// <inheritdoc cref="ProjectPolicy.IsGroupKindPermitted"/>
    public static bool AllowsKind(AppProject project, string group, string kind, string name, bool namespaced) =>
        ProjectPolicy.For(project).IsGroupKindPermitted(group, kind, name, namespaced);
}
