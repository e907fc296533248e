using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>One family of static checks (dependencies, cost gates, narrowing, waves, projects, …).</summary>
public interface IStaticAnalyzer
{
    /// <summary>The findings of this family for the whole scenario.</summary>
    IEnumerable<Finding> Analyze(AnalysisContext context);
}
