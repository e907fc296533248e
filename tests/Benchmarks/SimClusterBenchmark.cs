using System.Diagnostics;
using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;
using PlatformValidation.Fakes.Cluster.Hosting;

namespace PlatformValidation.Benchmarks;

/// <summary>
/// sim-cluster figures: (1) creates per second through KubernetesClient (sequential and 8 concurrent writers) up to
/// 10,000 ConfigMaps; (2) list latency with 10,000 objects stored (all, one namespace, label-selected, a 500-item
/// page; median of --runs); (3) managed memory and working set with 10,000 objects; (4) time for a 200-resource
/// application (100 Deployments + 100 Services) to become Available, applied by KubernetesClient and by
/// <c>kubectl apply -f DIR</c> (when kubectl is on PATH). Options: --objects N (10000), --runs N (5).
/// </summary>
internal static class SimClusterBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var objects = Option(args, "--objects", 10_000);
        var runs = Option(args, "--runs", 5);
        Console.WriteLine($"sim-cluster benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {objects} objects, {runs} runs per list figure");
        await StoreAsync(objects, runs);
        await ApplyAsync(viaKubectl: false);
        if (FindOnPath("kubectl") is not null)
        {
            await ApplyAsync(viaKubectl: true);
        }
        else
        {
            Console.WriteLine("kubectl apply: skipped (kubectl is not on PATH)");
        }

        return 0;
    }

    private static async Task StoreAsync(int objects, int runs)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { EnableControllers = false, WatchHistory = 1000 });
        using var client = cluster.CreateClient();
        var namespaces = Enumerable.Range(0, 10).Select(i => $"bench-{i}").ToList();
        foreach (var ns in namespaces)
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }

        V1ConfigMap Map(int i) => new()
        {
            Metadata = new V1ObjectMeta { Name = $"cm-{i:D6}", Labels = new Dictionary<string, string> { ["app"] = $"app-{i % 100}", ["tier"] = i % 2 == 0 ? "web" : "db" } },
            Data = new Dictionary<string, string> { ["config.yaml"] = new string('x', 256), ["index"] = i.ToString(CultureInfo.InvariantCulture) },
        };

        var sequential = Math.Min(1000, objects / 5);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < sequential; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(Map(i), namespaces[i % namespaces.Count]);
        }

        Console.WriteLine($"creates/s, 1 writer:  {sequential / sw.Elapsed.TotalSeconds:F0} ({sequential} ConfigMaps in {sw.Elapsed.TotalSeconds:F2} s)");
        sw.Restart();
        var next = sequential;
        var writers = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next) - 1;
                if (i >= objects)
                {
                    return;
                }

                await client.CoreV1.CreateNamespacedConfigMapAsync(Map(i), namespaces[i % namespaces.Count]);
            }
        });
        await Task.WhenAll(writers);
        Console.WriteLine($"creates/s, 8 writers: {(objects - sequential) / sw.Elapsed.TotalSeconds:F0} ({objects - sequential} ConfigMaps in {sw.Elapsed.TotalSeconds:F2} s)");

        await Median("list all (10k across namespaces)", runs, async () => (await client.CoreV1.ListConfigMapForAllNamespacesAsync()).Items.Count);
        await Median("list one namespace (1k)", runs, async () => (await client.CoreV1.ListNamespacedConfigMapAsync("bench-3")).Items.Count);
        await Median("list label-selected (app=app-7, 100)", runs, async () => (await client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: "app=app-7")).Items.Count);
        await Median("list page (limit=500)", runs, async () => (await client.CoreV1.ListConfigMapForAllNamespacesAsync(limit: 500)).Items.Count);
        await Median("get one", runs * 20, async () => (await client.CoreV1.ReadNamespacedConfigMapAsync("cm-000123", "bench-3")).Data.Count);

        var after = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"memory with {objects} objects: managed +{(after - before) / 1048576.0:F1} MiB (whole process incl. client: {after / 1048576.0:F1} MiB managed, {process.WorkingSet64 / 1048576.0:F1} MiB working set)");
    }

    private static async Task Median(string what, int runs, Func<Task<int>> list)
    {
        var count = await list();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await list();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{what}: median {times[times.Count / 2]:F1} ms over {runs} runs ({count} items)");
    }

    private static async Task ApplyAsync(bool viaKubectl)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { PodStartDelay = TimeSpan.FromMilliseconds(500), Nodes = [SimulatedNodeOptions.DefaultCpuNode() with { Pods = 300 }] });
        using var client = cluster.CreateClient();
        const string ns = "apply-bench";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var sw = Stopwatch.StartNew();
        if (viaKubectl)
        {
            var dir = Directory.CreateTempSubdirectory("sim-apply-").FullName;
            try
            {
                for (var i = 0; i < 100; i++)
                {
                    await File.WriteAllTextAsync(Path.Combine(dir, $"app-{i:D3}.yaml"), Manifest(i));
                }

                sw.Restart();
                var psi = new ProcessStartInfo("kubectl", ["apply", "-n", ns, "-f", dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
                psi.Environment["KUBECONFIG"] = cluster.KubeconfigPath;
                using var p = Process.Start(psi)!;
                var stderr = p.StandardError.ReadToEndAsync();
                await p.StandardOutput.ReadToEndAsync();
                await p.WaitForExitAsync();
                if (p.ExitCode != 0)
                {
                    Console.WriteLine("kubectl apply failed: " + await stderr);
                    return;
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        else
        {
            var tasks = Enumerable.Range(0, 100).Select(async i =>
            {
                await client.AppsV1.CreateNamespacedDeploymentAsync(KubernetesYaml.Deserialize<V1Deployment>(Manifest(i).Split("---")[0]), ns);
                await client.CoreV1.CreateNamespacedServiceAsync(KubernetesYaml.Deserialize<V1Service>(Manifest(i).Split("---")[1]), ns);
            });
            await Task.WhenAll(tasks);
        }

        var applied = sw.Elapsed;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var list = await client.AppsV1.ListNamespacedDeploymentAsync(ns);
            if (list.Items.Count == 100 && list.Items.All(d => d.Status?.Conditions?.Any(c => c.Type == "Available" && c.Status == "True") == true && d.Status.AvailableReplicas == 2))
            {
                break;
            }

            await Task.Delay(100);
        }

        Console.WriteLine($"200-resource apply via {(viaKubectl ? "kubectl apply -f DIR" : "KubernetesClient (parallel creates)")}: applied in {applied.TotalSeconds:F2} s, all 100 Deployments Available (2/2) after {sw.Elapsed.TotalSeconds:F2} s (pod start delay 0.5 s)");
    }

    private static string Manifest(int i) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {"{"}name: app-{i:D3}, labels: {"{"}app: app-{i:D3}{"}"}{"}"}
        spec:
          replicas: 2
          selector: {"{"}matchLabels: {"{"}app: app-{i:D3}{"}"}{"}"}
          template:
            metadata: {"{"}labels: {"{"}app: app-{i:D3}{"}"}{"}"}
            spec:
              containers:
              - name: main
                image: example.com/app:{i % 7}
                ports: [{"{"}containerPort: 8080{"}"}]
                resources: {"{"}requests: {"{"}cpu: 10m, memory: 16Mi{"}"}{"}"}
        ---
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: app-{i:D3}{"}"}
        spec:
          selector: {"{"}app: app-{i:D3}{"}"}
          ports: [{"{"}port: 80, targetPort: 8080{"}"}]
        """;

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    internal static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
