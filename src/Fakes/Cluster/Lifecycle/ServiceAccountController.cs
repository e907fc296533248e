using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Controllers;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Lifecycle;

/// <summary>Gives every active namespace its <c>default</c> ServiceAccount and the <c>kube-root-ca.crt</c> ConfigMap, recreating them when deleted.</summary>
public sealed class ServiceAccountController : Controller
{
    private static readonly GroupResource ServiceAccounts = new(string.Empty, "serviceaccounts");
    private static readonly GroupResource ConfigMaps = new(string.Empty, "configmaps");

    public ServiceAccountController(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "serviceaccount-controller";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [ResourceStore.Namespaces, ServiceAccounts, ConfigMaps];

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e)
    {
        if (e.Resource == ResourceStore.Namespaces)
        {
            return [new ControllerKey(ResourceStore.Namespaces, null, e.Object.Name())];
        }

        if (e.Type == WatchEventType.Deleted && e.Object.Name() is "default" or "kube-root-ca.crt")
        {
            return [new ControllerKey(ResourceStore.Namespaces, null, e.Object.Namespace() ?? string.Empty)];
        }

        return [];
    }

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var ns = Core.Objects.Get(ResourceStore.Namespaces, null, key.Name);
        if (ns is null || PodHelpers.IsDeleting(ns))
        {
            return Task.CompletedTask;
        }

        if (Core.Objects.Get(ServiceAccounts, key.Name, "default") is null)
        {
            Core.CreateIfAbsent(Core.Core("serviceaccounts"), key.Name, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new JsonObject { ["name"] = "default" },
            }, Name);
        }

        if (Core.Objects.Get(ConfigMaps, key.Name, "kube-root-ca.crt") is null)
        {
            Core.CreateIfAbsent(Core.Core("configmaps"), key.Name, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject { ["name"] = "kube-root-ca.crt" },
                ["data"] = new JsonObject { ["ca.crt"] = "-----BEGIN CERTIFICATE-----\nsimulated\n-----END CERTIFICATE-----\n" },
            }, "root-ca-cert-publisher");
        }

        return Task.CompletedTask;
    }
}
