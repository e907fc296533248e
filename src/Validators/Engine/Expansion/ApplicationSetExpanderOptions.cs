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

    /// <summary>
    /// The cluster Secrets the clusters generator lists, read when a set is expanded: declared ones statically, the
    /// simulated cluster's Secrets in the simulated Argo CD. None by default: then only the in-cluster entry exists.
    /// </summary>
    public Func<IReadOnlyList<Argo.ArgoCluster>> ClusterSecrets { get; init; } = static () => [];
}
