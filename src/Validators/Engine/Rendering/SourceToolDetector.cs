using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Picks the tool for a source [ARGOCD-SEMANTICS §1.1, ug/tool_detection]: an explicit block wins; a chart source is
/// Helm; else <c>Chart.yaml</c> → Helm; <c>kustomization.yaml</c>/<c>.yml</c>/<c>Kustomization</c> → Kustomize;
/// else Directory.
/// </summary>
public static class SourceToolDetector
{
    /// <summary>The kustomization file names kustomize looks for, in its order.</summary>
    public static readonly IReadOnlyList<string> KustomizationFileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>The tool for <paramref name="source"/> whose path is <paramref name="relativePath"/> in <paramref name="repo"/>.</summary>
    public static SourceTool Detect(ApplicationSource source, RepoTree repo, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(relativePath);
        if (source.ExplicitTool is { } explicitTool)
        {
            return explicitTool;
        }

        if (source.Chart is not null)
        {
            return SourceTool.Helm;
        }

        if (repo.FileExists(Join(relativePath, "Chart.yaml")))
        {
            return SourceTool.Helm;
        }

        return KustomizationFileNames.Any(n => repo.FileExists(Join(relativePath, n))) ? SourceTool.Kustomize : SourceTool.Directory;
    }

    /// <summary>The kustomization file name in a directory, or null.</summary>
    public static string? FindKustomization(RepoTree repo, string relativeDirectory) =>
        KustomizationFileNames.FirstOrDefault(n => repo.FileExists(Join(relativeDirectory, n)));

    internal static string Join(string dir, string name) => dir.Length == 0 ? name : dir + "/" + name;
}
