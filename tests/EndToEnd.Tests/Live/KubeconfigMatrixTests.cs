using System.Text.Json.Nodes;
using PlatformValidation.EndToEnd.Tests.Support;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// The kubeconfig substrate end to end, as a team with a cluster runs it: a standalone <c>sim-cluster --argocd</c>
/// process stands in for the team's cluster (its Argo CD reads the sample repo, its GPU node and the fake LLM stand-in
/// for the model server image make it look like the L4 cluster), and <c>matrix --substrate kubeconfig</c> then
/// <c>reproduce</c> reach it only through the kubeconfig file: apply, health, port-forwarded smoke and teardown all go
/// over the wire.
/// </summary>
[Category(TestCategories.Slow)]
[Parallelizable]
[Order(1)]
[CancelAfter(600_000)]
public sealed class KubeconfigMatrixTests
{
    private const string RepoUrl = "https://github.com/example-org/ai-platform.git";

    [Test]
    public async Task MatrixAndReproduceRunOverTheKubeconfigOfASeparateSimCluster()
    {
        using var workspace = FixtureWorkspace.Create(null);
        var kubeconfig = Path.Combine(workspace.Root, "team-cluster.kubeconfig");
        await using var cluster = AppHostProcess.Start(workspace.Root, "sim-cluster", "--argocd", "--gpu-nodes", "1", "--kubeconfig", kubeconfig,
            "--stand-in", "vllm/vllm-openai:*=fake-llm", "--stand-in", "ghcr.io/llm-d/llm-d-inference-sim:*=fake-llm",
            "--repo", RepoUrl + "=" + workspace.RepoDirectory);
        await cluster.WaitForLineAsync("Simulated Argo CD running", TestTimeouts.Medium);

        var json = Path.Combine(workspace.Root, "report.json");
        await using (var matrix = AppHostProcess.Start(workspace.Root, "matrix", "--scenario", workspace.ScenarioFile, "--substrate", "kubeconfig", "--kubeconfig", kubeconfig, "--json", json))
        {
            var exit = await matrix.WaitForExitAsync(TestTimeouts.Long);
            Assert.That(exit, Is.EqualTo(0), "matrix over the kubeconfig passes:\n" + matrix.Output);
        }

        var report = JsonNode.Parse(await File.ReadAllTextAsync(json))!.AsObject();
        var checks = report["checks"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report["substrate"]?.ToString(), Does.Contain("kubeconfig"));
            Assert.That(checks.Where(c => c["outcome"]!.GetValue<string>() == "Failed").Select(c => $"{c["suite"]}/{c["check"]}: {c["message"]}"), Is.Empty);
            Assert.That(checks.Where(c => c["check"]!.GetValue<string>() == "smoke").Select(c => c["outcome"]!.GetValue<string>()), Is.Not.Empty.And.All.EqualTo("Passed"), "the model server image is backed by the fake LLM stand-in");
            var toggle = checks.Where(c => c["suite"]!.GetValue<string>() == "group-toggle").ToList();
            Assert.That(toggle.Select(c => c["outcome"]!.GetValue<string>()), Is.Not.Empty.And.All.EqualTo("Skipped"));
            Assert.That(toggle.Select(c => c["message"]!.GetValue<string>()), Has.All.Contains("real remote"), "the skip says why");
        });

        // reproduce over the same kubeconfig: brings the cluster to a profile and writes the bundle, then leaves it.
        var bundle = Path.Combine(workspace.Root, "bundle");
        await using (var reproduce = AppHostProcess.Start(workspace.Root, "reproduce", "--profile", "serving", "--scenario", workspace.ScenarioFile, "--substrate", "kubeconfig", "--kubeconfig", kubeconfig, "--bundle", bundle, "--no-wait"))
        {
            var exit = await reproduce.WaitForExitAsync(TestTimeouts.Long);
            Assert.That(exit, Is.EqualTo(0), "reproduce over the kubeconfig finds every app healthy:\n" + reproduce.Output);
        }

        await cluster.SignalAsync("INT");
        Assert.That(await cluster.WaitForExitAsync(TestTimeouts.Medium), Is.EqualTo(0), cluster.Output);
    }
}
