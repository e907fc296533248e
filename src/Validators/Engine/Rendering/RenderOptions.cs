using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>How sources are rendered: tool paths, timeouts, parallelism, and the loader limits for their output.</summary>
public sealed record RenderOptions
{
    public static RenderOptions Default { get; } = new();

    /// <summary>The kubectl used for <c>kubectl kustomize</c> when no standalone kustomize is found (default: <c>kubectl</c> on PATH).</summary>
    public string KubectlPath { get; init; } = "kubectl";

    /// <summary>
    /// A standalone kustomize binary, run as <c>kustomize build</c> as Argo CD does; null = use <c>kustomize</c> from
    /// PATH when there is one, else <c>kubectl kustomize</c>. It also starts faster than kubectl.
    /// </summary>
    public string? KustomizePath { get; init; }

    /// <summary>
    /// A helm binary to run as <c>helm template</c> (<c>--helm-binary</c>); null = render charts in process with the
    /// project's own Helm engine (<see cref="Helm.HelmChartRenderer"/>). A configured binary that is not found is RENDER002.
    /// </summary>
    public string? HelmPath { get; init; }

    /// <summary>
    /// A directory of chart archives as <c>helm pull</c> writes them (<c>NAME-VERSION.tgz</c>, <c>--chart-cache</c>):
    /// charts from Helm or OCI repositories render from here; without it (or without the archive) they are RENDER002.
    /// </summary>
    public string? ChartCacheDirectory { get; init; }

    /// <summary>
    /// Kustomize <c>helmCharts</c> are inflated (by the in-process Helm renderer) only when Argo CD would pass
    /// <c>--enable-helm</c> (argocd-cm <c>kustomize.buildOptions</c>); otherwise they fail as kustomize fails.
    /// </summary>
    public bool KustomizeEnableHelm { get; init; }

    /// <summary>The Kubernetes version charts see in <c>.Capabilities</c> when the source sets no <c>kubeVersion</c> (null = Helm's default).</summary>
    public string? KubeVersion { get; init; }

    /// <summary>How long one tool run may take before it is killed (RENDER001 naming the limit).</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many tool processes run at once.</summary>
    public int MaxParallelTools { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Limits for reading manifests and tool output.</summary>
    public LoaderOptions Loader { get; init; } = LoaderOptions.Default;

    /// <summary>Which kinds are namespaced (built-in table + CRDs known up front).</summary>
    public ResourceScopes Scopes { get; init; } = ResourceScopes.BuiltIn;

    /// <summary>Where scratch copies for kustomize overrides go (default: the system temp directory).</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>Earlier renders to reuse for unchanged apps (<c>validate --base</c>), or null to render every app.</summary>
    public IRenderReuse? Reuse { get; init; }
}
