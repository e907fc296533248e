using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using PlatformValidation.EndToEnd.Tests.Support;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// <c>reproduce --profile P</c> as a developer runs it: the built AppHost brings the sim cluster to the profile, keeps
/// it running for kubectl, writes the failing app's diagnostics bundle, and goes away cleanly on Ctrl-C.
/// </summary>
[Category(TestCategories.Slow)]
[Parallelizable]
[CancelAfter(120_000)]
public sealed class ReproduceCliTests
{
    [Test]
    public async Task ReproduceKeepsTheClusterForKubectlWritesTheFailingAppsBundleAndStopsOnCtrlC()
    {
        // gpu-auto-sync: coder-chat (auto-sync) wants a GPU it cannot get, so its Deployment stays Progressing. A Service
        // in a later sync wave makes the failure visible in Git-vs-live too: the sync waits for the Deployment forever,
        // so the Service is never applied.
        using var workspace = FixtureWorkspace.Create("gpu-auto-sync");
        File.WriteAllText(workspace.RepoFile("serving/coder-chat/service.yaml"), """
            apiVersion: v1
            kind: Service
            metadata:
              name: coder-chat
              annotations:
                argocd.argoproj.io/sync-wave: "1"
            spec:
              selector:
                app.kubernetes.io/name: coder-chat
              ports:
                - {name: http, port: 8000, targetPort: 8000}
            """);
        ScenarioFileEditor.Edit(workspace.ScenarioFile, new Dictionary<string, string> { ["healthy"] = "8s", ["probe"] = "5s" });
        var bundle = Path.Combine(workspace.Root, "bundle");
        await using var apphost = AppHostProcess.Start(workspace.Root, "reproduce", "--profile", "serving", "--scenario", workspace.ScenarioFile, "--bundle", bundle);

        var kubeconfig = (await apphost.WaitForLineAsync("export KUBECONFIG=", TestTimeouts.Medium)).Split('=', 2)[1].Trim();
        var dashboard = new Uri((await apphost.WaitForLineAsync("Run view: ", TestTimeouts.Short)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
        await apphost.WaitForLineAsync("press Ctrl-C", TestTimeouts.Short);

        // The cluster is still there for kubectl.
        var (kubectlExit, applications) = await KubectlAsync("--kubeconfig", kubeconfig, "get", "applications", "-n", "argocd");
        Assert.That(kubectlExit, Is.Zero, applications);
        Assert.That(applications, Does.Contain("coder-chat").And.Contain("root-serving"));

        // The bundle of the failing app has every part a developer needs.
        var file = Path.Combine(bundle, "coder-chat.json");
        Assert.That(File.Exists(file), Is.True, $"no bundle for coder-chat in {bundle}:\n{apphost.Output}");
        var d = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(d["healthStatus"]?.GetValue<string>(), Is.EqualTo("Progressing"));
            Assert.That(d["operationMessage"]?.GetValue<string>(), Does.Contain("coder-chat"), "the operation message says what the sync waits for");
            Assert.That(d["conditions"], Is.InstanceOf<JsonArray>());
            Assert.That(Strings(d["resources"], "resource"), Has.Some.Contains("Deployment llm/coder-chat"), "resource health lists the Deployment");
            Assert.That(Strings(d["events"], null), Has.Some.Contains("nvidia.com/gpu"), "the scheduler's event says why the pod is not placed");
            Assert.That(Strings(d["podLogs"], "pod"), Has.Some.StartsWith("llm/coder-chat-"), "the pending pod has a log entry");
            Assert.That(Strings(d["diffs"], "resource"), Has.Some.Contains("Service llm/coder-chat"), "the live-vs-desired diff shows the Service never applied");
        });

        // Ctrl-C tears it all down.
        await apphost.SignalAsync("INT");
        var exit = await apphost.WaitForExitAsync(TestTimeouts.Scale(TimeSpan.FromSeconds(30)));
        Assert.That(exit, Is.Not.Null, $"reproduce did not exit within 30 s of SIGINT:\n{apphost.Output}");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), "the reproduction found a failing app: exit code 1 (checks failed)\n" + apphost.Output);
            Assert.That(apphost.Stdout, Does.Contain("Stopped"));
            Assert.That(File.Exists(kubeconfig), Is.False, "the kubeconfig of the gone cluster is removed with the scratch directory");
            Assert.That(File.Exists(file), Is.True, "the diagnostics bundle stays");
            Assert.That(apphost.LeftoverProcesses(), Is.Empty);
            Assert.That(Directory.EnumerateFileSystemEntries(apphost.TempDirectory), Is.Empty);
        });
        using var tcp = new TcpClient();
        Assert.CatchAsync<SocketException>(() => tcp.ConnectAsync(dashboard.Host, dashboard.Port), "the dashboard's port is released");
    }

    private static IEnumerable<string> Strings(JsonNode? array, string? field) =>
        (array as JsonArray ?? []).Select(n => (field is null ? n : n?[field])?.GetValue<string>() ?? string.Empty);

    private static async Task<(int Exit, string Output)> KubectlAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process kubectl;
        try
        {
            kubectl = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("kubectl is not on PATH: install kubectl (v1.32) to check that reproduce's cluster answers kubectl.");
            throw;
        }

        using var _ = kubectl;
        var stdout = kubectl.StandardOutput.ReadToEndAsync();
        var stderr = kubectl.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TestTimeouts.Short);
        await kubectl.WaitForExitAsync(cts.Token);
        return (kubectl.ExitCode, await stdout + await stderr);
    }
}
