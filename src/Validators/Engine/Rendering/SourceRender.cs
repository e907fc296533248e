using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>What rendering one source produced (objects not yet namespace-defaulted).</summary>
internal sealed record SourceRender(IReadOnlyList<ManifestObject> Objects, RenderOutcome Outcome, IReadOnlyList<Finding> Findings)
{
    public static SourceRender Ok(IReadOnlyList<ManifestObject> objects, IReadOnlyList<Finding>? findings = null) =>
        new(objects, RenderOutcome.Rendered, findings ?? []);

    public static SourceRender NotRendered(SourceContext ctx, string reason, string fixHint)
    {
        var finding = RenderFindings.NotRendered(ctx.App.Name, ctx.SourceLocation, $"Application '{ctx.App.Name}' {ctx.Describe}: {reason}", fixHint);
        return new SourceRender([], RenderOutcome.NotRendered(reason, finding), [finding]);
    }

    public static SourceRender Failed(SourceContext ctx, string reason, string fixHint, SourceLocation? at = null, IReadOnlyList<Finding>? extra = null)
    {
        var finding = RenderFindings.Failed(ctx.App.Name, at ?? ctx.SourceLocation, $"Application '{ctx.App.Name}' {ctx.Describe} failed to render: {reason}", fixHint);
        return new SourceRender([], RenderOutcome.Failed(reason, finding), [.. extra ?? [], finding]);
    }
}

/// <summary>Everything a tool renderer needs about one source.</summary>
internal sealed record SourceContext(Application App, ApplicationSource Source, int Index, RepoTree? Repo, string Path, IReadOnlyDictionary<string, ApplicationSource> RefSources)
{
    /// <summary>The resolved repository (set for every context handed to a tool renderer).</summary>
    public RepoTree Tree => Repo ?? throw new InvalidOperationException("the source's repository was not resolved");

    public SourceLocation SourceLocation => App.Manifest.LocationOf(Source.Pointer);

    public string Describe => App.Sources.Count > 1 ? $"source {Index + 1} ({Source.RepoUrl} {Source.Path ?? Source.Chart})" : $"source {Source.RepoUrl} {Source.Path ?? Source.Chart}";

    public string FullPath => Tree.TryGetFullPath(Path, out _) ?? System.IO.Path.Combine(Tree.Root, Path);
}
