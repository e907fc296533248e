using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Graph;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// GATE001 (a GPU workload in an auto-sync app), GATE002 (a cost-gated app auto-syncs), GATE003 (replicas owned by
/// scaling — cost gate, HPA or KEDA — are not ignored with RespectIgnoreDifferences) and GATE004 (a cost-gated
/// workload's replicas in Git are above its scaled-down value); GATE005 (a manual-sync app with a GPU workload that
/// the scenario does not declare as a cost gate; scenario mode only).
/// </summary>
public sealed class CostGateAnalyzer : IStaticAnalyzer
{
    private const string ReplicasPointer = "/spec/replicas";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var apps = context.DistinctApps();
        var findings = new List<Finding>();
        foreach (var (app, profile) in apps)
        {
            var gate = context.Scenario.FindCostGate(app.Name);
            if (gate is not null && app.Model.IsAutomated)
            {
                findings.Add(AppFindings.Create(FindingIds.Gate002,
                    $"Cost-gated app {app.Name} has an automated sync policy, so every bring-up deploys it (and selfHeal reverts manual cost actions).",
                    app.Manifest.LocationOf("/spec/syncPolicy/automated"),
                    $"Remove spec.syncPolicy.automated from {app.Name}; sync it deliberately (argocd app sync {app.Name}).", app.Name));
            }

            if (gate is null && app.Model.IsAutomated)
            {
                findings.AddRange(GpuWorkloads(context, app));
            }

            if (gate is null && !app.Model.IsAutomated && app.Parent is not null && context.Scenario.SourceFile != RepoDiscoverySourceFile)
            {
                findings.AddRange(UndeclaredGpuGate(app));
            }

            if (gate?.Scale is { } scale && gate.Workload is { } w && FindWorkload(app, w, profile.Graph.Scopes) is { } workload)
            {
                findings.AddRange(ScaledReplicas(app, workload, $"make-style scaling (cost gate {gate.App})"));
                var replicas = Json.Int(workload.Body["spec"]?["replicas"]);
                if (replicas is null || replicas > scale.Down)
                {
                    findings.Add(AppFindings.Create(FindingIds.Gate004,
                        $"Cost-gated workload {workload.Kind} {workload.Name} of app {app.Name} has replicas {(replicas is null ? "unset (1 by default)" : replicas.Value.ToString(CultureInfo.InvariantCulture))} in Git; syncing it starts {(gate.Gpu ? "the GPU node" : "paid capacity")} before anyone scales it up.",
                        workload.LocationOf(replicas is null ? "/spec" : ReplicasPointer),
                        $"Set spec.replicas: {scale.Down} in Git; scaling (up to {scale.Up}) owns the live value.", app.Name));
                }
            }
        }

        findings.AddRange(AutoscaledWorkloads(apps));
        return findings;
    }

    /// <summary>The source file of a scenario discovered from the repo alone (no cost gates can be declared there).</summary>
    private const string RepoDiscoverySourceFile = "(discovered)";

    /// <summary>GATE005: a manual-sync child app with a GPU workload that the scenario does not declare as a cost gate.</summary>
    private static IEnumerable<Finding> UndeclaredGpuGate(ExpandedApp app)
    {
        foreach (var obj in app.Resources)
        {
            if (FirstGpuRequest(obj.Body, string.Empty) is { } pointer)
            {
                yield return AppFindings.Create(FindingIds.Gate005,
                    $"{obj.Kind} {obj.Name} of manual-sync app {app.Name} requests a GPU, but the scenario does not declare {app.Name} as a cost gate: GATE003/GATE004 and the live cost-gates suite never check its replicas.",
                    obj.LocationOf(pointer),
                    $"Add it to the scenario: costGates: - app: {app.Name}, workload: {{kind: {obj.Kind}, name: {obj.Name}}}, scale: {{up: 1, down: 0}}, gpu: true.",
                    app.Name,
                    severity: Severity.Warning);
                yield break;
            }
        }
    }

    /// <summary>The workload a cost gate names, among the app's rendered objects.</summary>
    public static ManifestObject? FindWorkload(ExpandedApp app, WorkloadRef w, KindScopes scopes)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(w);
        return app.Resources.FirstOrDefault(o =>
            o.Kind == w.Kind && o.Name == w.Name && (w.Group is null || o.Group == w.Group) &&
            (w.Namespace is null || AppFindings.NamespaceOf(o, app, scopes) == w.Namespace));
    }

    private static IEnumerable<Finding> GpuWorkloads(AnalysisContext context, ExpandedApp app)
    {
        bool Billable(string resource) => IsBillable(resource, context.BillableResources);
        foreach (var obj in app.Resources)
        {
            if (FirstGpuRequest(obj.Body, string.Empty, Billable) is { } pointer)
            {
                yield return AppFindings.Create(FindingIds.Gate001,
                    $"{obj.Kind} {obj.Name} requests a billable accelerator ({JsonPointer.Split(pointer)[^1]}) but {AppFindings.Describe(app)} syncs automatically, so every bring-up pays for it.",
                    obj.LocationOf(pointer),
                    context.Discovered
                        ? $"If the accelerator should only run on demand, make {app.Name} manual-sync (and keep its replicas at 0 in Git); if it is always wanted, nothing to do."
                        : $"Make {app.Name} manual-sync and list it under the scenario's costGates (with replicas 0 in Git), or move the GPU workload into a cost-gated app.",
                    app.Name);
            }
        }
    }

    /// <summary>True when <paramref name="resource"/> is one of <paramref name="billable"/> (a trailing '*' matches by prefix).</summary>
    internal static bool IsBillable(string resource, IReadOnlyList<string> billable) =>
        billable.Any(b => b.EndsWith('*') ? resource.StartsWith(b[..^1], StringComparison.Ordinal) : resource == b);

    /// <summary>The pointer of the first GPU quantity above zero in any <c>resources.requests/limits</c> of <paramref name="node"/>.</summary>
    internal static string? FirstGpuRequest(JsonNode? node, string pointer, Func<string, bool>? isGpu = null)
    {
        var path = new List<string>();
        return Find(node, path, isGpu ?? IsGpu) ? pointer + string.Concat(path.Select(t => "/" + JsonPointer.Escape(t))) : null;
    }

    // Walks without building pointer strings; the path is materialized only on a hit.
    private static bool Find(JsonNode? node, List<string> path, Func<string, bool> isGpu)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "resources" && value is JsonObject resources)
                    {
                        foreach (var section in new[] { "requests", "limits" })
                        {
                            if (resources[section] is JsonObject quantities)
                            {
                                foreach (var (resource, quantity) in quantities)
                                {
                                    if (isGpu(resource) && Json.Text(quantity) is { } q && q.Trim() is not ("0" or ""))
                                    {
                                        path.AddRange([key, section, resource]);
                                        return true;
                                    }
                                }
                            }
                        }
                    }
                    else if (value is JsonObject or JsonArray)
                    {
                        path.Add(key);
                        if (Find(value, path, isGpu))
                        {
                            return true;
                        }

                        path.RemoveAt(path.Count - 1);
                    }
                }

                return false;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    path.Add(i.ToString(CultureInfo.InvariantCulture));
                    if (Find(a[i], path, isGpu))
                    {
                        return true;
                    }

                    path.RemoveAt(path.Count - 1);
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsGpu(string resource) =>
        resource.EndsWith("/gpu", StringComparison.Ordinal) ||
        resource.StartsWith("nvidia.com/mig-", StringComparison.Ordinal) ||
        resource.StartsWith("gpu.intel.com/", StringComparison.Ordinal);

    private static IEnumerable<Finding> AutoscaledWorkloads(IReadOnlyList<(ExpandedApp App, ProfileAnalysis Profile)> apps)
    {
        var byKey = new Dictionary<(string, string, string?, string), (ExpandedApp App, ManifestObject Obj)>();
        foreach (var (app, profile) in apps)
        {
            foreach (var obj in app.Resources)
            {
                byKey.TryAdd((obj.Group, obj.Kind, AppFindings.NamespaceOf(obj, app, profile.Graph.Scopes), obj.Name), (app, obj));
            }
        }

        var reported = new HashSet<(string, string)>();
        foreach (var (app, profile) in apps)
        {
            foreach (var scaler in app.Resources)
            {
                var isHpa = scaler.Group == "autoscaling" && scaler.Kind == "HorizontalPodAutoscaler";
                var isKeda = scaler.Group == "keda.sh" && scaler.Kind == "ScaledObject";
                if ((!isHpa && !isKeda) || scaler.Body["spec"]?["scaleTargetRef"] is not JsonObject target)
                {
                    continue;
                }

                var kind = Json.Text(target["kind"]) ?? (isKeda ? "Deployment" : null);
                var name = Json.Text(target["name"]);
                if (kind is null || name is null)
                {
                    continue;
                }

                var key = (ObjectKey.GroupOf(Json.Text(target["apiVersion"]) ?? "apps/v1"), kind, AppFindings.NamespaceOf(scaler, app, profile.Graph.Scopes), name);
                if (byKey.TryGetValue(key, out var owner) && owner.Obj.Body["spec"]?["replicas"] is not null &&
                    reported.Add((owner.App.Name, owner.Obj.Name)))
                {
                    foreach (var f in ScaledReplicas(owner.App, owner.Obj, $"{scaler.Kind} {scaler.Name}"))
                    {
                        yield return f;
                    }
                }
            }
        }
    }

    /// <summary>GATE003 when <paramref name="app"/> would revert the replicas of <paramref name="workload"/> on sync.</summary>
    private static IEnumerable<Finding> ScaledReplicas(ExpandedApp app, ManifestObject workload, string owner)
    {
        var ignored = app.Model.IgnoreDifferences.Any(d => Covers(d, workload));
        var respected = app.Model.HasSyncOption("RespectIgnoreDifferences=true");
        if (ignored && respected)
        {
            yield break;
        }

        var missing = !ignored && !respected ? "ignoreDifferences on /spec/replicas and RespectIgnoreDifferences=true"
            : !ignored ? "ignoreDifferences on /spec/replicas" : "RespectIgnoreDifferences=true";
        yield return AppFindings.Create(FindingIds.Gate003,
            $"{workload.Kind} {workload.Name}'s replicas are owned by {owner}, but app {app.Name} lacks {missing}, so a sync (or selfHeal) resets them to the value in Git.",
            app.Manifest.LocationOf(!ignored ? "/spec/ignoreDifferences" : "/spec/syncPolicy/syncOptions"),
            $"Add to {app.Name}: ignoreDifferences [{{group: {(workload.Group.Length == 0 ? "\"\"" : workload.Group)}, kind: {workload.Kind}, name: {workload.Name}, jsonPointers: [/spec/replicas]}}] and syncPolicy.syncOptions [RespectIgnoreDifferences=true].",
            app.Name);
    }

    private static bool Covers(IgnoreDifference d, ManifestObject workload) =>
        GlobMatch(d.Group, workload.Group) && GlobMatch(d.Kind, workload.Kind) &&
        (string.IsNullOrEmpty(d.Name) || d.Name == workload.Name) &&
        (string.IsNullOrEmpty(d.Namespace) || d.Namespace == workload.Namespace || workload.Namespace is null) &&
        (d.JsonPointers.Any(p => p.TrimEnd('/') == ReplicasPointer) ||
         d.JqPathExpressions.Any(e => e.Replace(" ", string.Empty, StringComparison.Ordinal) == ".spec.replicas"));

    /// <summary>ignoreDifferences group/kind matching: util/glob Match (diff_normalizer.go), the engine's <see cref="Patterns.GlobPattern"/>.</summary>
    internal static bool GlobMatch(string? pattern, string value) => Patterns.GlobPattern.Match(pattern ?? string.Empty, value);
}
