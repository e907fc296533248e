using System.Diagnostics;
using System.Text;

namespace PlatformValidation.Fakes.Cluster.Tests.Support;

/// <summary>Runs the real kubectl against a simulated cluster's kubeconfig, with a timeout on every call.</summary>
public sealed class Kubectl
{
    private readonly string kubeconfig;
    private readonly string cacheDir;

    public Kubectl(string kubeconfig)
    {
        this.kubeconfig = kubeconfig;
        cacheDir = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
    }

    public static string? Path { get; } = FindOnPath("kubectl");

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public Task<Result> RunAsync(params string[] args) => RunAsync(args, null, TestTimeouts.Medium);

    public async Task<Result> RunAsync(string[] args, string? stdin, TimeSpan timeout, Func<string, bool>? stopWhen = null)
    {
        var psi = new ProcessStartInfo(Path ?? "kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.Add("--cache-dir=" + cacheDir);
        psi.Environment["KUBECONFIG"] = kubeconfig;
        using var process = Process.Start(psi)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var stopped = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stdout)
            {
                stdout.AppendLine(e.Data);
                if (stopWhen?.Invoke(stdout.ToString()) == true)
                {
                    stopped.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(TestTimeouts.Scale(timeout));
        var exited = process.WaitForExitAsync(cts.Token);
        var first = await Task.WhenAny(exited, stopped.Task, Task.Delay(Timeout.Infinite, cts.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            if (first != stopped.Task)
            {
                Assert.Fail($"kubectl {string.Join(' ', args)} did not finish within {timeout}:\n{stdout}\n{stderr}");
            }
        }

        process.WaitForExit();
        lock (stdout)
        {
            return new Result(process.HasExited && first != stopped.Task ? process.ExitCode : 0, stdout.ToString(), stderr.ToString());
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator)
            .Select(dir => System.IO.Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
