using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Argo;

/// <summary>
/// One source of an Application. <see cref="Pointer"/> is where it sits in the manifest (<c>/spec/source</c> or
/// <c>/spec/sources/N</c>), for locating findings.
/// </summary>
public sealed record ApplicationSource(
    string RepoUrl,
    string? Path,
    string TargetRevision,
    string? Chart,
    string? Ref,
    string? Name,
    DirectorySource? Directory,
    KustomizeSource? Kustomize,
    HelmSource? Helm,
    JsonObject? Plugin,
    string Pointer)
{
    /// <summary>The revision used when <c>targetRevision</c> is empty.</summary>
    public const string DefaultRevision = "HEAD";

    /// <summary>The tool chosen by an explicit block (<c>helm</c>, <c>kustomize</c>, <c>directory</c>, <c>plugin</c>), or null [§1.1].</summary>
    public SourceTool? ExplicitTool =>
        Helm is not null ? SourceTool.Helm
        : Kustomize is not null ? SourceTool.Kustomize
        : Directory is not null ? SourceTool.Directory
        : Plugin is not null ? SourceTool.Plugin
        : null;

    /// <summary>True for a ref-only source (<c>ref</c> set, no <c>path</c>, no <c>chart</c>): it renders nothing [§1.1].</summary>
    public bool IsRefOnly => Ref is not null && string.IsNullOrEmpty(Path) && Chart is null;
}
