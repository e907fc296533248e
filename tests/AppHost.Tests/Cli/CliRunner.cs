using System.Text;
using PlatformValidation.AppHost.Cli;

namespace PlatformValidation.AppHost.Tests.Cli;

/// <summary>Runs the CLI in-process (CommandCatalog.InvokeAsync) with standard output and error captured.</summary>
public static class CliRunner
{
    private static readonly SemaphoreSlim ConsoleLock = new(1, 1);

    public static async Task<CliResult> RunAsync(params string[] args)
    {
        await ConsoleLock.WaitAsync();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var stdout = new StringWriter(new StringBuilder());
        var stderr = new StringWriter(new StringBuilder());
        try
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            var exit = await CommandCatalog.InvokeAsync(args);
            return new CliResult(exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            ConsoleLock.Release();
        }
    }
}

/// <summary>What one CLI run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
