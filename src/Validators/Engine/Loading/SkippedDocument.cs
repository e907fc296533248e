namespace PlatformValidation.Validators.Loading;

/// <summary>
/// A well-formed YAML document that is not a Kubernetes object (a list or scalar at the top, or a mapping without
/// <c>apiVersion</c>/<c>kind</c>, such as a Helm values file). Callers decide whether that is a problem: Argo CD's
/// directory sources ignore such files unless they look like manifests [ARGOCD-SEMANTICS §1.2].
/// </summary>
public sealed record SkippedDocument(SourceLocation Location, string Reason);
