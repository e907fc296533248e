using System.Diagnostics;
using PlatformValidation.EndToEnd.Tests.Support;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// <c>smoke --gpu</c> with <c>PV_GPU_KUBECONFIG</c> pointing at a standalone simulated cluster that looks like the L4
/// cluster: a GPU node, the fake LLM standing in for the vLLM image, the platform and serving layers applied and the
/// model server synced at zero replicas. The smoke scales it up, calls it through a port-forward with and without the
/// key, and scales it back to zero, all over the kubeconfig, through the AppHost (GPU cluster, Argo CD and runner
/// resources). A second run with a wrong key fails its smoke and still leaves the model server at zero replicas; a third,
/// interrupted with Ctrl-C while the model server is up, scales it back to zero and exits with 130.
/// </summary>
[Category(TestCategories.Slow)]
// Alone: beside the other end-to-end runs on 2 cores, a separate sim-cluster process syncing by hand can take minutes.
[NonParallelizable]
[CancelAfter(600_000)]
public sealed class GpuSmokeOverSimKubeconfigTests
{
    [Test]
    public async Task TheGpuSmokePassesOverTheKubeconfigOfASimClusterWithAGpuNodeAndTheFakeLlm()
    {
        using var workspace = FixtureWorkspace.Create(null);
        var kubeconfig = Path.Combine(workspace.Root, "gpu-cluster.kubeconfig");
        await using var cluster = AppHostProcess.Start(workspace.Root, "sim-cluster", "--argocd", "--gpu-nodes", "1", "--pod-start-delay", "6", "--kubeconfig", kubeconfig,
            "--stand-in", "vllm/vllm-openai:*=fake-llm", "--repo", "https://github.com/example-org/ai-platform.git=" + workspace.RepoDirectory);
        await cluster.WaitForLineAsync("Simulated Argo CD running", TestTimeouts.Medium);

        var (applied, output) = await KubectlAsync(kubeconfig, "apply",
            "-f", workspace.RepoFile("clusters/ai-dev/projects/platform.yaml"),
            "-f", workspace.RepoFile("clusters/ai-dev/roots/platform.yaml"),
            "-f", workspace.RepoFile("clusters/ai-dev/roots/serving.yaml"));
        Assert.That(applied, Is.Zero, output);

        // raw-vllm is synced by hand (its cost gate keeps it at zero replicas until the smoke scales it up).
        await UntilAsync(async () => (await KubectlAsync(kubeconfig, "get", "application", "raw-vllm", "-n", "argocd")).Exit == 0, "the raw-vllm Application appears");
        await SyncByHandAsync(kubeconfig);
        await UntilAsync(
            async () =>
            {
                // A hand sync that ran before what it needs existed (its namespace, under load) failed for good, as in
                // Argo CD: sync again, as a person would.
                var (_, phase) = await KubectlAsync(kubeconfig, "get", "application", "raw-vllm", "-n", "argocd", "-o", "jsonpath={.status.operationState.phase}");
                if (phase.Trim() is "Failed" or "Error")
                {
                    await SyncByHandAsync(kubeconfig);
                }

                return (await KubectlAsync(kubeconfig, "get", "secret", "vllm-api-key", "-n", "llm")).Exit == 0 && (await KubectlAsync(kubeconfig, "get", "deployment", "raw-vllm", "-n", "llm")).Exit == 0;
            },
            "raw-vllm and its key are synced",
            async () => (await KubectlAsync(kubeconfig, "get", "application", "raw-vllm", "-n", "argocd", "-o", "jsonpath={.status.operationState}")).Output);
        var (_, encoded) = await KubectlAsync(kubeconfig, "get", "secret", "vllm-api-key", "-n", "llm", "-o", "jsonpath={.data.api-key}");
        var key = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Trim()));

        var env = new Dictionary<string, string> { ["PV_GPU_KUBECONFIG"] = kubeconfig, ["PV_GPU_API_KEY"] = key };
        var json = Path.Combine(workspace.Root, "smoke.json");
        await using (var smoke = AppHostProcess.StartWith(env, workspace.Root, "smoke", "--gpu", "--scenario", workspace.ScenarioFile, "--json", json))
        {
            var exit = await smoke.WaitForExitAsync(TestTimeouts.Long);
            Assert.Multiple(() =>
            {
                Assert.That(exit, Is.EqualTo(0), smoke.Output);
                Assert.That(smoke.Stdout, Does.Contain("Substrate kubeconfig ready; dashboard and /metrics at http://127.0.0.1:"), "it runs through the AppHost");
                Assert.That(smoke.Stdout, Does.Contain("3 passed, 0 failed"));
                Assert.That(smoke.Output, Does.Not.Contain(key), "the key is never printed");
                Assert.That(Outcomes(json), Does.Contain("gpu-released Passed").And.Contain("smoke Passed"));
            });
        }

        Assert.That(await ReplicasAsync(kubeconfig), Is.EqualTo("0"));

        // On failure too: with a wrong key the smoke fails after the scale-up, and the model server is still scaled back to zero.
        // The scenario's smoke timeout (1m) shortened, so the refused request fails fast.
        var shortSmoke = Path.Combine(Path.GetDirectoryName(workspace.ScenarioFile)!, "short-smoke.yaml");
        var text = await File.ReadAllTextAsync(workspace.ScenarioFile);
        Assert.That(text, Does.Contain("smoke: 1m"));
        await File.WriteAllTextAsync(shortSmoke, text.Replace("smoke: 1m", "smoke: 5s", StringComparison.Ordinal));
        var wrong = new Dictionary<string, string> { ["PV_GPU_KUBECONFIG"] = kubeconfig, ["PV_GPU_API_KEY"] = "sk-wrong-key-for-the-failure-path" };
        await using (var failing = AppHostProcess.StartWith(wrong, workspace.Root, "smoke", "--gpu", "--scenario", shortSmoke, "--json", json))
        {
            var exit = await failing.WaitForExitAsync(TestTimeouts.Long);
            Assert.Multiple(() =>
            {
                Assert.That(exit, Is.EqualTo(1), failing.Output);
                Assert.That(failing.Stdout, Does.Contain("Substrate kubeconfig ready"));
                Assert.That(Outcomes(json), Does.Contain("gpu-released Passed").And.Contain("smoke Failed"));
            });
        }

        Assert.That(await ReplicasAsync(kubeconfig), Is.EqualTo("0"), "scaled back to zero after the failed smoke");

        // Ctrl-C while the model server is up (its pod takes 6 s to become Ready here): the smoke scales it back to zero,
        // tears down and exits with 130.
        await using (var interrupted = AppHostProcess.StartWith(env, workspace.Root, "smoke", "--gpu", "--scenario", workspace.ScenarioFile))
        {
            await UntilAsync(async () => await ReplicasAsync(kubeconfig) == "1", "the smoke scales raw-vllm up");
            await interrupted.SignalAsync("INT");
            var exit = await interrupted.WaitForExitAsync(TestTimeouts.Scale(TimeSpan.FromSeconds(60)));
            Assert.That(exit, Is.EqualTo(130), interrupted.Output);
        }

        Assert.That(await ReplicasAsync(kubeconfig), Is.EqualTo("0"), "scaled back to zero after Ctrl-C");
    }

    /// <summary>Each check of the JSON report as <c>check Outcome</c>.</summary>
    private static IReadOnlyList<string> Outcomes(string json) =>
        [.. System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!["checks"]!.AsArray().Select(c => $"{c!["check"]} {c["outcome"]}")];

    private static async Task<string> ReplicasAsync(string kubeconfig)
    {
        var (exit, output) = await KubectlAsync(kubeconfig, "get", "deployment", "raw-vllm", "-n", "llm", "-o", "jsonpath={.spec.replicas}");
        Assert.That(exit, Is.Zero, output);
        return output.Trim();
    }

    private static async Task SyncByHandAsync(string kubeconfig)
    {
        var (patched, output) = await KubectlAsync(kubeconfig, "patch", "application", "raw-vllm", "-n", "argocd", "--type", "merge", "-p", """{"operation":{"initiatedBy":{"username":"test"},"sync":{}}}""");
        Assert.That(patched, Is.Zero, output);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<Task<string>>? state = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TestTimeouts.Long)
            {
                Assert.Fail($"timed out waiting until {what}{(state is null ? string.Empty : "; last state: " + await state())}");
            }

            await Task.Delay(500);
        }
    }

    private static async Task<(int Exit, string Output)> KubectlAsync(string kubeconfig, params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(kubeconfig);
        psi.ArgumentList.Add("--request-timeout=20s");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = p.StandardOutput.ReadToEndAsync(cts.Token);
        var error = p.StandardError.ReadToEndAsync(cts.Token);
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await output + await error);
    }
}
