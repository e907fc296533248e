using System.CommandLine;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.AppHost.Cli;

/// <summary><c>run SUITE</c>: one suite of the scenario (by its name in the scenario, or a built-in kind).</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var live = new LiveOptions();
        var suite = new Argument<string>("suite") { Description = "The suite to run: a name from the scenario's suites, or " + string.Join(", ", SuiteKinds.All) + "." };
        var command = new Command("run", "Run one suite of a scenario on a substrate.");
        command.Arguments.Add(suite);
        live.AddTo(command);
        command.SetAction((parse, token) =>
        {
            var name = parse.GetValue(suite)!;
            return LiveRun.RunAsync(live.Read(parse), scenario => [Select(scenario, name)], parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, token);
        });
        return command;
    }

    public static SuiteDefinition Select(LiveScenario scenario, string name)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Suites.FirstOrDefault(s => s.Name == name)
            ?? (SuiteKinds.All.Contains(name) ? new SuiteDefinition(name, name) : null)
            ?? throw new ScenarioRunException($"Suite '{name}' is not in scenario '{scenario.Name}' (suites: {string.Join(", ", scenario.Suites.Select(s => s.Name))}) nor a built-in kind ({string.Join(", ", SuiteKinds.All)}).");
    }
}
