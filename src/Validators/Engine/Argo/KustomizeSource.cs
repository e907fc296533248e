using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Argo;

/// <summary><c>spec.source.kustomize</c>: the overrides Argo CD applies with <c>kustomize edit</c> before building [§1.3].</summary>
public sealed record KustomizeSource(
    string? NamePrefix,
    string? NameSuffix,
    IReadOnlyList<string> Images,
    IReadOnlyList<KustomizeReplica> Replicas,
    IReadOnlyDictionary<string, string> CommonLabels,
    IReadOnlyDictionary<string, string> CommonAnnotations,
    string? Namespace,
    JsonArray? Patches,
    IReadOnlyList<string> Components)
{
    public bool ForceCommonLabels { get; init; }

    public bool ForceCommonAnnotations { get; init; }

    public bool LabelWithoutSelector { get; init; }

    public bool LabelIncludeTemplates { get; init; }

    public bool IgnoreMissingComponents { get; init; }

    public string? Version { get; init; }

    /// <summary>True when no override is set (the kustomization is built as it is in Git).</summary>
    public bool IsEmpty =>
        NamePrefix is null && NameSuffix is null && Images.Count == 0 && Replicas.Count == 0 && CommonLabels.Count == 0 &&
        CommonAnnotations.Count == 0 && Namespace is null && (Patches is null || Patches.Count == 0) && Components.Count == 0;
}

/// <summary>One <c>kustomize.replicas</c> entry.</summary>
public sealed record KustomizeReplica(string Name, int Count);
