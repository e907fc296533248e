using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.StandIns;
using PlatformValidation.Fakes.Cluster.Storage;
using PlatformValidation.Validators.Labels;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>
/// services/{[scheme:]name[:port]}/proxy/... and pods/{name[:port]}/proxy/...: resolves the service port to a ready
/// endpoint pod's container port and hands the request to that pod's stand-in. As with kube-apiserver, the caller's
/// Authorization header was consumed by authentication and does not reach the backend: a backend credential (an LLM
/// API key) cannot travel through the proxy — port-forward carries it instead.
/// </summary>
public sealed class ProxyHandler
{
    private static readonly GroupResource Pods = new(string.Empty, "pods");
    private readonly ResourceStore store;
    private readonly StandInHost standIns;
    private int roundRobin;

    public ProxyHandler(ResourceStore store, StandInHost standIns)
    {
        this.store = store;
        this.standIns = standIns;
    }

    public async Task ServeAsync(HttpContext context, ResourceType type, string? ns, string nameSpec, string rest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(type);
        var path = "/" + rest + context.Request.QueryString.Value;

        // Authorization was consumed (and removed) by authentication, as kube-apiserver does: it never reaches the backend.
        switch (type.Kind)
        {
            case "Service":
                await ServiceAsync(context, ns!, nameSpec, path, ct);
                return;
            case "Pod":
                await PodAsync(context, ns!, nameSpec, path, ct);
                return;
            default:
                throw new ApiException(503, "ServiceUnavailable", $"the simulated node {nameSpec} has no kubelet endpoint to proxy to");
        }
    }

    private async Task ServiceAsync(HttpContext context, string ns, string nameSpec, string path, CancellationToken ct)
    {
        var parts = nameSpec.Split(':');
        var (name, portSpec) = parts.Length switch
        {
            1 => (parts[0], string.Empty),
            2 => (parts[0], parts[1]),
            _ => (parts[1], parts[2]),
        };
        var serviceType = store.Registry.Find(string.Empty, "v1", "services")!;
        var service = store.Get(serviceType, ns, name);
        var ports = service.Arr("spec", "ports")?.OfType<JsonObject>().ToList() ?? [];
        JsonObject? port = portSpec.Length == 0
            ? ports.FirstOrDefault(p => string.IsNullOrEmpty(p.Str("name"))) ?? (ports.Count == 1 ? ports[0] : null)
            : ports.FirstOrDefault(p => p.Str("name") == portSpec || p.Long("port")?.ToString(CultureInfo.InvariantCulture) == portSpec);
        if (port is null)
        {
            throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{nameSpec}\"");
        }

        var selector = JsonNodes.StringMap(service.Obj("spec", "selector"));
        if (selector.Count == 0)
        {
            throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{nameSpec}\"");
        }

        var sel = LabelSelector.FromMap(selector);
        var ready = store.ListRaw(Pods, ns).Where(p => sel.Matches(p) && IsReady(p)).ToList();
        if (ready.Count == 0)
        {
            throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{nameSpec}\"");
        }

        var pod = ready[(int)((uint)Interlocked.Increment(ref roundRobin) % (uint)ready.Count)];
        var containerPort = ResolveTargetPort(pod, port["targetPort"] ?? port["port"]);
        if (containerPort is null)
        {
            throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{nameSpec}\"");
        }

        await ForwardAsync(context, pod, containerPort.Value, path, $"service \"{name}\"", ct);
    }

    private async Task PodAsync(HttpContext context, string ns, string nameSpec, string path, CancellationToken ct)
    {
        var parts = nameSpec.Split(':');
        var name = parts.Length == 3 ? parts[1] : parts[0];
        var portSpec = parts.Length == 3 ? parts[2] : parts.Length == 2 ? parts[1] : string.Empty;
        var pod = store.Objects.Get(Pods, ns, name) ?? throw StatusErrors.NotFound(Pods, name);
        if (pod.Str("status", "phase") != "Running")
        {
            throw StatusErrors.BadRequest($"pod {name} is not running");
        }

        int? port = portSpec.Length > 0 ? ResolveTargetPort(pod, JsonValue.Create(portSpec)) : FirstPort(pod);
        if (port is null)
        {
            throw new ApiException(503, "ServiceUnavailable", $"error trying to reach service: pod {name} declares no port");
        }

        await ForwardAsync(context, pod, port.Value, path, $"pod \"{name}\"", ct);
    }

    private async Task ForwardAsync(HttpContext context, JsonObject pod, int port, string path, string what, CancellationToken ct)
    {
        var uid = pod.Uid();
        var owner = Controllers.PodHelpers.ContainerForPort(pod, port);
        var standIn = owner is null ? null : standIns.Get(uid, owner.Str("name") ?? string.Empty);
        if (standIn is null || !await standIn.ServeAsync(context, port, path, ct))
        {
            var ip = pod.Str("status", "podIP") ?? "0.0.0.0";
            throw new ApiException(503, "ServiceUnavailable", $"error trying to reach {what}: dial tcp {ip}:{port}: connect: connection refused");
        }
    }

    public static bool IsReady(JsonObject pod) =>
        pod.Str("metadata", "deletionTimestamp") is null && pod.Str("status", "phase") == "Running" && JsonNodes.ConditionStatus(pod, "Ready") == "True";

    /// <summary>A service targetPort (number or container port name) as a container port number.</summary>
    public static int? ResolveTargetPort(JsonObject pod, JsonNode? target)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (target is JsonValue v)
        {
            if (JsonNodes.AsLong(v) is { } n)
            {
                return (int)n;
            }

            var s = v.ToString();
            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }

            foreach (var c in pod.Arr("spec", "containers")?.OfType<JsonObject>() ?? [])
            {
                foreach (var p in c.Arr("ports")?.OfType<JsonObject>() ?? [])
                {
                    if (p.Str("name") == s && p.Long("containerPort") is { } cp)
                    {
                        return (int)cp;
                    }
                }
            }
        }

        return null;
    }

    private static int? FirstPort(JsonObject pod) =>
        pod.Arr("spec", "containers")?.OfType<JsonObject>().SelectMany(c => c.Arr("ports")?.OfType<JsonObject>() ?? []).Select(p => (int?)p.Long("containerPort")).FirstOrDefault();
}
