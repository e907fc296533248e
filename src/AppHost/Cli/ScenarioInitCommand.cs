using System.CommandLine;
using PlatformValidation.Validators.Live.Scenario.Drafting;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Cli;

/// <summary><c>scenario init --repo DIR [--makefile FILE] [--output FILE]</c>: writes a commented draft scenario for a repo (<see cref="ScenarioDrafter"/>).</summary>
public static class ScenarioInitCommand
{
    public static Command Create()
    {
        var repo = new Option<string>("--repo") { Description = "The platform repo checkout to describe.", Required = true };
        var makefile = new Option<string?>("--makefile") { Description = "The Makefile whose ROOTS_* variables name the profiles (default: DIR/Makefile when it exists)." };
        var output = new Option<string>("--output") { Description = "Where to write the draft.", DefaultValueFactory = _ => "scenario.yaml" };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file when it exists." };
        var init = new Command("init", "Write a commented draft scenario for a repo: layers, profiles, cost gates, GPU nodes, smoke, probes and stand-in images guessed from its manifests (and Makefile).");
        init.Options.Add(repo);
        init.Options.Add(makefile);
        init.Options.Add(output);
        init.Options.Add(force);
        init.SetAction((parse, token) => RunAsync(parse.GetValue(repo)!, parse.GetValue(makefile), parse.GetValue(output)!, parse.GetValue(force), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, token));
        var command = new Command("scenario", "Work with scenario files.");
        command.Subcommands.Add(init);
        return command;
    }

    public static async Task<int> RunAsync(string repo, string? makefile, string output, bool force, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!Directory.Exists(repo))
        {
            await stderr.WriteLineAsync($"error: --repo {repo} is not a directory; pass the checkout of the platform repo.");
            return CommandCatalog.CouldNotRun;
        }

        if (makefile is not null && !File.Exists(makefile))
        {
            await stderr.WriteLineAsync($"error: --makefile {makefile} does not exist; pass the Makefile that defines ROOTS_* (or leave the option out).");
            return CommandCatalog.CouldNotRun;
        }

        if (File.Exists(output) && !force)
        {
            await stderr.WriteLineAsync($"error: {output} exists; pass --force to overwrite it or --output another file.");
            return CommandCatalog.CouldNotRun;
        }

        try
        {
            var text = await ScenarioDrafter.DraftAsync(repo, output, makefile, cancellationToken);
            await File.WriteAllTextAsync(output, text, cancellationToken);
            await stdout.WriteLineAsync($"wrote {output}: review the `# guessed from` lines, then run `validate --scenario {output}`.");
            return CommandCatalog.Passed;
        }
        catch (Exception e) when (e is ScenarioException or LoadException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return CommandCatalog.CouldNotRun;
        }
    }
}
