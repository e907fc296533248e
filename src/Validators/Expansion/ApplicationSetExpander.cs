using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Expansion;

/// <summary>
/// Runs an ApplicationSet's generators (list, git directories/files, matrix, merge, in-cluster clusters; selectors
/// post-filter) and renders its template with fasttemplate or goTemplate, templatePatch and the finalizer rule
/// [ARGOCD-SEMANTICS §7.1–7.3]. Git generators read through <see cref="IRepoResolver"/>, so the reconciler can pass
/// a view of the repo at a revision. Thread-safe.
/// </summary>
public sealed class ApplicationSetExpander
{
    public ApplicationSetExpander(IRepoResolver resolver, ApplicationSetExpanderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Resolver = resolver;
        Options = options ?? ApplicationSetExpanderOptions.Default;
    }

    public IRepoResolver Resolver { get; }

    public ApplicationSetExpanderOptions Options { get; }

    /// <summary>The Applications <paramref name="set"/> generates, or none plus findings when anything fails.</summary>
    public ApplicationSetExpansion Expand(ApplicationSet set, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
