namespace PlatformValidation.Validators.Live.Suites;

/// <summary>The built-in suite kinds, by their stable names (the names used in scenario files and reports).</summary>
public static class SuiteKinds
{
    public const string Static = "static";
    public const string ProfileMatrix = "profile-matrix";
    public const string Narrowing = "narrowing";
    public const string CostGates = "cost-gates";
    public const string GroupToggle = "group-toggle";
    public const string GpuSmoke = "gpu-smoke";

    /// <summary>Every kind, in the order a full run executes them.</summary>
    public static IReadOnlyList<string> All { get; } = [Static, ProfileMatrix, Narrowing, CostGates, GroupToggle, GpuSmoke];
}
