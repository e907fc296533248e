using PlatformValidation.Validators.Rendering;

namespace PlatformValidation.Validators.Expansion;

/// <summary>Settings of <see cref="ProfileExpander"/>.</summary>
public sealed record ExpansionOptions
{
    public static ExpansionOptions Default { get; } = new();

    /// <summary>How sources are rendered.</summary>
    public RenderOptions Render { get; init; } = RenderOptions.Default;

    /// <summary>How ApplicationSets are expanded.</summary>
    public ApplicationSetExpanderOptions ApplicationSets { get; init; } = ApplicationSetExpanderOptions.Default;

    /// <summary>Deepest app-of-apps nesting followed (a finding beyond it).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most Applications one profile may reach (a finding beyond it).</summary>
    public int MaxApps { get; init; } = 50_000;

    /// <summary>These options with the ApplicationSet clusters generator listing <paramref name="clusters"/> (declared cluster Secrets).</summary>
    public ExpansionOptions WithClusters(IReadOnlyList<Argo.ArgoCluster> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        return clusters.Count == 0 ? this : this with { ApplicationSets = ApplicationSets with { ClusterSecrets = () => clusters } };
    }
}
