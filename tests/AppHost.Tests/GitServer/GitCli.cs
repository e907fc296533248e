using System.Diagnostics;

namespace PlatformValidation.AppHost.Tests.GitServer;

/// <summary>Runs the <c>git</c> CLI with a timeout, no prompts and no user or system config.</summary>
internal static class GitCli
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(string directory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = p.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = p.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("git " + string.Join(' ', args) + " did not finish within 60 s");
        }

        var err = await error;
        await TestContext.Out.WriteLineAsync($"git {string.Join(' ', args)} → {p.ExitCode}\n{err}");
        return (p.ExitCode, (await output).Trim(), err);
    }
}
