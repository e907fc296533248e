using System.Collections;
using PlatformValidation.Fakes.Llm.Configuration;

namespace PlatformValidation.Fakes.Llm.Hosting;

/// <summary>
/// The standalone program, shared by <c>fake-llm</c> and the AppHost's <c>fake-llm</c> command: parses the vLLM-style
/// command line and environment, starts the server (0.0.0.0 in a container, port 8000 by default), prints its log, and
/// stops on Ctrl+C/SIGTERM. Exit codes: 0 stopped, 2 bad arguments or configuration.
/// </summary>
public static class FakeLlmProgram
{
    public const int CouldNotRun = 2;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var result = VllmArguments.Parse(args, Environment(), new FakeLlmOptions { Port = 8000 });
        if (result.ShowHelp)
        {
            await output.WriteLineAsync(VllmArguments.Help);
            return 0;
        }

        foreach (var warning in result.Warnings)
        {
            await error.WriteLineAsync("warning: " + warning);
        }

        if (!result.Succeeded)
        {
            await error.WriteLineAsync("fake-llm: cannot start:");
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync("  " + problem);
            }

            await error.WriteLineAsync("Run fake-llm --help for the options.");
            return CouldNotRun;
        }

        FakeLlmServer server;
        try
        {
            server = await FakeLlmServer.StartAsync(result.Options, cancellationToken);
        }
        catch (FakeLlmConfigException ex)
        {
            await error.WriteLineAsync("fake-llm: cannot start: " + ex.Message);
            return CouldNotRun;
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"fake-llm: cannot listen on {result.Options.Host}:{result.Options.Port}: {ex.Message} Choose another --port.");
            return CouldNotRun;
        }

        await using (server)
        {
            foreach (var line in server.Log.Snapshot())
            {
                await output.WriteLineAsync(line);
            }

            var writer = TextWriter.Synchronized(output);
            server.Log.LineWritten += writer.WriteLine;
            try
            {
                await server.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            finally
            {
                server.Log.LineWritten -= writer.WriteLine;
            }
        }

        return 0;
    }

    private static Dictionary<string, string?> Environment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }
}
