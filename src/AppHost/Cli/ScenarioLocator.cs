namespace PlatformValidation.AppHost.Cli;

/// <summary>Finds the bundled sample scenario from the working directory or the binary's location (walking up).</summary>
public static class ScenarioLocator
{
    public const string Bundled = "scenarios/sample.yaml";

    public static string? FindBundled()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, Bundled);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
