namespace PlatformValidation.Scenario.Tests.Support;

/// <summary>One test case: a suite's step (the check it runs) for one profile, or for none (<see cref="Profile"/> null).</summary>
internal sealed record StepKey(string Suite, string Step, string? Profile)
{
    /// <summary>The <c>Profile</c> property of cases that concern no single profile (as the matrix's "(all)" row).</summary>
    public const string AllProfiles = "all";

    /// <summary>The case of a suite's cleanups (and of the reason it stopped early, if it did).</summary>
    public const string Cleanup = "cleanup";

    /// <summary>The suite and step of the release check closing every run.</summary>
    public const string ReleaseSuite = "release";

    public string ProfileProperty => Profile ?? AllProfiles;

    public override string ToString() => $"{ProfileProperty}: {Suite}/{Step}";
}
