using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Graph;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Live.Scenario.Drafting;

/// <summary>
/// <c>scenario init</c>: writes a commented draft scenario for a repo from what a program can read in it — the roots
/// (one layer each, ordered by what their apps need from each other, then sync wave and name), the profiles of the
/// Makefile's <c>ROOTS_*</c> variables (else one per layer prefix), cost gates (manual-sync apps; <c>scale</c> when
/// they ignore <c>/spec/replicas</c>), GPU-shaped nodes (nodeSelectors, tolerations, GPU requests), the smoke request
/// (a Service in front of a vLLM-style model server), probes (readiness paths behind a Service) and stand-in images.
/// Every guess carries a <c># guessed from …</c> comment.
/// </summary>
public static partial class ScenarioDrafter
{
    private const int MaxProbes = 12;

    private static readonly string[] FoundationWords = ["crd", "bootstrap", "base", "platform", "infra", "core", "system", "cluster", "network", "security"];
    private static readonly string[] DemoWords = ["demo", "example", "sample", "sandbox", "playground"];

    /// <summary>Drafts the scenario text for <paramref name="repoDirectory"/>, with <c>repo.path</c> relative to <paramref name="outputFile"/>'s directory.</summary>
    public static async Task<string> DraftAsync(string repoDirectory, string outputFile, string? makefile = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repoDirectory);
        ArgumentNullException.ThrowIfNull(outputFile);
        var repo = RepoTree.Open(Path.GetFullPath(repoDirectory));
        var options = ExpansionOptions.Default;
        var scan = RepoDiscovery.Scan(repo, new ManifestLoader(options.Render.Loader), cancellationToken);
        var resolver = StaticRepoResolver.For(repo, [scan.CanonicalRepoUrl]);
        using var expander = new ProfileExpander(repo, resolver, options);
        var (discovered, _) = await RepoDiscovery.FindRootsAsync(repo, scan, expander, cancellationToken).ConfigureAwait(false);
        var rootFiles = discovered.Layers.SelectMany(l => l.Manifests).Select(m => m.Path).ToList();
        var projectFiles = discovered.AlwaysApply.Select(m => m.Path).ToList();

        // One layer per root file, named after its root object.
        var layerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var waveOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in rootFiles)
        {
            var first = scan.ArgoObjects.FirstOrDefault(o => o.Location.File == file);
            var name = LayerName(first?.Name ?? Path.GetFileNameWithoutExtension(file));
            while (layerOf.ContainsValue(name))
            {
                name += "-x";
            }

            layerOf[file] = name;
            waveOf[name] = first is null ? 0 : ObjectMetaWave(first.Body);
        }

        var everything = await expander.ExpandAsync(
            new ProfileDefinition("draft", rootFiles.Select(f => new LayerDefinition(layerOf[f], [f])).ToList()) { CommonManifests = projectFiles },
            cancellationToken).ConfigureAwait(false);
        var apps = everything.Apps.GroupBy(a => a.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var layers = layerOf.Values.ToList();
        var needs = LayerNeeds(apps, layers);

        // Profiles from the Makefile, when it has ROOTS_* variables naming root files.
        var makefilePath = makefile is null ? Path.Combine(repo.Root, "Makefile") : Path.GetFullPath(Path.IsPathRooted(makefile) ? makefile : Path.Combine(Directory.GetCurrentDirectory(), makefile));
        var makeProfiles = File.Exists(makefilePath)
            ? MakefileProfiles.Read(await File.ReadAllTextAsync(makefilePath, cancellationToken).ConfigureAwait(false))
                .Select(p => (Name: LayerName(p.Profile), Layers: p.Files.Select(f => RepoTree.NormalizePath(f) ?? f).Where(layerOf.ContainsKey).Select(f => layerOf[f]).Distinct(StringComparer.Ordinal).ToList(), p.Line))
                .Where(p => p.Layers.Count > 0)
                .OrderBy(p => p.Layers.Count)
                .ToList()
            : [];
        var ordered = OrderLayers(layers, needs, waveOf, makeProfiles.Select(p => p.Layers).ToList());
        var makefileName = Path.GetFileName(makefilePath);

        var sb = new StringBuilder();
        var outDir = Path.GetDirectoryName(Path.GetFullPath(outputFile)) ?? Directory.GetCurrentDirectory();
        var relRepo = Path.GetRelativePath(outDir, repo.Root).Replace('\\', '/');
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Draft scenario written by `scenario init --repo {repoDirectory}`. Review every `# guessed from` line;");
        sb.AppendLine("# the format is described in docs/scenario-format.md. Check it with `validate --scenario THIS_FILE`.");
        sb.AppendLine("apiVersion: platformvalidation.io/v1alpha1");
        sb.AppendLine("kind: Scenario");
        sb.AppendLine(CultureInfo.InvariantCulture, $"name: {Q(LayerName(Path.GetFileName(repo.Root.TrimEnd('/', '\\'))))}");
        sb.AppendLine("repo:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  path: {Q(relRepo)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  urls: [{Q(scan.CanonicalRepoUrl)}]   # guessed from the repoURL most Applications use");
        if (projectFiles.Count > 0)
        {
            sb.AppendLine("alwaysApply:   # guessed from the AppProject manifests (make root re-applies the project first)");
            foreach (var f in projectFiles)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  - {Q(f)}");
            }
        }

        sb.AppendLine("layers:   # guessed from the roots (objects no other app creates), one layer per root file; order: what their apps need from each other, then sync wave and name");
        foreach (var layer in ordered)
        {
            var file = layerOf.First(kv => kv.Value == layer).Key;
            var demo = DemoWords.Any(w => layer.Contains(w, StringComparison.Ordinal));
            var needed = needs.GetValueOrDefault(layer) ?? [];
            var why = needed.Count > 0 ? $"needs {string.Join(", ", needed.Order(StringComparer.Ordinal))}" : "needs no other layer";
            sb.AppendLine(CultureInfo.InvariantCulture, $"  - name: {layer}   # guessed from {file} ({why})");
            if (demo)
            {
                sb.AppendLine("    demo: true   # guessed from the layer name");
            }

            sb.AppendLine(CultureInfo.InvariantCulture, $"    manifests: [{Q(file)}]");
        }

        sb.AppendLine("profiles:");
        var profiles = new List<(string Name, IReadOnlyList<string> Layers)>();
        if (makeProfiles.Count > 0)
        {
            foreach (var p in makeProfiles)
            {
                var inOrder = ordered.Where(p.Layers.Contains).ToList();
                profiles.Add((p.Name, inOrder));
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {p.Name}: [{string.Join(", ", inOrder)}]   # guessed from {makefileName}:{p.Line} (ROOTS_{p.Name.ToUpperInvariant().Replace('-', '_')})");
            }
        }
        else
        {
            for (var i = 0; i < ordered.Count; i++)
            {
                var prefix = ordered.Take(i + 1).ToList();
                profiles.Add((ordered[i], prefix));
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {ordered[i]}: [{string.Join(", ", prefix)}]   # guessed: one profile per layer prefix (no ROOTS_* in {makefileName})");
            }
        }

        AppendCostGates(sb, apps, out var gpuPods, out var servers);
        AppendSmoke(sb, repo, apps, servers, profiles);
        AppendProbes(sb, apps, profiles);
        AppendSubstrate(sb, apps, gpuPods);
        sb.AppendLine("# groups, externals, timeouts and suites: none guessed; see docs/scenario-format.md.");
        return sb.ToString();
    }

    /// <summary>For each layer, the layers whose apps provide what its apps require (hard and runtime needs).</summary>
    private static Dictionary<string, HashSet<string>> LayerNeeds(IReadOnlyList<ExpandedApp> apps, IReadOnlyList<string> layers)
    {
        var graph = new ResourceGraphBuilder().Build("draft", apps, l => new LayerPlacement(layers.ToList().IndexOf(l) + 1, false), []);
        var needs = layers.ToDictionary(l => l, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var node in graph.Apps)
        {
            foreach (var requirement in node.Requires.Where(r => r.Strength != RequirementStrength.Soft))
            {
                var providers = graph.Resolve(requirement);
                if (providers.Count == 0 || providers.Any(p => p.IsEnvironment) || providers.Any(p => p.App!.Layer == node.Layer))
                {
                    continue;
                }

                foreach (var p in providers.Where(p => needs.ContainsKey(p.App!.Layer)))
                {
                    needs[node.Layer].Add(p.App!.Layer);
                }
            }
        }

        return needs;
    }

    /// <summary>Layers in an order where every layer comes after those it needs (and the Makefile's profiles stay prefixes), ties by wave, foundation words, demo last, name.</summary>
    private static List<string> OrderLayers(IReadOnlyList<string> layers, Dictionary<string, HashSet<string>> needs, IReadOnlyDictionary<string, int> waves, IReadOnlyList<List<string>> makeProfiles)
    {
        int Narrowest(string l) => makeProfiles.Select((p, i) => (p, i)).FirstOrDefault(x => x.p.Contains(l)).p is null ? int.MaxValue : makeProfiles.Select((p, i) => (p, i)).First(x => x.p.Contains(l)).i;
        int Foundation(string l) => FoundationWords.Select((w, i) => (w, i)).FirstOrDefault(x => l.Contains(x.w, StringComparison.Ordinal)).w is null ? FoundationWords.Length : FoundationWords.Select((w, i) => (w, i)).First(x => l.Contains(x.w, StringComparison.Ordinal)).i;
        var result = new List<string>();
        var left = layers.ToList();
        while (left.Count > 0)
        {
            var ready = left.Where(l => needs[l].All(n => result.Contains(n) || n == l)).ToList();
            if (ready.Count == 0)
            {
                ready = left; // a cycle between layers: DEP002 will say which apps
            }

            var next = ready.OrderBy(Narrowest).ThenBy(l => DemoWords.Any(w => l.Contains(w, StringComparison.Ordinal)) ? 1 : 0)
                .ThenBy(l => waves.GetValueOrDefault(l)).ThenByDescending(l => needs.Count(n => n.Value.Contains(l))).ThenBy(Foundation).ThenBy(l => l, StringComparer.Ordinal).First();
            result.Add(next);
            left.Remove(next);
        }

        return result;
    }

    private static void AppendCostGates(StringBuilder sb, IReadOnlyList<ExpandedApp> apps, out List<(ExpandedApp App, ManifestObject Workload, JsonObject Pod)> gpuPods, out List<(ExpandedApp App, ManifestObject Workload, JsonObject Container)> servers)
    {
        gpuPods = [];
        servers = [];
        foreach (var app in apps)
        {
            foreach (var o in app.Resources)
            {
                var pod = DraftFacts.PodSpec(o.Body);
                if (pod is null)
                {
                    continue;
                }

                if (DraftFacts.WantsGpu(pod))
                {
                    gpuPods.Add((app, o, pod));
                }

                foreach (var c in DraftFacts.Containers(pod).Where(DraftFacts.IsModelServer))
                {
                    servers.Add((app, o, c));
                }
            }
        }

        var gates = apps.Where(a => a.Parent is not null && !a.Model.IsAutomated).ToList();
        if (gates.Count == 0)
        {
            return;
        }

        sb.AppendLine("costGates:   # guessed from the manual-sync apps (no automated sync policy)");
        foreach (var app in gates)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  - app: {Q(app.Name)}   # guessed from {DraftFacts.Where(app.Manifest)}");
            var workloads = app.Resources.Where(o => o.Kind is "Deployment" or "StatefulSet").ToList();
            var workload = workloads.FirstOrDefault(o => DraftFacts.WantsGpu(DraftFacts.PodSpec(o.Body))) ?? workloads.FirstOrDefault();
            if (workload is null)
            {
                continue;
            }

            var apiVersion = DraftFacts.Text(workload.Body["apiVersion"]) ?? "apps/v1";
            var ns = workload.Namespace ?? app.Model.Destination.Namespace;
            sb.AppendLine(CultureInfo.InvariantCulture, $"    workload: {{apiVersion: {apiVersion}, kind: {workload.Kind}, {(ns is null ? string.Empty : $"namespace: {Q(ns)}, ")}name: {Q(workload.Name)}}}   # guessed from {DraftFacts.Where(workload)}");
            var ignoresReplicas = app.Model.IgnoreDifferences.Any(d => (d.Kind.Length == 0 || d.Kind == workload.Kind) && (d.Name is null || d.Name == workload.Name) &&
                (d.JsonPointers.Contains("/spec/replicas") || d.JqPathExpressions.Any(j => j.Contains(".spec.replicas", StringComparison.Ordinal))));
            if (ignoresReplicas)
            {
                var down = DraftFacts.Int(workload.Body["spec"]?["replicas"]) ?? 1;
                sb.AppendLine(CultureInfo.InvariantCulture, $"    scale: {{up: {down + 1}, down: {down}}}   # guessed from ignoreDifferences on /spec/replicas (down: the replicas in Git; up: one more)");
            }

            if (DraftFacts.WantsGpu(DraftFacts.PodSpec(workload.Body)))
            {
                sb.AppendLine("    gpu: true   # guessed from the workload's GPU request, nodeSelector or toleration");
            }
        }
    }

    private static void AppendSmoke(StringBuilder sb, RepoTree repo, IReadOnlyList<ExpandedApp> apps, IReadOnlyList<(ExpandedApp App, ManifestObject Workload, JsonObject Container)> servers, IReadOnlyList<(string Name, IReadOnlyList<string> Layers)> profiles)
    {
        foreach (var (app, workload, container) in servers.OrderBy(s => s.App.Model.IsAutomated ? 1 : 0))
        {
            var labels = DraftFacts.PodLabels(workload.Body);
            var ns = workload.Namespace ?? app.Model.Destination.Namespace;
            var service = app.Resources.FirstOrDefault(o => o.Kind == "Service" && (o.Namespace ?? app.Model.Destination.Namespace) == ns &&
                o.Body["spec"]?["selector"] is JsonObject { Count: > 0 } sel && sel.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value?.ToString()));
            var port = service?.Body["spec"]?["ports"]?[0]?["port"];
            if (service is null || ns is null || port is null)
            {
                continue;
            }

            var model = DraftFacts.ServedModel(container);
            if (app.Model.Sources.All(src => src.Chart is null && (src.Path is null || SourceToolDetector.Detect(src, repo, src.Path) is not (SourceTool.Kustomize or SourceTool.Helm))))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"# note: app {app.Name} renders a plain directory, so a clean-room substrate cannot swap its image for the simulated vLLM (that needs a kustomize or helm source): the smoke will reach the image's stand-in, not a model server.");
            }

            var where = profiles.Where(p => p.Layers.Contains(app.Layer)).Select(p => p.Name).ToList();
            sb.AppendLine(CultureInfo.InvariantCulture, $"smoke:   # guessed from the model server {workload.Kind} {ns}/{workload.Name} ({DraftFacts.Where(workload)}) and Service {service.Name}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  profiles: [{string.Join(", ", where)}]");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  service: {{namespace: {Q(ns)}, name: {Q(service.Name)}, port: {port}}}");
            sb.AppendLine(model is null
                ? "  model: \"fake/llama-3.1-8b-instruct\"   # guessed: no --served-model-name/--model; the fake LLM's default"
                : $"  model: {Q(model)}   # guessed from the container's --served-model-name / --model");
            var keyRef = (container["env"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(e => DraftFacts.Text(e["name"]) is "VLLM_API_KEY" or "API_KEY" or "OPENAI_API_KEY" && e["valueFrom"]?["secretKeyRef"] is JsonObject);
            if (keyRef?["valueFrom"]?["secretKeyRef"] is JsonObject secret)
            {
                sb.AppendLine("  apiKey:   # guessed from the container's API key variable");
                sb.AppendLine(CultureInfo.InvariantCulture, $"    secretRef: {{namespace: {Q(ns)}, name: {Q(DraftFacts.Text(secret["name"]) ?? string.Empty)}, key: {Q(DraftFacts.Text(secret["key"]) ?? string.Empty)}}}");
            }

            return;
        }
    }

    private static void AppendProbes(StringBuilder sb, IReadOnlyList<ExpandedApp> apps, IReadOnlyList<(string Name, IReadOnlyList<string> Layers)> profiles)
    {
        var byProfile = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var app in apps.Where(a => a.Model.IsAutomated).OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var profile = profiles.FirstOrDefault(p => p.Layers.Contains(app.Layer)).Name;
            if (profile is null)
            {
                continue;
            }

            foreach (var workload in app.Resources.Where(o => o.Kind is "Deployment" or "StatefulSet"))
            {
                var labels = DraftFacts.PodLabels(workload.Body);
                var ns = workload.Namespace ?? app.Model.Destination.Namespace;
                var probe = DraftFacts.Containers(DraftFacts.PodSpec(workload.Body)).Select(c => c["readinessProbe"]?["httpGet"]).OfType<JsonObject>().FirstOrDefault();
                var path = DraftFacts.Text(probe?["path"]);
                var service = app.Resources.FirstOrDefault(o => o.Kind == "Service" && (o.Namespace ?? app.Model.Destination.Namespace) == ns &&
                    o.Body["spec"]?["selector"] is JsonObject { Count: > 0 } sel && sel.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value?.ToString()));
                var port = service?.Body["spec"]?["ports"]?[0]?["port"];
                if (path is null || !path.StartsWith('/') || service is null || ns is null || port is null || count >= MaxProbes)
                {
                    continue;
                }

                if (!byProfile.TryGetValue(profile, out var list))
                {
                    byProfile[profile] = list = [];
                }

                list.Add($"    - {{name: {Q(LayerName(service.Name + "-ready"))}, service: {{namespace: {Q(ns)}, name: {Q(service.Name)}, port: {port}}}, path: {Q(path)}}}   # guessed from the readinessProbe of {workload.Kind} {ns}/{workload.Name}");
                count++;
            }
        }

        if (byProfile.Count == 0)
        {
            return;
        }

        sb.AppendLine("probes:   # guessed from readiness probes behind a Service; wider profiles inherit them");
        foreach (var (profile, _) in profiles.Where(p => byProfile.ContainsKey(p.Name)))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {profile}:");
            foreach (var line in byProfile[profile].DistinctBy(l => l.Split(',')[0]))
            {
                sb.AppendLine(line);
            }
        }
    }

    private static void AppendSubstrate(StringBuilder sb, IReadOnlyList<ExpandedApp> apps, IReadOnlyList<(ExpandedApp App, ManifestObject Workload, JsonObject Pod)> gpuPods)
    {
        var images = apps.SelectMany(a => a.Resources).Select(o => DraftFacts.PodSpec(o.Body)).SelectMany(DraftFacts.Containers)
            .Where(DraftFacts.IsModelServer).Select(c => DraftFacts.Text(c["image"])).OfType<string>()
            .Select(DraftFacts.ImageGlob).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (images.Count == 0 && gpuPods.Count == 0)
        {
            return;
        }

        sb.AppendLine("substrate:");
        if (images.Count > 0)
        {
            sb.AppendLine("  images:   # guessed from the model-server images (vLLM-style): the simulated vLLM stands in for them");
            foreach (var image in images)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    - {{match: {Q(image)}, replaceWith: fake-llm}}");
            }
        }

        if (gpuPods.Count == 0)
        {
            return;
        }

        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var taints = new SortedDictionary<string, (string? Value, string Effect)>(StringComparer.Ordinal);
        var capacity = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["cpu"] = "8", ["memory"] = "32Gi" };
        foreach (var (_, _, pod) in gpuPods)
        {
            foreach (var (k, v) in pod["nodeSelector"] as JsonObject ?? [])
            {
                labels.TryAdd(k, v?.ToString() ?? string.Empty);
            }

            foreach (var t in (pod["tolerations"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (DraftFacts.Text(t["key"]) is { Length: > 0 } key)
                {
                    taints.TryAdd(key, (DraftFacts.Text(t["operator"]) == "Exists" ? null : DraftFacts.Text(t["value"]), DraftFacts.Text(t["effect"]) is { Length: > 0 } e ? e : "NoSchedule"));
                }
            }

            foreach (var (name, count) in DraftFacts.GpuResources(pod))
            {
                capacity[name] = int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && capacity.TryGetValue(name, out var had) && int.TryParse(had, NumberStyles.Integer, CultureInfo.InvariantCulture, out var h) ? Math.Max(n, h).ToString(CultureInfo.InvariantCulture) : count;
            }
        }

        if (!capacity.Keys.Any(k => k.Contains("gpu", StringComparison.OrdinalIgnoreCase)))
        {
            capacity["nvidia.com/gpu"] = "1";
        }

        var from = string.Join(", ", gpuPods.Select(g => $"{g.Workload.Kind} {g.Workload.Name}").Distinct(StringComparer.Ordinal).Take(3));
        sb.AppendLine(CultureInfo.InvariantCulture, $"  nodes:   # guessed from the nodeSelectors, tolerations and GPU requests of {from}");
        sb.AppendLine("    - name: gpu-1");
        sb.AppendLine(CultureInfo.InvariantCulture, $"      labels: {{{string.Join(", ", labels.Select(kv => $"{Q(kv.Key)}: {Q(kv.Value)}"))}}}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"      taints: [{string.Join(", ", taints.Select(kv => kv.Value.Value is null ? $"{{key: {Q(kv.Key)}, effect: {kv.Value.Effect}}}" : $"{{key: {Q(kv.Key)}, value: {Q(kv.Value.Value)}, effect: {kv.Value.Effect}}}"))}]");
        sb.AppendLine(CultureInfo.InvariantCulture, $"      capacity: {{{string.Join(", ", capacity.Select(kv => $"{Q(kv.Key)}: {Q(kv.Value)}"))}}}   # cpu and memory: a guess");
    }

    private static int ObjectMetaWave(JsonObject body) =>
        int.TryParse(DraftFacts.Text(body["metadata"]?["annotations"]?["argocd.argoproj.io/sync-wave"]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var w) ? w : 0;

    /// <summary>A DNS label from a root or profile name (<c>root-</c> prefix and <c>-root</c> suffix dropped).</summary>
    internal static string LayerName(string name)
    {
        var n = NotDns().Replace(name.ToLowerInvariant(), "-").Trim('-');
        n = n.StartsWith("root-", StringComparison.Ordinal) && n.Length > 5 ? n[5..] : n;
        n = n.EndsWith("-root", StringComparison.Ordinal) && n.Length > 5 ? n[..^5] : n;
        n = n.Length > 63 ? n[..63].TrimEnd('-') : n;
        return n.Length == 0 ? "layer" : n;
    }

    /// <summary>A YAML scalar as a JSON string (always valid YAML, never read as a number or boolean).</summary>
    private static string Q(string value) => JsonSerializer.Serialize(value);

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotDns();
}
