namespace PlatformValidation.Validators.Tests.Support;

/// <summary>Locates the source checkout (the directory holding PlatformValidation.sln) from the test output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "scenarios");

    public static string SampleScenario => Path.Combine(Scenarios, "sample.yaml");

    public static string SamplePlatform => Path.Combine(Scenarios, "sample-platform");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlatformValidation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PlatformValidation.sln not found above " + AppContext.BaseDirectory);
    }
}
