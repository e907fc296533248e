using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Controllers;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Operators;

/// <summary>
/// A Gateway API implementation as far as its effect on objects goes (what agentgateway, Envoy Gateway or Istio write):
/// <list type="bullet">
/// <item>GatewayClass: <c>Accepted=True</c>.</item>
/// <item>Gateway of an existing class: <c>Accepted</c>/<c>Programmed</c>, an address, and per listener
/// <c>supportedKinds</c>, <c>attachedRoutes</c> and <c>Accepted</c>/<c>Programmed</c>/<c>ResolvedRefs</c>/<c>Conflicted</c>;
/// a TLS listener whose certificate Secret is missing (or in another namespace without a ReferenceGrant) gets
/// <c>ResolvedRefs=False</c>/<c>InvalidCertificateRef</c> and is not programmed.</item>
/// <item>HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute: one <c>status.parents</c> entry per parentRef whose Gateway
/// exists with a known class, with <c>Accepted</c> (<c>NotAllowedByListeners</c>, <c>NoMatchingParent</c>) and
/// <c>ResolvedRefs</c> (<c>BackendNotFound</c>, <c>InvalidKind</c>, <c>RefNotPermitted</c>), stamped with the route's
/// generation. A parent Gateway that does not exist gets no entry — no controller owns it — so the route stays
/// without status, as on a real cluster.</item>
/// </list>
/// Every class is treated as served by an installed controller: the simulated cluster stands in for any implementation.
/// Acts only while the Gateway API CRDs are registered.
/// </summary>
public sealed class GatewayApiController : Controller
{
    public const string Group = "gateway.networking.k8s.io";

    private static readonly GroupResource Classes = new(Group, "gatewayclasses");
    private static readonly GroupResource Gateways = new(Group, "gateways");
    private static readonly GroupResource Grants = new(Group, "referencegrants");
    private static readonly GroupResource Secrets = new(string.Empty, "secrets");
    private static readonly GroupResource Services = new(string.Empty, "services");
    private static readonly GroupResource Namespaces = new(string.Empty, "namespaces");

    private static readonly (GroupResource Resource, string Kind)[] RouteKinds =
    [
        (new(Group, "httproutes"), "HTTPRoute"),
        (new(Group, "grpcroutes"), "GRPCRoute"),
        (new(Group, "tlsroutes"), "TLSRoute"),
        (new(Group, "tcproutes"), "TCPRoute"),
        (new(Group, "udproutes"), "UDPRoute"),
    ];

    private static readonly string[] InferencePoolGroups = ["inference.networking.k8s.io", "inference.networking.x-k8s.io"];

    public GatewayApiController(ClusterCore core)
        : base(core)
    {
    }

    public override string Name => "gateway-api-controller";

    protected override IReadOnlyList<GroupResource>? Watches => null;

    protected override IEnumerable<ControllerKey> InitialKeys() =>
        new[] { Classes, Gateways }.Concat(RouteKinds.Select(r => r.Resource))
            .Where(gr => Core.Registry.Storage(gr) is not null)
            .SelectMany(gr => Store.ListRaw(gr).Select(o => new ControllerKey(gr, o.Namespace(), o.Name())));

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e)
    {
        var gr = e.Resource;
        if (gr == Classes)
        {
            return e.Type == WatchEventType.Deleted ? GatewaysOfClass(e.Object.Name()) : [Key(gr, e.Object), .. GatewaysOfClass(e.Object.Name())];
        }

        if (gr == Gateways)
        {
            var routes = AllRouteKeys();
            return e.Type == WatchEventType.Deleted ? routes : [Key(gr, e.Object), .. routes];
        }

        if (IsRoute(gr))
        {
            // The route's own status, and the attachedRoutes count of every Gateway it names (before and after).
            var self = e.Type == WatchEventType.Deleted ? [] : new[] { Key(gr, e.Object) };
            return self.Concat(ParentGatewayKeys(e.Object));
        }

        if (gr == Secrets)
        {
            return GatewaysReferencingSecret(e.Object);
        }

        if (gr == Grants)
        {
            return [.. AllGatewayKeys(), .. AllRouteKeys()];
        }

        if (gr == Services || gr == Namespaces || InferencePoolGroups.Contains(gr.Group))
        {
            return AllRouteKeys();
        }

        return [];
    }

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var type = Core.Registry.Storage(key.Resource);
        if (type is null)
        {
            return Task.CompletedTask;
        }

        var obj = Store.TryGet(type, key.Namespace, key.Name);
        if (obj is null || PodHelpers.IsDeleting(obj))
        {
            return Task.CompletedTask;
        }

        JsonObject? next = key.Resource == Classes ? ReconcileClass(obj)
            : key.Resource == Gateways ? ReconcileGateway(obj)
            : IsRoute(key.Resource) ? ReconcileRoute(obj)
            : null;
        if (next is not null)
        {
            Store.Update(type, key.Namespace, key.Name, next, Context, type.HasStatus ? "status" : null);
        }

        return Task.CompletedTask;
    }

    private JsonObject? ReconcileClass(JsonObject gc)
    {
        var generation = Generation(gc);
        var old = gc.Arr("status", "conditions");
        var conditions = new JsonArray(Condition(old, "Accepted", true, "Accepted", $"Accepted by the simulated controller for {gc.Str("spec", "controllerName") ?? "(no controllerName)"}", generation));
        return WithStatus(gc, s => s["conditions"] = conditions);
    }

    private JsonObject? ReconcileGateway(JsonObject gw)
    {
        var gc = Class(gw.Str("spec", "gatewayClassName"));
        if (gc is null)
        {
            // No controller claims a Gateway of an unknown class: its status stays as it is.
            return null;
        }

        var ns = gw.Namespace() ?? "default";
        var generation = Generation(gw);
        var oldListeners = gw.Arr("status", "listeners")?.OfType<JsonObject>().ToDictionary(l => l.Str("name") ?? string.Empty, StringComparer.Ordinal) ?? [];
        var listeners = new JsonArray();
        var invalid = 0;
        var specListeners = gw.Arr("spec", "listeners")?.OfType<JsonObject>().ToList() ?? [];
        var portProtocols = specListeners.GroupBy(l => l.Long("port")).ToDictionary(g => g.Key ?? 0, g => g.Select(l => l.Str("protocol")).Distinct().Count());
        foreach (var listener in specListeners)
        {
            var name = listener.Str("name") ?? string.Empty;
            var old = oldListeners.GetValueOrDefault(name)?.Arr("conditions");
            var (refsOk, refsReason, refsMessage) = CertificateRefs(listener, ns);
            var conflicted = portProtocols.GetValueOrDefault(listener.Long("port") ?? 0) > 1;
            var ok = refsOk && !conflicted;
            invalid += ok ? 0 : 1;
            listeners.Add(new JsonObject
            {
                ["name"] = name,
                ["supportedKinds"] = new JsonArray(SupportedKinds(listener).Select(k => (JsonNode)new JsonObject { ["group"] = Group, ["kind"] = k }).ToArray()),
                ["attachedRoutes"] = AttachedRoutes(gw, listener),
                ["conditions"] = new JsonArray(
                    Condition(old, "Accepted", !conflicted, conflicted ? "ProtocolConflict" : "Accepted", conflicted ? "Another listener uses this port with a different protocol" : "Listener accepted", generation),
                    Condition(old, "Conflicted", conflicted, conflicted ? "ProtocolConflict" : "NoConflicts", conflicted ? "Another listener uses this port with a different protocol" : "No conflicts", generation),
                    Condition(old, "Programmed", ok, ok ? "Programmed" : "Invalid", ok ? "Listener programmed" : "Listener is invalid: " + (refsOk ? "protocol conflict" : refsMessage), generation),
                    Condition(old, "ResolvedRefs", refsOk, refsReason, refsMessage, generation)),
            });
        }

        var programmed = specListeners.Count == 0 || invalid < specListeners.Count;
        var oldConditions = gw.Arr("status", "conditions");
        var conditions = new JsonArray(
            Condition(oldConditions, "Accepted", true, invalid == 0 ? "Accepted" : "ListenersNotValid", invalid == 0 ? "Gateway accepted" : $"{invalid} listener(s) are not valid", generation),
            Condition(oldConditions, "Programmed", programmed, programmed ? "Programmed" : "Invalid", programmed ? "Gateway programmed (simulated data plane)" : "No listener could be programmed", generation));
        var addresses = gw.Arr("spec", "addresses") is { Count: > 0 } requested
            ? new JsonArray(requested.OfType<JsonObject>().Select(a => (JsonNode)new JsonObject { ["type"] = a.Str("type") ?? "IPAddress", ["value"] = a.Str("value") }).ToArray())
            : new JsonArray(new JsonObject { ["type"] = "IPAddress", ["value"] = GatewayAddress(gw) });
        return WithStatus(gw, s =>
        {
            s["addresses"] = addresses;
            s["conditions"] = conditions;
            s["listeners"] = listeners;
        });
    }

    private JsonObject? ReconcileRoute(JsonObject route)
    {
        var ns = route.Namespace() ?? "default";
        var kind = route.Str("kind") ?? "HTTPRoute";
        var generation = Generation(route);
        var oldParents = route.Arr("status", "parents")?.OfType<JsonObject>().ToList() ?? [];
        var ours = new HashSet<string>(StringComparer.Ordinal);
        var parents = new JsonArray();
        var (refsOk, refsReason, refsMessage) = BackendRefs(route, ns, kind);
        foreach (var parentRef in route.Arr("spec", "parentRefs")?.OfType<JsonObject>() ?? [])
        {
            if ((parentRef.Str("group") ?? Group) != Group || (parentRef.Str("kind") ?? "Gateway") != "Gateway")
            {
                continue;
            }

            var gwNs = parentRef.Str("namespace") ?? ns;
            var gw = Store.ListRaw(Gateways, gwNs).FirstOrDefault(g => g.Name() == parentRef.Str("name"));
            var gc = gw is null ? null : Class(gw.Str("spec", "gatewayClassName"));
            if (gw is null || gc is null)
            {
                continue;
            }

            var controllerName = gc.Str("spec", "controllerName") ?? "simulated";
            ours.Add(controllerName);
            var reference = new JsonObject { ["group"] = Group, ["kind"] = "Gateway", ["name"] = gw.Name(), ["namespace"] = gwNs };
            if (parentRef.Str("sectionName") is { } section)
            {
                reference["sectionName"] = section;
            }

            if (parentRef.Long("port") is { } port)
            {
                reference["port"] = port;
            }

            var old = oldParents.FirstOrDefault(p => JsonNode.DeepEquals(p["parentRef"], reference))?.Arr("conditions");
            var (accepted, acceptReason, acceptMessage) = Admission(gw, parentRef, ns, kind);
            parents.Add(new JsonObject
            {
                ["parentRef"] = reference,
                ["controllerName"] = controllerName,
                ["conditions"] = new JsonArray(
                    Condition(old, "Accepted", accepted, acceptReason, acceptMessage, generation),
                    Condition(old, "ResolvedRefs", refsOk, refsReason, refsMessage, generation)),
            });
        }

        // Entries written by other controllers stay; ours are replaced by what is true now.
        var kept = oldParents.Where(p => p.Str("controllerName") is { } c && !ours.Contains(c) && !IsStale(route, p)).Select(p => (JsonNode)p.DeepClone());
        var all = new JsonArray([.. kept, .. parents.Select(p => p!.DeepClone())]);
        if (all.Count == 0 && route.Obj("status") is null)
        {
            return null;
        }

        return WithStatus(route, s => s["parents"] = all);
    }

    /// <summary>An entry of a parent the route no longer names, or whose Gateway is gone, is removed.</summary>
    private bool IsStale(JsonObject route, JsonObject parentStatus)
    {
        var reference = parentStatus.Obj("parentRef");
        var ns = route.Namespace() ?? "default";
        var named = route.Arr("spec", "parentRefs")?.OfType<JsonObject>().Any(p =>
            p.Str("name") == reference?.Str("name") && (p.Str("namespace") ?? ns) == (reference?.Str("namespace") ?? ns)) ?? false;
        var exists = reference?.Str("name") is { } n && Store.ListRaw(Gateways, reference.Str("namespace") ?? ns).Any(g => g.Name() == n);
        return !named || !exists;
    }

    /// <summary>Whether some listener of the Gateway admits the route (sectionName, port, namespaces, kinds).</summary>
    private (bool Ok, string Reason, string Message) Admission(JsonObject gw, JsonObject parentRef, string routeNs, string kind)
    {
        var listeners = gw.Arr("spec", "listeners")?.OfType<JsonObject>().ToList() ?? [];
        var candidates = listeners
            .Where(l => parentRef.Str("sectionName") is not { } s || l.Str("name") == s)
            .Where(l => parentRef.Long("port") is not { } p || l.Long("port") == p)
            .ToList();
        if (candidates.Count == 0)
        {
            return (false, "NoMatchingParent", parentRef.Str("sectionName") is { } s
                ? $"Gateway {gw.Namespace()}/{gw.Name()} has no listener named {s}"
                : $"Gateway {gw.Namespace()}/{gw.Name()} has no listener on port {parentRef.Long("port")}");
        }

        var admitting = candidates.Where(l => AllowsNamespace(l, gw.Namespace() ?? "default", routeNs) && SupportedKinds(l).Contains(kind)).ToList();
        if (admitting.Count == 0)
        {
            return (false, "NotAllowedByListeners", $"No listener of Gateway {gw.Namespace()}/{gw.Name()} allows a {kind} from namespace {routeNs}");
        }

        return (true, "Accepted", "Route accepted");
    }

    private bool AllowsNamespace(JsonObject listener, string gwNs, string routeNs)
    {
        var namespaces = listener.Obj("allowedRoutes", "namespaces");
        switch (namespaces?.Str("from") ?? "Same")
        {
            case "All":
                return true;
            case "Selector":
                var nsObj = Store.ListRaw(Namespaces).FirstOrDefault(n => n.Name() == routeNs);
                return nsObj is not null && LabelSelectorMatches(namespaces!.Obj("selector"), nsObj.Labels());
            default:
                return routeNs == gwNs;
        }
    }

    private static bool LabelSelectorMatches(JsonObject? selector, Dictionary<string, string> labels)
    {
        if (selector is null)
        {
            return true;
        }

        foreach (var (k, v) in selector.Obj("matchLabels") ?? [])
        {
            if (!labels.TryGetValue(k, out var actual) || actual != v?.ToString())
            {
                return false;
            }
        }

        foreach (var expr in selector.Arr("matchExpressions")?.OfType<JsonObject>() ?? [])
        {
            var key = expr.Str("key") ?? string.Empty;
            var values = expr.Arr("values")?.Select(v => v?.ToString()).ToList() ?? [];
            var has = labels.TryGetValue(key, out var value);
            var ok = expr.Str("operator") switch
            {
                "In" => has && values.Contains(value),
                "NotIn" => !has || !values.Contains(value),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<string> SupportedKinds(JsonObject listener)
    {
        var defaults = (listener.Str("protocol") ?? "HTTP") switch
        {
            "HTTP" or "HTTPS" => new[] { "HTTPRoute", "GRPCRoute" },
            "TLS" => ["TLSRoute"],
            "TCP" => ["TCPRoute"],
            "UDP" => ["UDPRoute"],
            _ => [],
        };
        if (listener.Arr("allowedRoutes", "kinds") is { Count: > 0 } kinds)
        {
            return kinds.OfType<JsonObject>().Where(k => (k.Str("group") ?? Group) == Group).Select(k => k.Str("kind") ?? string.Empty).Where(defaults.Contains).ToList();
        }

        return defaults;
    }

    private int AttachedRoutes(JsonObject gw, JsonObject listener)
    {
        var gwNs = gw.Namespace() ?? "default";
        var count = 0;
        foreach (var (resource, kind) in RouteKinds)
        {
            if (Core.Registry.Storage(resource) is null || !SupportedKinds(listener).Contains(kind))
            {
                continue;
            }

            foreach (var route in Store.ListRaw(resource))
            {
                var routeNs = route.Namespace() ?? "default";
                var attaches = route.Arr("spec", "parentRefs")?.OfType<JsonObject>().Any(p =>
                    (p.Str("kind") ?? "Gateway") == "Gateway" && p.Str("name") == gw.Name() && (p.Str("namespace") ?? routeNs) == gwNs
                    && (p.Str("sectionName") is not { } s || s == listener.Str("name"))
                    && (p.Long("port") is not { } port || port == listener.Long("port"))) ?? false;
                if (attaches && AllowsNamespace(listener, gwNs, routeNs))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>A TLS listener's certificateRefs: Secrets that exist, in the Gateway's namespace or granted.</summary>
    private (bool Ok, string Reason, string Message) CertificateRefs(JsonObject listener, string gwNs)
    {
        foreach (var cert in listener.Arr("tls", "certificateRefs")?.OfType<JsonObject>() ?? [])
        {
            var kind = cert.Str("kind") ?? "Secret";
            var group = cert.Str("group") ?? string.Empty;
            var name = cert.Str("name") ?? string.Empty;
            var ns = cert.Str("namespace") ?? gwNs;
            if (group.Length > 0 || kind != "Secret")
            {
                return (false, "InvalidCertificateRef", $"Unsupported certificate reference kind {kind}");
            }

            if (ns != gwNs && !Granted("Gateway", gwNs, string.Empty, "Secret", ns, name))
            {
                return (false, "RefNotPermitted", $"Certificate reference to Secret {ns}/{name} is not permitted by any ReferenceGrant");
            }

            if (!Store.ListRaw(Secrets, ns).Any(s => s.Name() == name))
            {
                return (false, "InvalidCertificateRef", $"Secret {ns}/{name} does not exist");
            }
        }

        return (true, "ResolvedRefs", "References resolved");
    }

    /// <summary>Every backendRef of the route: kind known, object present, cross-namespace references granted.</summary>
    private (bool Ok, string Reason, string Message) BackendRefs(JsonObject route, string routeNs, string routeKind)
    {
        foreach (var rule in route.Arr("spec", "rules")?.OfType<JsonObject>() ?? [])
        {
            foreach (var backend in rule.Arr("backendRefs")?.OfType<JsonObject>() ?? [])
            {
                var group = backend.Str("group") ?? string.Empty;
                var kind = backend.Str("kind") ?? "Service";
                var name = backend.Str("name") ?? string.Empty;
                var ns = backend.Str("namespace") ?? routeNs;
                GroupResource? resource = (group, kind) switch
                {
                    ("", "Service") => Services,
                    _ when kind == "InferencePool" && InferencePoolGroups.Contains(group) => new GroupResource(group, "inferencepools"),
                    _ => null,
                };
                if (resource is null || Core.Registry.Storage(resource.Value) is null)
                {
                    return (false, "InvalidKind", $"Unsupported backend kind {(group.Length > 0 ? group + "/" : string.Empty)}{kind} in backendRef {name}");
                }

                if (ns != routeNs && !Granted(routeKind, routeNs, group, kind, ns, name))
                {
                    return (false, "RefNotPermitted", $"backendRef {kind} {ns}/{name} is in another namespace and no ReferenceGrant permits it");
                }

                if (!Store.ListRaw(resource.Value, ns).Any(o => o.Name() == name))
                {
                    return (false, "BackendNotFound", $"backendRef {kind} {ns}/{name} not found");
                }
            }
        }

        return (true, "ResolvedRefs", "All references resolved");
    }

    /// <summary>Whether a ReferenceGrant in the target namespace lets <paramref name="fromKind"/> objects of <paramref name="fromNs"/> refer to the target.</summary>
    private bool Granted(string fromKind, string fromNs, string toGroup, string toKind, string toNs, string toName)
    {
        if (Core.Registry.Storage(Grants) is null)
        {
            return false;
        }

        return Store.ListRaw(Grants, toNs).Any(g =>
            (g.Arr("spec", "from")?.OfType<JsonObject>().Any(f => f.Str("group") == Group && f.Str("kind") == fromKind && f.Str("namespace") == fromNs) ?? false)
            && (g.Arr("spec", "to")?.OfType<JsonObject>().Any(t => (t.Str("group") ?? string.Empty) == toGroup && t.Str("kind") == toKind && (t.Str("name") is not { } n || n == toName)) ?? false));
    }

    private JsonObject? Class(string? name) =>
        name is null || Core.Registry.Storage(Classes) is null ? null : Store.ListRaw(Classes).FirstOrDefault(c => c.Name() == name && !PodHelpers.IsDeleting(c));

    /// <summary>A stable address per Gateway in the service range, as a load balancer would hand out.</summary>
    private static string GatewayAddress(JsonObject gw)
    {
        var hash = (uint)StableHash($"{gw.Namespace()}/{gw.Name()}");
        return string.Create(CultureInfo.InvariantCulture, $"10.0.{(hash >> 8) % 250 + 1}.{hash % 250 + 2}");
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s)
        {
            h = unchecked((h * 31) + c);
        }

        return h;
    }

    /// <summary>A condition with lastTransitionTime kept from <paramref name="old"/> when the status did not change.</summary>
    private JsonObject Condition(JsonArray? old, string type, bool status, string reason, string message, long generation)
    {
        var value = status ? "True" : "False";
        var previous = old?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        var since = previous is not null && previous.Str("status") == value ? previous.Str("lastTransitionTime") : null;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["reason"] = reason,
            ["message"] = message,
            ["observedGeneration"] = generation,
            ["lastTransitionTime"] = since ?? JsonNodes.Rfc3339(Core.Time.GetUtcNow()),
        };
    }

    /// <summary>The object with its status edited, or null when nothing changed.</summary>
    private static JsonObject? WithStatus(JsonObject obj, Action<JsonObject> edit)
    {
        var next = obj.Clone();
        edit(next.Child("status"));
        return JsonNode.DeepEquals(obj["status"], next["status"]) ? null : next;
    }

    private static long Generation(JsonObject obj) => obj.Long("metadata", "generation") ?? 1;

    private static bool IsRoute(GroupResource gr) => RouteKinds.Any(r => r.Resource == gr);

    private static ControllerKey Key(GroupResource gr, JsonObject obj) => new(gr, obj.Namespace(), obj.Name());

    private IEnumerable<ControllerKey> GatewaysOfClass(string className) =>
        Core.Registry.Storage(Gateways) is null ? [] : Store.ListRaw(Gateways).Where(g => g.Str("spec", "gatewayClassName") == className).Select(g => Key(Gateways, g)).ToList();

    private List<ControllerKey> AllGatewayKeys() =>
        Core.Registry.Storage(Gateways) is null ? [] : Store.ListRaw(Gateways).Select(g => Key(Gateways, g)).ToList();

    private List<ControllerKey> AllRouteKeys() =>
        RouteKinds.Where(r => Core.Registry.Storage(r.Resource) is not null)
            .SelectMany(r => Store.ListRaw(r.Resource).Select(o => Key(r.Resource, o))).ToList();

    private IEnumerable<ControllerKey> ParentGatewayKeys(JsonObject route)
    {
        var ns = route.Namespace() ?? "default";
        return route.Arr("spec", "parentRefs")?.OfType<JsonObject>()
            .Where(p => (p.Str("kind") ?? "Gateway") == "Gateway" && p.Str("name") is not null)
            .Select(p => new ControllerKey(Gateways, p.Str("namespace") ?? ns, p.Str("name")!)).ToList() ?? [];
    }

    private IEnumerable<ControllerKey> GatewaysReferencingSecret(JsonObject secret)
    {
        if (Core.Registry.Storage(Gateways) is null)
        {
            return [];
        }

        var ns = secret.Namespace();
        return Store.ListRaw(Gateways).Where(g => g.Arr("spec", "listeners")?.OfType<JsonObject>()
                .Any(l => l.Arr("tls", "certificateRefs")?.OfType<JsonObject>().Any(c => c.Str("name") == secret.Name() && (c.Str("namespace") ?? g.Namespace()) == ns) ?? false) ?? false)
            .Select(g => Key(Gateways, g)).ToList();
    }
}
