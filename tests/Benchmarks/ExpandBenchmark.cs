using System.Diagnostics;
using System.Globalization;
using System.Text;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Benchmarks;

/// <summary>
/// <c>expand</c>: the engine alone (loading, Argo model, ApplicationSet generation, rendering, profile expansion),
/// in process, on generated layered repos of N and 2N apps (about 10 resources each; every 50th app through
/// kustomize unless --kustomize-every says otherwise, 0 = none; one layer through a git-files ApplicationSet). Fresh expander per run (cold caches), median of runs.
/// Target: the engine's share of <c>validate</c> — 1,000 apps well under 5 s, 2N ≤ 2.2 × N.
/// </summary>
internal static class ExpandBenchmark
{
    private const string Url = "https://git.example.org/bench/platform.git";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Option(args, "--runs", 5);
        var apps = Option(args, "--apps", 1000);
        var kustomizeEvery = Option(args, "--kustomize-every", 50);
        var work = Path.Combine(Path.GetTempPath(), "pv-bench-expand");
        Console.WriteLine($"expand benchmark: {Environment.ProcessorCount} CPU(s), {Environment.OSVersion}, .NET {Environment.Version}; median of {runs} runs after 1 warm-up");
        Console.WriteLine($"{"apps",6} {"reached",8} {"resources",10} {"median ms",10} {"min",7} {"max",7}");
        var medians = new List<double>();
        foreach (var n in new[] { apps, apps * 2 })
        {
            var root = Path.Combine(work, $"repo-{n}-k{kustomizeEvery}");
            Generate(root, n, kustomizeEvery);
            var tree = RepoTree.Open(root);
            var profile = new ProfileDefinition("all", Enumerable.Range(1, 5).Select(l => new LayerDefinition($"layer{l}", [$"roots/layer{l}.yaml"])).ToList()) { CommonManifests = ["project.yaml"] };
            var times = new List<double>();
            ExpandedProfile? last = null;
            for (var i = 0; i <= runs; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                using (var expander = new ProfileExpander(tree, StaticRepoResolver.For(tree, [Url])))
                {
                    last = await expander.ExpandAsync(profile);
                }

                if (i > 0)
                {
                    times.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            var median = times[times.Count / 2];
            medians.Add(median);
            Console.WriteLine($"{n,6} {last!.Apps.Count,8} {last.Apps.Sum(a => a.Resources.Count),10} {median,10:F0} {times[0],7:F0} {times[^1],7:F0}  findings: {last.Findings.Count}");
        }

        Console.WriteLine($"growth 2N/N: {medians[1] / medians[0]:F2} (target ≤ 2.2)");
        return 0;
    }

    /// <summary>Writes a layered platform repo: AppProject, five app-of-apps roots, the fifth layer an ApplicationSet over catalog files.</summary>
    private static void Generate(string root, int apps, int kustomizeEvery)
    {
        if (File.Exists(Path.Combine(root, ".complete")))
        {
            return;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Write(root, "project.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: bench, namespace: argocd}\nspec:\n  sourceRepos: ['*']\n  destinations: [{server: '*', namespace: '*'}]\n  clusterResourceWhitelist: [{group: '*', kind: '*'}]\n");
        for (var layer = 1; layer <= 4; layer++)
        {
            Write(root, $"roots/layer{layer}.yaml", Application($"layer{layer}-root", $"apps/layer{layer}", "argocd", "directory: {recurse: true}"));
        }

        Write(root, "roots/layer5.yaml", $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: layer5, namespace: argocd}
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              generators:
              - git:
                  repoURL: {{{Url}}}
                  revision: HEAD
                  files: [{path: "catalog/layer5/*.yaml"}]
              template:
                metadata: {name: '{{.name}}'}
                spec:
                  project: bench
                  source: {repoURL: {{{Url}}}, path: 'workloads/{{.name}}'}
                  destination: {server: https://kubernetes.default.svc, namespace: '{{.name}}'}
                  syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}
            """);
        for (var i = 0; i < apps; i++)
        {
            var name = $"app-{i:D5}";
            var layer = 1 + (i * 5 / apps);
            if (layer == 5)
            {
                Write(root, $"catalog/layer5/{name}.yaml", $"name: {name}\n");
            }
            else
            {
                Write(root, $"apps/layer{layer}/{name}.yaml", Application(name, $"workloads/{name}", name, string.Empty));
            }

            if (kustomizeEvery > 0 && i % kustomizeEvery == kustomizeEvery - 1)
            {
                Write(root, $"workloads/{name}/base/resources.yaml", Resources(name));
                Write(root, $"workloads/{name}/base/kustomization.yaml", "resources: [resources.yaml]\n");
                Write(root, $"workloads/{name}/kustomization.yaml", $"resources: [base]\ncommonLabels: {{bench: \"{name}\"}}\n");
            }
            else
            {
                Write(root, $"workloads/{name}/resources.yaml", Resources(name));
            }
        }

        File.WriteAllText(Path.Combine(root, ".complete"), string.Empty);
    }

    private static string Application(string name, string path, string ns, string extra) => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {{name}}
          namespace: argocd
          finalizers: [resources-finalizer.argocd.argoproj.io]
        spec:
          project: bench
          source:
            repoURL: {{Url}}
            path: {{path}}
            {{extra}}
          destination: {server: https://kubernetes.default.svc, namespace: {{ns}}}
          syncPolicy: {automated: {prune: true, selfHeal: true}, syncOptions: [CreateNamespace=true]}

        """;

    private static string Resources(string name)
    {
        var sb = new StringBuilder();
        foreach (var kind in new[] { "ConfigMap", "ServiceAccount", "Secret", "Role", "RoleBinding" })
        {
            sb.Append(CultureInfo.InvariantCulture, $"apiVersion: {(kind.StartsWith("Role", StringComparison.Ordinal) ? "rbac.authorization.k8s.io/v1" : "v1")}\nkind: {kind}\nmetadata: {{name: {name}, labels: {{app: {name}}}}}\n---\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: {{{name}}}, labels: {app: {{{name}}}}}
            spec:
              replicas: 1
              selector: {matchLabels: {app: {{{name}}}}}
              template:
                metadata: {labels: {app: {{{name}}}}}
                spec:
                  serviceAccountName: {{{name}}}
                  containers:
                  - name: main
                    image: registry.example.org/{{{name}}}:1.0.0
                    ports: [{containerPort: 8080}]
                    envFrom: [{configMapRef: {name: {{{name}}}}}, {secretRef: {name: {{{name}}}}}]
                    resources: {requests: {cpu: 10m, memory: 32Mi}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: {{{name}}}}
            spec: {selector: {app: {{{name}}}}, ports: [{port: 80, targetPort: 8080}]}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: {{{name}}}}
            spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: {{{name}}}}, minReplicas: 1, maxReplicas: 3}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: {{{name}}}}
            spec:
              minAvailable: 1
              selector: {matchLabels: {app: {{{name}}}} }
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: {{{name}}}}
            spec:
              podSelector: {matchLabels: {app: {{{name}}}} }
              policyTypes: [Ingress]

            """);
        return sb.ToString();
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
