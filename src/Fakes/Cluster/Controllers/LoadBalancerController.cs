using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// k3s's servicelb and the bundled traefik as far as their effect on objects goes: LoadBalancer Services get the
/// node addresses in status.loadBalancer.ingress; Ingresses of the traefik class (or no class) get an address too.
/// </summary>
public sealed class LoadBalancerController : Controller
{
    private static readonly GroupResource Services = new(string.Empty, "services");
    private static readonly GroupResource Ingresses = new("networking.k8s.io", "ingresses");

    public LoadBalancerController(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "service-lb-controller";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [Services, Ingresses];

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var type = Core.TypeOf(key.Resource);
        var obj = Store.TryGet(type, key.Namespace, key.Name);
        if (obj is null || PodHelpers.IsDeleting(obj))
        {
            return Task.CompletedTask;
        }

        if (key.Resource == Services && obj.Str("spec", "type") != "LoadBalancer")
        {
            if (obj.Obj("status", "loadBalancer", "ingress") is not null || obj.Arr("status", "loadBalancer", "ingress") is { Count: > 0 })
            {
                var cleared = obj.Clone();
                cleared.Child("status")["loadBalancer"] = new JsonObject();
                Store.Update(type, key.Namespace, key.Name, cleared, Context, "status");
            }

            return Task.CompletedTask;
        }

        if (key.Resource == Ingresses && obj.Str("spec", "ingressClassName") is { } cls && cls != "traefik")
        {
            return Task.CompletedTask;
        }

        var ips = Store.ListRaw(new GroupResource(string.Empty, "nodes"))
            .Select(n => n.Arr("status", "addresses")?.OfType<JsonObject>().FirstOrDefault(a => a.Str("type") == "InternalIP")?.Str("address"))
            .Where(ip => ip is not null).Take(1).ToList();
        var ingress = new JsonArray(ips.Select(ip =>
        {
            var entry = new JsonObject { ["ip"] = ip };
            if (key.Resource == Services)
            {
                entry["ipMode"] = "VIP";
            }

            return (JsonNode)entry;
        }).ToArray());
        if (JsonNode.DeepEquals(obj.Arr("status", "loadBalancer", "ingress"), ingress))
        {
            return Task.CompletedTask;
        }

        var next = obj.Clone();
        next.Child("status")["loadBalancer"] = new JsonObject { ["ingress"] = ingress };
        Store.Update(type, key.Namespace, key.Name, next, Context, "status");
        return Task.CompletedTask;
    }
}
