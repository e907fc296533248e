using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Picks the tool for a source [ARGOCD-SEMANTICS §1.1, ug/tool_detection]: an explicit block wins; else
/// <c>Chart.yaml</c> → Helm; <c>kustomization.yaml</c>/<c>.yml</c>/<c>Kustomization</c> → Kustomize; else Directory.
/// </summary>
public static class SourceToolDetector
{
    /// <summary>The tool for <paramref name="source"/> whose path is <paramref name="relativePath"/> in <paramref name="repo"/>.</summary>
    public static SourceTool Detect(ApplicationSource source, RepoTree repo, string relativePath) => throw new NotImplementedException();
}
