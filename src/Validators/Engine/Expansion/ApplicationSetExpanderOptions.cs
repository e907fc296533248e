using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Expansion;

/// <summary>Settings of <see cref="ApplicationSetExpander"/>.</summary>
public sealed record ApplicationSetExpanderOptions
{
    public static ApplicationSetExpanderOptions Default { get; } = new();

    /// <summary>Limits for reading git-files generator files.</summary>
    public LoaderOptions Loader { get; init; } = LoaderOptions.Default;

    /// <summary>Most parameter sets one ApplicationSet may produce (caps runaway matrices).</summary>
    public int MaxParameterSets { get; init; } = 100_000;

    /// <summary>The Argo CD namespace, used when the ApplicationSet has none (generated apps live in the set's namespace).</summary>
    public string ControlPlaneNamespace { get; init; } = "argocd";
}
