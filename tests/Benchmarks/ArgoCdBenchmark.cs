using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using LibGit2Sharp;
using PlatformValidation.Fakes.ArgoCd.Hosting;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Validators.Loading;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Benchmarks;

/// <summary>
/// Simulated Argo CD figures: (1) time for the bundled sample's <c>full</c> profile to converge (every automated app
/// Synced+Healthy); (2) convergence time of N generated automated Applications (default 500, one ConfigMap each);
/// (3) process CPU and Argo CD API requests while idle with those N Applications (cluster in the same process).
/// Options: --apps N (500), --idle-seconds S (30), --skip-sample.
/// </summary>
internal static class ArgoCdBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var apps = Option(args, "--apps", 500);
        var idleSeconds = Option(args, "--idle-seconds", 30);
        Console.WriteLine($"argocd benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        if (!args.Contains("--skip-sample"))
        {
            await SampleFullAsync();
        }

        await ManyAppsAsync(apps, idleSeconds);
        return 0;
    }

    private static async Task SampleFullAsync()
    {
        var root = FindUp("scenarios/sample.yaml");
        if (root is null)
        {
            Console.WriteLine("sample full profile: skipped (scenarios/sample.yaml not found; run from the repository)");
            return;
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(await File.ReadAllTextAsync(Path.Combine(root, "scenarios/sample.yaml"))));
        var scenario = (YamlMappingNode)stream.Documents[0].RootNode;
        var url = ((YamlSequenceNode)scenario["repo"]["urls"]).Children[0].ToString();
        var repoDir = Path.Combine(Path.GetTempPath(), "pv-bench-sample-" + Guid.NewGuid().ToString("N"));
        CopyDir(Path.Combine(root, "scenarios", scenario["repo"]["path"].ToString()), repoDir);
        Repository.Init(repoDir);
        using (var repo = new Repository(repoDir))
        {
            Commands.Stage(repo, "*");
            var sig = new Signature("bench", "bench@example.invalid", DateTimeOffset.UtcNow);
            repo.Commit("sample", sig, sig);
            Commands.Checkout(repo, repo.Branches[scenario["repo"]["revision"].ToString()] ?? repo.CreateBranch(scenario["repo"]["revision"].ToString()));
        }

        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { GpuNodes = 1, PodStartDelay = TimeSpan.FromMilliseconds(200) });
        using var client = cluster.CreateClient();
        await using var argo = await SimulatedArgoCd.StartAsync(client, new ArgoCdOptions { Repositories = new Dictionary<string, string> { [url] = repoDir } });
        var manifests = ((YamlSequenceNode)scenario["alwaysApply"]).Select(n => n.ToString()).ToList();
        var layers = ((YamlSequenceNode)scenario["layers"]).OfType<YamlMappingNode>().ToDictionary(l => l["name"].ToString());
        foreach (var layer in (YamlSequenceNode)scenario["profiles"]["full"])
        {
            manifests.AddRange(((YamlSequenceNode)layers[layer.ToString()]["manifests"]).Select(n => n.ToString()));
        }

        var sw = Stopwatch.StartNew();
        foreach (var m in manifests)
        {
            foreach (var obj in new ManifestLoader().LoadText(await File.ReadAllTextAsync(Path.Combine(repoDir, m)), m).Objects)
            {
                await CreateAsync(client, (JsonObject)obj.Body.DeepClone());
            }
        }

        var (converged, total, stuck) = await WaitAsync(client, TimeSpan.FromMinutes(5));
        Console.WriteLine(converged
            ? $"sample full profile: {total} Applications, all automated apps Synced+Healthy in {sw.Elapsed.TotalSeconds:F1} s"
            : $"sample full profile: NOT converged after {sw.Elapsed.TotalSeconds:F0} s; {stuck.Count} of {total} automated apps pending: {string.Join(", ", stuck)}");
        TryDelete(repoDir);
    }

    private static async Task ManyAppsAsync(int count, int idleSeconds)
    {
        var repoDir = Path.Combine(Path.GetTempPath(), "pv-bench-apps-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(repoDir, "app"));
        await File.WriteAllTextAsync(Path.Combine(repoDir, "app", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  a: '1'\n");
        const string url = "https://git.example.com/bench.git";
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions());
        using var client = cluster.CreateClient();
        await using var argo = await SimulatedArgoCd.StartAsync(client, new ArgoCdOptions { Repositories = new Dictionary<string, string> { [url] = repoDir } });
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var app = new JsonObject
            {
                ["apiVersion"] = "argoproj.io/v1alpha1",
                ["kind"] = "Application",
                ["metadata"] = new JsonObject { ["name"] = $"app-{i}", ["namespace"] = "argocd" },
                ["spec"] = new JsonObject
                {
                    ["project"] = "default",
                    ["source"] = new JsonObject { ["repoURL"] = url, ["path"] = "app" },
                    ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = $"ns-{i}" },
                    ["syncPolicy"] = JsonNode.Parse("{\"automated\":{\"prune\":true,\"selfHeal\":true},\"syncOptions\":[\"CreateNamespace=true\"]}"),
                },
            };
            await CreateAsync(client, app);
        }

        var created = sw.Elapsed;
        var (converged, total, stuck) = await WaitAsync(client, TimeSpan.FromMinutes(10));
        Console.WriteLine(converged
            ? $"{count} Applications: created in {created.TotalSeconds:F1} s, all Synced+Healthy after {sw.Elapsed.TotalSeconds:F1} s"
            : $"{count} Applications: NOT converged after {sw.Elapsed.TotalSeconds:F0} s ({stuck.Count} of {total} pending)");

        await argo.WaitForQuiescenceAsync(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(2));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var requestsBefore = argo.ApiRequestCount;
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle with {count} Applications for {wall.Elapsed.TotalSeconds:F0} s: process CPU {cpu.TotalSeconds:F2} s ({100 * cpu.TotalSeconds / wall.Elapsed.TotalSeconds:F1} % of one core, cluster included), Argo CD API requests {argo.ApiRequestCount - requestsBefore}"));
        TryDelete(repoDir);
    }

    private static async Task CreateAsync(IKubernetes client, JsonObject obj)
    {
        var plural = obj["kind"]!.GetValue<string>() switch
        {
            "Application" => "applications",
            "ApplicationSet" => "applicationsets",
            _ => "appprojects",
        };
        var ns = obj["metadata"]!["namespace"]?.GetValue<string>() ?? "argocd";
        try
        {
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(JsonSerializer.Deserialize<JsonElement>(obj.ToJsonString()), "argoproj.io", "v1alpha1", ns, plural);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Already applied by an earlier layer.
        }
    }

    private static async Task<(bool Converged, int Total, List<string> Stuck)> WaitAsync(IKubernetes client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<string> stuck = [];
        var total = 0;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            var list = JsonNode.Parse(JsonSerializer.Serialize(await client.CustomObjects.ListNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", "argocd", "applications")))!["items"]!.AsArray().OfType<JsonObject>().ToList();
            total = list.Count;
            stuck = list.Where(a => a["spec"]?["syncPolicy"]?["automated"] is not null &&
                    !(a["status"]?["sync"]?["status"]?.GetValue<string>() == "Synced" && a["status"]?["health"]?["status"]?.GetValue<string>() == "Healthy" && a["operation"] is null))
                .Select(a => a["metadata"]!["name"]!.GetValue<string>()).ToList();
            if (total > 0 && stuck.Count == 0)
            {
                return (true, total, stuck);
            }
        }

        return (false, total, stuck);
    }

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, relative)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static void CopyDir(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
