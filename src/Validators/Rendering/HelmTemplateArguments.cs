using PlatformValidation.Validators.Argo;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Builds the <c>helm template</c> argument list Argo CD uses [ARGOCD-SEMANTICS §1.4; reposerver helmTemplate]:
/// release name (helm.releaseName, else the app name), namespace (helm.namespace, else destination namespace),
/// value files in order, then values/valuesObject as a file, then <c>--set</c>/<c>--set-string</c>/<c>--set-file</c>.
/// </summary>
public static class HelmTemplateArguments
{
    /// <summary>
    /// The arguments for rendering <paramref name="chartDirectory"/>. <paramref name="valueFiles"/> are already
    /// resolved absolute paths; <paramref name="inlineValuesFile"/> holds values/valuesObject when set.
    /// </summary>
    public static IReadOnlyList<string> Build(
        Application app,
        HelmSource? helm,
        string chartDirectory,
        IReadOnlyList<string> valueFiles,
        string? inlineValuesFile,
        IReadOnlyList<HelmFileParameter> resolvedFileParameters) => throw new NotImplementedException();
}
