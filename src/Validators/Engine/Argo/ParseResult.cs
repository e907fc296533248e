using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Argo;

/// <summary>A parsed Argo CD object, or null when it is too broken to use, plus ARGO001 findings pointing at the offending fields.</summary>
public sealed record ParseResult<T>(T? Value, IReadOnlyList<Finding> Findings)
    where T : class
{
    /// <summary>True when the object parsed and no finding is an error.</summary>
    public bool IsValid => Value is not null && Findings.All(f => f.Severity != Severity.Error);
}
