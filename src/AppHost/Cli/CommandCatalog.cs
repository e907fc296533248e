using System.CommandLine;

namespace PlatformValidation.AppHost.Cli;

/// <summary>Builds the root command from every subcommand and runs it.</summary>
public static class CommandCatalog
{
    /// <summary>Exit code: every check passed.</summary>
    public const int Passed = 0;

    /// <summary>Exit code: checks ran and at least one failed.</summary>
    public const int ChecksFailed = 1;

    /// <summary>Exit code: the harness could not run (bad input, missing prerequisite).</summary>
    public const int CouldNotRun = 2;

    /// <summary>Exit codes of a live run stopped by a signal, after its teardown: 128 + the signal number (130 SIGINT, 143 SIGTERM).</summary>
    public const int SignalExitBase = 128;


    public static RootCommand Build()
    {
        var root = new RootCommand("PlatformValidation: static and live validation of Argo CD GitOps platforms.");
        // One line per subcommand; keep this list in the order the README presents them.
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(MatrixCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(SmokeCommand.Create());
        root.Subcommands.Add(ScenarioInitCommand.Create());
        root.Subcommands.Add(FakeLlmCommand.Create());
        root.Subcommands.Add(SimClusterCommand.Create());
        root.Subcommands.Add(GitHttpServerCommand.Create());
        root.Subcommands.Add(ConformanceCommand.Create());
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run with --help to see the usage.");
            return CouldNotRun;
        }

        // Signals cancel the action's token through TerminationSignals, which lets the teardown finish. System.CommandLine's
        // own handling is off: it would end the process 2 s after Ctrl-C, in the middle of a teardown (workloads still
        // scaled up, temp dirs left), and it blocks the signal thread meanwhile.
        using var signals = new TerminationSignals(CancellationToken.None, Console.Error);
        TerminationSignals.Current = signals;
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, signals.Token);
        }
        finally
        {
            TerminationSignals.Current = null;
        }
    }
}
