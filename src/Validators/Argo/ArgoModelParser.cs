using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Argo;

/// <summary>
/// Parses Argo CD manifests into the immutable model, reporting ARGO001 (message + the field's location) for
/// invalid specs: wrong types, missing required fields, both <c>destination.server</c> and <c>name</c>, a ref
/// source with a chart, matrix without exactly two children, and so on [ARGOCD-SEMANTICS §1, §7, §8].
/// </summary>
public static class ArgoModelParser
{
    /// <summary>The ARGO001 finding ID.</summary>
    public const string Argo001 = "ARGO001";

    /// <summary>Parses an Application.</summary>
    public static ParseResult<Application> ParseApplication(ManifestObject manifest) => throw new NotImplementedException();

    /// <summary>Parses an ApplicationSet.</summary>
    public static ParseResult<ApplicationSet> ParseApplicationSet(ManifestObject manifest) => throw new NotImplementedException();

    /// <summary>Parses an AppProject.</summary>
    public static ParseResult<AppProject> ParseAppProject(ManifestObject manifest) => throw new NotImplementedException();
}
