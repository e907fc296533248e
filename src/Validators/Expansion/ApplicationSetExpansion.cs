using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Expansion;

/// <summary>
/// What an ApplicationSet generates. When any generator or template fails, <see cref="Applications"/> is empty and
/// the findings say why — Argo CD then creates, updates and deletes nothing [ARGOCD-SEMANTICS §7.3].
/// </summary>
public sealed record ApplicationSetExpansion(ApplicationSet Source, IReadOnlyList<GeneratedApplication> Applications, IReadOnlyList<Finding> Findings)
{
    /// <summary>True when no generator or template failed.</summary>
    public bool Succeeded => Findings.All(f => f.Severity != Severity.Error);
}
