using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Expansion;

/// <summary>
/// What an ApplicationSet generates. When any generator or template fails, <see cref="Applications"/> is empty,
/// <see cref="Succeeded"/> is false and the findings say why — Argo CD then creates, updates and deletes nothing
/// [ARGOCD-SEMANTICS §7.3]. Generated Applications that fail validation (no name, duplicate names) are left out
/// with a finding while the others stay, as the controller does.
/// </summary>
public sealed record ApplicationSetExpansion(ApplicationSet Source, IReadOnlyList<GeneratedApplication> Applications, IReadOnlyList<Finding> Findings)
{
    /// <summary>False when a generator or the template failed, so the set produced nothing.</summary>
    public bool Succeeded { get; init; } = true;
}
