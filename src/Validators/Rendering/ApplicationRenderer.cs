using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Renders an Application to its desired objects: every source in order (directory, kustomize through
/// <c>kubectl kustomize</c> with the Application's overrides applied as Argo CD does, helm through
/// <c>helm template</c> when available), <c>$ref</c> value files, last-wins duplicates, namespace defaulting.
/// Identical renders are cached for the lifetime of the instance; it is safe to call from several threads.
/// Dispose to remove scratch directories.
/// </summary>
public sealed class ApplicationRenderer : IDisposable
{
    public ApplicationRenderer(IRepoResolver resolver, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Resolver = resolver;
        Options = options ?? RenderOptions.Default;
    }

    public IRepoResolver Resolver { get; }

    public RenderOptions Options { get; }

    /// <summary>Renders <paramref name="app"/>. Never throws for bad input: problems become findings and the outcome.</summary>
    public Task<RenderResult> RenderAsync(Application app, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
