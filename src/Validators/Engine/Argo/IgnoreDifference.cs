namespace PlatformValidation.Validators.Argo;

/// <summary>One <c>spec.ignoreDifferences</c> entry [§2.2].</summary>
public sealed record IgnoreDifference(
    string Group,
    string Kind,
    string? Name,
    string? Namespace,
    IReadOnlyList<string> JsonPointers,
    IReadOnlyList<string> JqPathExpressions,
    IReadOnlyList<string> ManagedFieldsManagers);
