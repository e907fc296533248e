using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// Something the cluster provides without any app (a StorageClass, an IngressClass, the argocd namespace, a CRD
/// installed out of band): counted as provided in every profile. No apiVersion matches the kind in any group.
/// </summary>
public sealed record ExternalObject(string? ApiVersion, string Kind, string? Namespace, string Name, SourceLocation Location)
{
    /// <summary>The API group of <see cref="ApiVersion"/> ("" for core), or null when none was written.</summary>
    public string? Group => ApiVersion is null ? null : ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
}
