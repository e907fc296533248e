namespace PlatformValidation.Validators.Argo;

/// <summary>How a source is rendered [ARGOCD-SEMANTICS §1.1, ug/tool_detection].</summary>
public enum SourceTool
{
    Directory,
    Kustomize,
    Helm,
    Plugin,
}
