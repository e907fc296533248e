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

    /// <summary>The helm binary; null = look for <c>helm</c> on PATH (RENDER002 when not found).</summary>
    public string? HelmPath { get; init; }

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
