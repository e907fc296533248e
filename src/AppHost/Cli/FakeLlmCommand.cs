using System.CommandLine;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// <c>fake-llm</c>: runs the simulated vLLM server. Takes exactly the standalone program's arguments (the vLLM command
/// line plus fake-llm's flags); they are handed to <see cref="VllmArguments"/> unchanged, so the two never drift.
/// </summary>
public static class FakeLlmCommand
{
    public static Command Create()
    {
        var command = new Command("fake-llm", "Run the simulated vLLM/OpenAI server (fake-llm --port N [--api-key KEY] [--config FILE]).\n\n" + VllmArguments.Help)
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var rest = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore, Description = "vLLM and fake-llm arguments (see above)." };
        command.Arguments.Add(rest);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Hand over every token after the command name, in order, to the shared parser.
            var tokens = parse.Tokens.Select(t => t.Value).ToList();
            var start = tokens.IndexOf("fake-llm");
            var args = start >= 0 ? tokens.Skip(start + 1).ToList() : tokens;
            return await FakeLlmProgram.RunAsync(args, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }
}
