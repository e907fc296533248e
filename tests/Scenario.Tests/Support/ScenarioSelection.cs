using PlatformValidation.AppHost.Cli;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.Scenario.Tests.Support;

/// <summary>
/// Which scenario the suites run: <c>PV_SCENARIO</c> (or the runsettings parameter <c>Scenario</c>), else the bundled
/// sample; <c>PV_REPO</c> (or <c>Repo</c>) runs it on another checkout of the platform repo, as <c>--repo</c> does. A
/// relative path is taken from the working directory, then from the repository root.
/// </summary>
internal static class ScenarioSelection
{
    public const string ScenarioVariable = "PV_SCENARIO";
    public const string RepoVariable = "PV_REPO";

    /// <summary>No scenario was named: the bundled sample runs.</summary>
    public static bool IsBundledSample => Value(ScenarioVariable, "Scenario") is null;

    /// <summary>The scenario file (null when none was named and the bundled sample is not found).</summary>
    public static string? ScenarioFile => Value(ScenarioVariable, "Scenario") is { } named ? Resolve(named) : ScenarioLocator.FindBundled();

    public static string? Repo => Value(RepoVariable, "Repo") is { } repo ? Resolve(repo) : null;

    /// <summary>Loads the scenario as <c>matrix --scenario FILE [--repo DIR]</c> does; the message says what to set when it cannot.</summary>
    public static LiveScenario Load()
    {
        var file = ScenarioFile ?? throw new InvalidOperationException($"No scenario: {ScenarioLocator.Bundled} was not found above {AppContext.BaseDirectory}; set {ScenarioVariable} to a scenario file.");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"The scenario file {file} ({ScenarioVariable}) does not exist; point {ScenarioVariable} at an existing scenario file.");
        }

        return LiveScenarioFactory.Load(file, Repo);
    }

    private static string? Value(string variable, string parameter) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v
        : TestContext.Parameters.Get(parameter) is { Length: > 0 } p ? p
        : null;

    private static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var bases = new[] { Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable("PWD"), RepositoryRoot() };
        return bases.OfType<string>().Select(b => Path.GetFullPath(Path.Combine(b, path))).FirstOrDefault(p => File.Exists(p) || Directory.Exists(p))
            ?? Path.GetFullPath(path);
    }

    private static string? RepositoryRoot() => ScenarioLocator.FindBundled() is { } sample ? Path.GetDirectoryName(Path.GetDirectoryName(sample)) : null;
}
