using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>Reads and scales workloads through the API: replicas, the scale subresource, pods behind a selector.</summary>
public static class Workloads
{
    /// <summary>Sets replicas through the scale subresource, as <c>kubectl scale</c> and <c>make vllm-up/down</c> do.</summary>
    public static Task ScaleAsync(RunContext ctx, ObjectRef workload, int replicas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ctx.Dynamic.MergePatchAsync(workload, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }, "scale", cancellationToken);
    }

    /// <summary><c>spec.replicas</c> of the workload, or null when it does not exist.</summary>
    public static async Task<int?> ReplicasAsync(RunContext ctx, ObjectRef workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var body = await ctx.Dynamic.GetAsync(workload, cancellationToken);
        return body is null ? null : body["spec"]?["replicas"]?.GetValue<int>() ?? 1;
    }

    /// <summary>The pods selected by the workload's selector (empty when it has none or does not exist).</summary>
    public static async Task<IReadOnlyList<V1Pod>> PodsAsync(RunContext ctx, ObjectRef workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(workload);
        var body = await ctx.Dynamic.GetAsync(workload, cancellationToken);
        var selector = Diagnostics.Selector(body);
        if (selector is null || workload.Namespace is null)
        {
            return [];
        }

        var pods = await ctx.Client.CoreV1.ListNamespacedPodAsync(workload.Namespace, labelSelector: selector, cancellationToken: cancellationToken);
        return pods.Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
    }

    public static bool IsReady(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
    }

    /// <summary>True when the node advertises a non-zero <c>nvidia.com/gpu</c> capacity.</summary>
    public static bool AdvertisesGpu(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Status?.Capacity is { } cap && cap.TryGetValue("nvidia.com/gpu", out var q) && q.ToDecimal() > 0;
    }
}
