using System.Text.Json.Nodes;
using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// The live side of "a bring-up costs no GPU": right after a profile is applied (before anyone syncs a cost gate), no
/// workload of an auto-sync app may ask for a GPU with replicas above zero. Such a workload starts (or waits for) a
/// GPU on every <c>make root</c>. Owners are found through Argo CD's managed resources, following one level of
/// <c>ownerReferences</c> for workloads an operator creates from a tracked custom resource. Manual-sync apps are the
/// cost-gates suite's business (someone may have scaled them on purpose).
/// </summary>
public static class GpuAtRest
{
    public const string Check = LiveChecks.GpuAtRest;

    public static async Task CheckAsync(RunContext ctx, string profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var apps = await ctx.Argo.ListAsync(cancellationToken);
        var owners = new Dictionary<string, AppState>(StringComparer.Ordinal);
        foreach (var app in apps.Values)
        {
            foreach (var r in app.Resources)
            {
                owners.TryAdd(r.ToString(), app);
            }
        }

        var gpuNames = GpuResourceNames(ctx);
        var found = new List<(AppState App, string Workload, string Resource, int Replicas)>();
        var atZero = 0;
        foreach (var (kind, body) in await WorkloadsAsync(ctx, cancellationToken))
        {
            var meta = body["metadata"];
            var key = $"{kind} {meta?["namespace"]}/{meta?["name"]}";
            var resource = RequestedGpu(body, gpuNames);
            if (resource is null)
            {
                continue;
            }

            var replicas = kind == "DaemonSet" ? body["status"]?["desiredNumberScheduled"]?.GetValue<int>() ?? 1 : body["spec"]?["replicas"]?.GetValue<int>() ?? 1;
            if (replicas == 0)
            {
                atZero++;
                continue;
            }

            var owner = owners.GetValueOrDefault(key) ?? OwnerThroughReferences(body, owners);
            if (owner is { Automated: true })
            {
                found.Add((owner, key, resource, replicas));
            }
        }

        foreach (var (app, workload, resource, replicas) in found)
        {
            ctx.Fail(Check, profile, $"app {app.Name} (auto-sync) runs {workload}, which requests {resource} with {replicas} replica(s) right after profile {profile} was applied: every bring-up starts a GPU; make the app a manual-sync cost gate deployed at 0 replicas, or keep its replicas at 0 in Git", app.Name);
        }

        if (found.Count == 0)
        {
            ctx.Pass(Check, profile, $"no auto-sync app requests a GPU after applying profile {profile} ({atZero} GPU workload(s) at 0 replicas)");
        }
    }

    /// <summary>Extended resources that mean a GPU: any <c>vendor/…gpu…</c> name, and the extended resources of the scenario's GPU-shaped nodes.</summary>
    private static HashSet<string> GpuResourceNames(RunContext ctx)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "nvidia.com/gpu", "amd.com/gpu" };
        foreach (var node in ctx.Scenario.Substrate.Nodes)
        {
            names.UnionWith(node.Capacity.Keys.Where(k => k.Contains('/', StringComparison.Ordinal)));
        }

        return names;
    }

    private static string? RequestedGpu(JsonObject workload, IReadOnlySet<string> gpuNames)
    {
        var containers = (workload["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [])
            .Concat(workload["spec"]?["template"]?["spec"]?["initContainers"] as JsonArray ?? []);
        foreach (var c in containers.OfType<JsonObject>())
        {
            foreach (var section in new[] { "limits", "requests" })
            {
                if (c["resources"]?[section] is JsonObject amounts)
                {
                    foreach (var (name, value) in amounts)
                    {
                        var isGpu = gpuNames.Contains(name) || (name.Contains('/', StringComparison.Ordinal) && name.Contains("gpu", StringComparison.OrdinalIgnoreCase));
                        if (isGpu && value?.ToString() is { } amount && amount != "0")
                        {
                            return name;
                        }
                    }
                }
            }
        }

        return null;
    }

    private static AppState? OwnerThroughReferences(JsonObject body, IReadOnlyDictionary<string, AppState> owners)
    {
        var ns = body["metadata"]?["namespace"]?.GetValue<string>();
        foreach (var o in (body["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = $"{o["kind"]} {ns}/{o["name"]}";
            if (owners.TryGetValue(key, out var app) || owners.TryGetValue($"{o["kind"]} {o["name"]}", out app))
            {
                return app;
            }
        }

        return null;
    }

    private static async Task<IReadOnlyList<(string Kind, JsonObject Body)>> WorkloadsAsync(RunContext ctx, CancellationToken cancellationToken)
    {
        var result = new List<(string, JsonObject)>();
        foreach (var kind in new[] { "Deployment", "StatefulSet", "DaemonSet" })
        {
            var items = await ctx.Dynamic.ListAsync("apps/v1", kind, null, cancellationToken: cancellationToken);
            result.AddRange(items.Select(i => (kind, i)));
        }

        return result;
    }
}
