using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Live.Scenario;

/// <summary>Reads a scenario file for a live run: the scenario model and the suites of its <c>suites</c> section (<see cref="SuiteParser"/>).</summary>
public static class LiveScenarioFactory
{
    /// <summary>
    /// Reads a scenario file (and, with <paramref name="repoDirectory"/>, runs it over that checkout instead of
    /// <c>repo.path</c>); throws ScenarioException / SuiteFormatException with file:line, or ScenarioRunException when
    /// the directory does not exist.
    /// </summary>
    public static LiveScenario Load(string scenarioPath, string? repoDirectory = null)
    {
        var parsed = Scenarios.ScenarioParser.Load(scenarioPath);
        if (repoDirectory is not null)
        {
            var full = Path.GetFullPath(repoDirectory);
            if (!Directory.Exists(full))
            {
                throw new ScenarioRunException($"--repo {repoDirectory} is not a directory; pass the checkout of the platform repo to run the scenario on.");
            }

            parsed = parsed with { Repo = parsed.Repo with { Directory = full } };
        }

        var suites = SuiteParser.Parse(File.ReadAllText(scenarioPath), scenarioPath, parsed.Profiles.Select(p => p.Name).ToList());
        return new LiveScenario(parsed, suites);
    }

    public static LiveScenario From(Scenarios.Scenario s, IReadOnlyList<SuiteDefinition>? suites = null) => new(s, suites);
}
