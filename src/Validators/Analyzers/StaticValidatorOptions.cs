using PlatformValidation.Validators.Expansion;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>Settings of <see cref="StaticValidator"/>.</summary>
public sealed record StaticValidatorOptions
{
    public static StaticValidatorOptions Default { get; } = new();

    /// <summary>How profiles are expanded and rendered.</summary>
    public ExpansionOptions Expansion { get; init; } = ExpansionOptions.Default;

    /// <summary>The analyzers to run (default: <see cref="StaticValidator.DefaultAnalyzers"/>).</summary>
    public IReadOnlyList<IStaticAnalyzer>? Analyzers { get; init; }
}
