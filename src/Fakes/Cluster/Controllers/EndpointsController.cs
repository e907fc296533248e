using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;
using PlatformValidation.Validators.Labels;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>Endpoints and EndpointSlices of every Service with a selector, from its pods (ready ones as ready addresses).</summary>
public sealed class EndpointsController : Controller
{
    private static readonly GroupResource Services = new(string.Empty, "services");
    private static readonly GroupResource Pods = new(string.Empty, "pods");
    private static readonly GroupResource Slices = new("discovery.k8s.io", "endpointslices");

    public EndpointsController(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "endpointslice-controller";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [Services, Pods];

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e)
    {
        if (e.Resource == Services)
        {
            return [new ControllerKey(Services, e.Object.Namespace(), e.Object.Name())];
        }

        var labels = e.Object.Labels();
        var before = e.Previous?.Labels();
        return Store.ListRaw(Services, e.Object.Namespace())
            .Where(s => s.Obj("spec", "selector") is { Count: > 0 } sel && (LabelSelector.FromMap(JsonNodes.StringMap(sel)).Matches(labels) || (before is not null && LabelSelector.FromMap(JsonNodes.StringMap(sel)).Matches(before))))
            .Select(s => new ControllerKey(Services, s.Namespace(), s.Name())).ToList();
    }

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var svc = Core.Objects.Get(Services, key.Namespace, key.Name);
        var sliceType = Core.TypeOf(Slices);
        var existingSlices = Store.ListRaw(Slices, key.Namespace).Where(s => s.Obj("metadata", "labels")?.Str("kubernetes.io/service-name") == key.Name).ToList();
        if (svc is null || svc.Obj("spec", "selector") is not { Count: > 0 } selector || PodHelpers.IsDeleting(svc))
        {
            // Slices and Endpoints of a deleted or selector-less service are the garbage collector's (owner refs).
            return Task.CompletedTask;
        }

        var sel = LabelSelector.FromMap(JsonNodes.StringMap(selector));
        var pods = Store.ListRaw(Pods, key.Namespace).Where(p => sel.Matches(p) && !string.IsNullOrEmpty(p.Str("status", "podIP")) && !PodHelpers.IsTerminated(p)).OrderBy(p => p.Name(), StringComparer.Ordinal).ToList();
        var ports = svc.Arr("spec", "ports")?.OfType<JsonObject>().ToList() ?? [];
        WriteEndpoints(key, svc, pods, ports);

        var endpoints = new JsonArray();
        foreach (var p in pods)
        {
            var ready = ProxyHandler.IsReady(p);
            endpoints.Add(new JsonObject
            {
                ["addresses"] = new JsonArray(p.Str("status", "podIP")),
                ["conditions"] = new JsonObject { ["ready"] = ready, ["serving"] = PodHelpers.IsReady(p), ["terminating"] = PodHelpers.IsDeleting(p) },
                ["nodeName"] = p.Str("spec", "nodeName"),
                ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = p.Namespace(), ["name"] = p.Name(), ["uid"] = p.Uid() },
            });
        }

        var slicePorts = new JsonArray(ports.Select(port =>
        {
            var target = pods.Select(p => ProxyHandler.ResolveTargetPort(p, port["targetPort"] ?? port["port"])).FirstOrDefault(t => t is not null);
            var o = new JsonObject { ["name"] = port.Str("name") ?? string.Empty, ["port"] = target ?? (int)(port.Long("port") ?? 0), ["protocol"] = port.Str("protocol") ?? "TCP" };
            if (port.Str("appProtocol") is { } ap)
            {
                o["appProtocol"] = ap;
            }

            return (JsonNode)o;
        }).ToArray());
        var slice = existingSlices.FirstOrDefault();
        var body = slice?.Clone() ?? new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["generateName"] = key.Name + "-",
                ["labels"] = new JsonObject
                {
                    ["kubernetes.io/service-name"] = key.Name,
                    ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io",
                },
                ["ownerReferences"] = new JsonArray(PodHelpers.OwnerReference(svc)),
            },
            ["addressType"] = "IPv4",
        };
        body["endpoints"] = endpoints;
        body["ports"] = slicePorts;
        if (slice is null)
        {
            Store.Create(sliceType, key.Namespace, body, Context);
        }
        else
        {
            Store.Update(sliceType, key.Namespace, slice.Name(), body, Context);
        }

        return Task.CompletedTask;
    }

    private void WriteEndpoints(ControllerKey key, JsonObject svc, List<JsonObject> pods, List<JsonObject> ports)
    {
        var type = Core.Core("endpoints");
        var subsets = new JsonArray();
        if (pods.Count > 0 && ports.Count > 0)
        {
            var ready = new JsonArray();
            var notReady = new JsonArray();
            foreach (var p in pods)
            {
                var address = new JsonObject
                {
                    ["ip"] = p.Str("status", "podIP"),
                    ["nodeName"] = p.Str("spec", "nodeName"),
                    ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = p.Namespace(), ["name"] = p.Name(), ["uid"] = p.Uid() },
                };
                (ProxyHandler.IsReady(p) ? ready : notReady).Add(address);
            }

            var subset = new JsonObject();
            if (ready.Count > 0)
            {
                subset["addresses"] = ready;
            }

            if (notReady.Count > 0)
            {
                subset["notReadyAddresses"] = notReady;
            }

            subset["ports"] = new JsonArray(ports.Select(port => (JsonNode)new JsonObject
            {
                ["name"] = port.Str("name"),
                ["port"] = pods.Select(p => ProxyHandler.ResolveTargetPort(p, port["targetPort"] ?? port["port"])).FirstOrDefault(t => t is not null) ?? (int)(port.Long("port") ?? 0),
                ["protocol"] = port.Str("protocol") ?? "TCP",
            }).ToArray());
            foreach (var p in subset["ports"]!.AsArray().OfType<JsonObject>().Where(p => p["name"] is null).ToList())
            {
                p.Remove("name");
            }

            subsets.Add(subset);
        }

        var existing = Store.TryGet(type, key.Namespace, key.Name);
        var body = existing?.Clone() ?? new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject { ["name"] = key.Name, ["labels"] = svc.Obj("metadata", "labels")?.DeepClone() ?? new JsonObject() },
        };
        if (subsets.Count > 0)
        {
            body["subsets"] = subsets;
        }
        else
        {
            body.Remove("subsets");
        }

        if (existing is null)
        {
            body.Metadata()["ownerReferences"] = null;
            body.Metadata().Remove("ownerReferences");
            Core.CreateIfAbsent(type, key.Namespace, body, Name);
        }
        else
        {
            Store.Update(type, key.Namespace, key.Name, body, Context);
        }
    }
}
