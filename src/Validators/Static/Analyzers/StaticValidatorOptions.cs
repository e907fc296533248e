using PlatformValidation.Validators.Expansion;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>Settings of <see cref="StaticValidator"/>.</summary>
public sealed record StaticValidatorOptions
{
    public static StaticValidatorOptions Default { get; } = new();

    /// <summary>How profiles are expanded and rendered.</summary>
    public ExpansionOptions Expansion { get; init; } = ExpansionOptions.Default with
    {
        // kubectl kustomize / helm runs are mostly process start-up and I/O: run more of them than there are cores.
        Render = ExpansionOptions.Default.Render with { MaxParallelTools = Math.Max(4, 2 * Environment.ProcessorCount) },
    };

    /// <summary>The analyzers to run (default: <see cref="StaticValidator.DefaultAnalyzers"/>).</summary>
    public IReadOnlyList<IStaticAnalyzer>? Analyzers { get; init; }
}
