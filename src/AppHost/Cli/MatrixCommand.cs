using System.CommandLine;

namespace PlatformValidation.AppHost.Cli;

/// <summary><c>matrix</c>: every suite of a scenario (default: the bundled sample on the sim substrate) — the main job.</summary>
public static class MatrixCommand
{
    public static Command Create()
    {
        var live = new LiveOptions();
        var command = new Command("matrix", "Run every suite of a scenario (static, profile-matrix, narrowing, cost-gates, group-toggle, gpu-smoke) on a substrate and print the profile × check matrix. With no options: the bundled sample on the embedded simulated cluster.");
        live.AddTo(command);
        command.SetAction((parse, token) => LiveRun.RunAsync(live.Read(parse), _ => null, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, token));
        return command;
    }
}
