namespace PlatformValidation.Tests;

/// <summary>NUnit categories shared by every test project (filter with --filter TestCategory!=...).</summary>
public static class TestCategories
{
    /// <summary>Needs a running Docker engine; skips with the reason when none is reachable.</summary>
    public const string Docker = "Docker";

    /// <summary>Needs real credentials (kubeconfig, API key); skips with the variables to set.</summary>
    public const string Credentials = "Credentials";

    /// <summary>Takes more than a few seconds.</summary>
    public const string Slow = "Slow";

    /// <summary>Drives a real browser (Debian's Chromium through Playwright).</summary>
    public const string Browser = "Browser";

    /// <summary>Runs external tools such as kubectl or node.</summary>
    public const string ExternalTool = "ExternalTool";
}
