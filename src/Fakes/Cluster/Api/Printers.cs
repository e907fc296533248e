using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Validators.Labels;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>One Table column with how to compute its cell.</summary>
public sealed record PrinterColumnDef(string Name, string Type, string? Format, string Description, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell);

/// <summary>The printer columns of built-in kinds (as kubectl get shows them) and of CRDs (additionalPrinterColumns).</summary>
public static class Printers
{
    private static readonly PrinterColumnDef NameColumn = new("Name", "string", "name", "Name must be unique within a namespace.", 0, (o, _) => o.Name());
    private static readonly PrinterColumnDef AgeColumn = new("Age", "string", null, "CreationTimestamp is a timestamp representing the server time when this object was created.", 0, (o, now) => Age(o, now));

    public static IReadOnlyList<PrinterColumnDef> Columns(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsCustom)
        {
            if (type.PrinterColumns.Count == 0)
            {
                return [NameColumn, AgeColumn];
            }

            var cols = new List<PrinterColumnDef> { NameColumn };
            foreach (var c in type.PrinterColumns)
            {
                var col = c;
                var cellType = col.Type == "date" ? "string" : col.Type;
                cols.Add(new PrinterColumnDef(col.Name, cellType, col.Format, col.Description, col.Priority, (o, now) => Tables.Cell(Tables.EvaluateJsonPath(o, col.JsonPath), col.Type, now)));
            }

            return cols;
        }

        return (type.Group, type.Kind) switch
        {
            ("", "Pod") =>
            [
                NameColumn,
                C("Ready", (o, _) => PodReady(o)),
                C("Status", (o, _) => PodStatus(o)),
                C("Restarts", (o, _) => Restarts(o), "string"),
                AgeColumn,
                C("IP", (o, _) => o.Str("status", "podIP") ?? "<none>", priority: 1),
                C("Node", (o, _) => o.Str("spec", "nodeName") ?? "<none>", priority: 1),
                C("Nominated Node", (o, _) => o.Str("status", "nominatedNodeName") ?? "<none>", priority: 1),
                C("Readiness Gates", (o, _) => "<none>", priority: 1),
            ],
            ("apps", "Deployment") =>
            [
                NameColumn,
                C("Ready", (o, _) => $"{N(o, "status", "readyReplicas")}/{N(o, "spec", "replicas")}"),
                C("Up-to-date", (o, _) => N(o, "status", "updatedReplicas"), "integer"),
                C("Available", (o, _) => N(o, "status", "availableReplicas"), "integer"),
                AgeColumn,
                C("Containers", (o, _) => Containers(o, "spec", "template", "spec"), priority: 1),
                C("Images", (o, _) => Images(o, "spec", "template", "spec"), priority: 1),
                C("Selector", (o, _) => Selector(o), priority: 1),
            ],
            ("apps", "ReplicaSet") or ("", "ReplicationController") =>
            [
                NameColumn,
                C("Desired", (o, _) => N(o, "spec", "replicas"), "integer"),
                C("Current", (o, _) => N(o, "status", "replicas"), "integer"),
                C("Ready", (o, _) => N(o, "status", "readyReplicas"), "integer"),
                AgeColumn,
                C("Containers", (o, _) => Containers(o, "spec", "template", "spec"), priority: 1),
                C("Images", (o, _) => Images(o, "spec", "template", "spec"), priority: 1),
                C("Selector", (o, _) => Selector(o), priority: 1),
            ],
            ("apps", "StatefulSet") =>
            [
                NameColumn,
                C("Ready", (o, _) => $"{N(o, "status", "readyReplicas")}/{N(o, "spec", "replicas")}"),
                AgeColumn,
                C("Containers", (o, _) => Containers(o, "spec", "template", "spec"), priority: 1),
                C("Images", (o, _) => Images(o, "spec", "template", "spec"), priority: 1),
            ],
            ("apps", "DaemonSet") =>
            [
                NameColumn,
                C("Desired", (o, _) => N(o, "status", "desiredNumberScheduled"), "integer"),
                C("Current", (o, _) => N(o, "status", "currentNumberScheduled"), "integer"),
                C("Ready", (o, _) => N(o, "status", "numberReady"), "integer"),
                C("Up-to-date", (o, _) => N(o, "status", "updatedNumberScheduled"), "integer"),
                C("Available", (o, _) => N(o, "status", "numberAvailable"), "integer"),
                C("Node Selector", (o, _) => MapText(o.Obj("spec", "template", "spec", "nodeSelector"))),
                AgeColumn,
            ],
            ("batch", "Job") =>
            [
                NameColumn,
                C("Status", (o, _) => JobStatus(o)),
                C("Completions", (o, _) => $"{N(o, "status", "succeeded")}/{o.Long("spec", "completions")?.ToString(CultureInfo.InvariantCulture) ?? "1"}"),
                C("Duration", (o, now) => JobDuration(o, now)),
                AgeColumn,
            ],
            ("batch", "CronJob") =>
            [
                NameColumn,
                C("Schedule", (o, _) => o.Str("spec", "schedule") ?? string.Empty),
                C("Timezone", (o, _) => o.Str("spec", "timeZone") ?? "<none>"),
                C("Suspend", (o, _) => (o.Bool("spec", "suspend") ?? false) ? "True" : "False"),
                C("Active", (o, _) => o.Arr("status", "active")?.Count ?? 0, "integer"),
                C("Last Schedule", (o, now) => JsonNodes.ParseTime(o.Str("status", "lastScheduleTime")) is { } t ? HumanDuration.Format(now - t) : "<none>"),
                AgeColumn,
            ],
            ("", "Service") =>
            [
                NameColumn,
                C("Type", (o, _) => o.Str("spec", "type") ?? "ClusterIP"),
                C("Cluster-IP", (o, _) => o.Str("spec", "clusterIP") ?? "<none>"),
                C("External-IP", (o, _) => ExternalIp(o)),
                C("Port(s)", (o, _) => ServicePorts(o)),
                AgeColumn,
                C("Selector", (o, _) => MapText(o.Obj("spec", "selector")), priority: 1),
            ],
            ("", "Namespace") => [NameColumn, C("Status", (o, _) => o.Str("status", "phase") ?? string.Empty), AgeColumn],
            ("", "Node") =>
            [
                NameColumn,
                C("Status", (o, _) => NodeStatus(o)),
                C("Roles", (o, _) => NodeRoles(o)),
                AgeColumn,
                C("Version", (o, _) => o.Str("status", "nodeInfo", "kubeletVersion") ?? string.Empty),
                C("Internal-IP", (o, _) => o.Arr("status", "addresses")?.OfType<JsonObject>().FirstOrDefault(a => a.Str("type") == "InternalIP")?.Str("address") ?? "<none>", priority: 1),
                C("External-IP", (o, _) => "<none>", priority: 1),
                C("OS-Image", (o, _) => o.Str("status", "nodeInfo", "osImage") ?? string.Empty, priority: 1),
                C("Kernel-Version", (o, _) => o.Str("status", "nodeInfo", "kernelVersion") ?? string.Empty, priority: 1),
                C("Container-Runtime", (o, _) => o.Str("status", "nodeInfo", "containerRuntimeVersion") ?? string.Empty, priority: 1),
            ],
            ("", "ConfigMap") => [NameColumn, C("Data", (o, _) => (o.Obj("data")?.Count ?? 0) + (o.Obj("binaryData")?.Count ?? 0), "integer"), AgeColumn],
            ("", "Secret") => [NameColumn, C("Type", (o, _) => o.Str("type") ?? "Opaque"), C("Data", (o, _) => o.Obj("data")?.Count ?? 0, "integer"), AgeColumn],
            ("", "ServiceAccount") => [NameColumn, C("Secrets", (o, _) => o.Arr("secrets")?.Count ?? 0, "integer"), AgeColumn],
            ("", "PersistentVolumeClaim") =>
            [
                NameColumn,
                C("Status", (o, _) => o.Str("status", "phase") ?? string.Empty),
                C("Volume", (o, _) => o.Str("spec", "volumeName") ?? string.Empty),
                C("Capacity", (o, _) => o.Str("status", "capacity", "storage") ?? string.Empty),
                C("Access Modes", (o, _) => AccessModes(o.Arr("status", "accessModes"))),
                C("StorageClass", (o, _) => o.Str("spec", "storageClassName") ?? "<unset>"),
                C("VolumeAttributesClass", (o, _) => o.Str("spec", "volumeAttributesClassName") ?? "<unset>"),
                AgeColumn,
            ],
            ("", "PersistentVolume") =>
            [
                NameColumn,
                C("Capacity", (o, _) => o.Str("spec", "capacity", "storage") ?? string.Empty),
                C("Access Modes", (o, _) => AccessModes(o.Arr("spec", "accessModes"))),
                C("Reclaim Policy", (o, _) => o.Str("spec", "persistentVolumeReclaimPolicy") ?? string.Empty),
                C("Status", (o, _) => o.Str("status", "phase") ?? string.Empty),
                C("Claim", (o, _) => o.Str("spec", "claimRef", "name") is { } n ? $"{o.Str("spec", "claimRef", "namespace")}/{n}" : string.Empty),
                C("StorageClass", (o, _) => o.Str("spec", "storageClassName") ?? string.Empty),
                C("VolumeAttributesClass", (o, _) => "<unset>"),
                C("Reason", (o, _) => o.Str("status", "reason") ?? string.Empty),
                AgeColumn,
            ],
            ("", "Event") =>
            [
                C("Last Seen", (o, now) => JsonNodes.ParseTime(o.Str("lastTimestamp") ?? o.Str("eventTime")) is { } t ? HumanDuration.Format(now - t) : "<unknown>"),
                C("Type", (o, _) => o.Str("type") ?? string.Empty),
                C("Reason", (o, _) => o.Str("reason") ?? string.Empty),
                C("Object", (o, _) => $"{o.Str("involvedObject", "kind")?.ToLowerInvariant()}/{o.Str("involvedObject", "name")}"),
                C("Message", (o, _) => o.Str("message") ?? string.Empty),
                NameColumn with { Priority = 1 },
            ],
            ("", "Endpoints") => [NameColumn, C("Endpoints", (o, _) => EndpointsText(o)), AgeColumn],
            ("discovery.k8s.io", "EndpointSlice") =>
            [
                NameColumn,
                C("AddressType", (o, _) => o.Str("addressType") ?? string.Empty),
                C("Ports", (o, _) => string.Join(",", o.Arr("ports")?.OfType<JsonObject>().Select(p => p.Long("port")?.ToString(CultureInfo.InvariantCulture) ?? "<unset>") ?? []) is { Length: > 0 } s ? s : "<unset>"),
                C("Endpoints", (o, _) => string.Join(",", o.Arr("endpoints")?.OfType<JsonObject>().SelectMany(e => e.Arr("addresses")?.Select(a => a?.GetValue<string>()) ?? []) ?? []) is { Length: > 0 } s ? s : "<unset>"),
                AgeColumn,
            ],
            ("networking.k8s.io", "Ingress") =>
            [
                NameColumn,
                C("Class", (o, _) => o.Str("spec", "ingressClassName") ?? "<none>"),
                C("Hosts", (o, _) => string.Join(",", o.Arr("spec", "rules")?.OfType<JsonObject>().Select(r => r.Str("host") ?? "*") ?? []) is { Length: > 0 } s ? s : "*"),
                C("Address", (o, _) => string.Join(",", o.Arr("status", "loadBalancer", "ingress")?.OfType<JsonObject>().Select(i => i.Str("ip") ?? i.Str("hostname")) ?? [])),
                C("Ports", (o, _) => o.Arr("spec", "tls") is { Count: > 0 } ? "80, 443" : "80"),
                AgeColumn,
            ],
            ("storage.k8s.io", "StorageClass") =>
            [
                C("Name", (o, _) => o.Obj("metadata", "annotations")?.Str("storageclass.kubernetes.io/is-default-class") == "true" ? o.Name() + " (default)" : o.Name(), format: "name"),
                C("Provisioner", (o, _) => o.Str("provisioner") ?? string.Empty),
                C("ReclaimPolicy", (o, _) => o.Str("reclaimPolicy") ?? "Delete"),
                C("VolumeBindingMode", (o, _) => o.Str("volumeBindingMode") ?? "Immediate"),
                C("AllowVolumeExpansion", (o, _) => (o.Bool("allowVolumeExpansion") ?? false) ? "true" : "false"),
                AgeColumn,
            ],
            ("apiextensions.k8s.io", "CustomResourceDefinition") => [NameColumn, C("Created At", (o, _) => o.Str("metadata", "creationTimestamp"), format: "date")],
            ("autoscaling", "HorizontalPodAutoscaler") =>
            [
                NameColumn,
                C("Reference", (o, _) => $"{o.Str("spec", "scaleTargetRef", "kind")}/{o.Str("spec", "scaleTargetRef", "name")}"),
                C("Targets", (o, _) => "<unknown>"),
                C("MinPods", (o, _) => o.Long("spec", "minReplicas") ?? 1, "integer"),
                C("MaxPods", (o, _) => o.Long("spec", "maxReplicas") ?? 0, "integer"),
                C("Replicas", (o, _) => N(o, "status", "currentReplicas"), "integer"),
                AgeColumn,
            ],
            ("policy", "PodDisruptionBudget") =>
            [
                NameColumn,
                C("Min Available", (o, _) => o["spec"]?["minAvailable"]?.ToString() ?? "N/A"),
                C("Max Unavailable", (o, _) => o["spec"]?["maxUnavailable"]?.ToString() ?? "N/A"),
                C("Allowed Disruptions", (o, _) => N(o, "status", "disruptionsAllowed"), "integer"),
                AgeColumn,
            ],
            ("networking.k8s.io", "IngressClass") => [NameColumn, C("Controller", (o, _) => o.Str("spec", "controller") ?? string.Empty), C("Parameters", (o, _) => "<none>"), AgeColumn],
            ("coordination.k8s.io", "Lease") => [NameColumn, C("Holder", (o, _) => o.Str("spec", "holderIdentity") ?? string.Empty), AgeColumn],
            ("apps", "ControllerRevision") => [NameColumn, C("Controller", (o, _) => o.Arr("metadata", "ownerReferences")?.OfType<JsonObject>().FirstOrDefault() is { } r ? $"{r.Str("kind")?.ToLowerInvariant()}.{r.Str("apiVersion")?.Split('/')[0]}/{r.Str("name")}" : "<none>"), C("Revision", (o, _) => o.Long("revision") ?? 0, "integer"), AgeColumn],
            ("rbac.authorization.k8s.io", "RoleBinding" or "ClusterRoleBinding") => [NameColumn, C("Role", (o, _) => $"{o.Str("roleRef", "kind")}/{o.Str("roleRef", "name")}"), AgeColumn],
            _ => [NameColumn, C("Created At", (o, _) => o.Str("metadata", "creationTimestamp"), format: "date")],
        };
    }

    private static PrinterColumnDef C(string name, Func<JsonObject, DateTimeOffset, JsonNode?> cell, string type = "string", int priority = 0, string? format = null) =>
        new(name, type, format, name, priority, cell);

    private static string Age(JsonObject o, DateTimeOffset now) =>
        JsonNodes.ParseTime(o.Str("metadata", "creationTimestamp")) is { } t ? HumanDuration.Format(now - t) : "<unknown>";

    private static long N(JsonObject o, params string[] path) => o.Long(path) ?? 0;

    private static string PodReady(JsonObject o)
    {
        var total = o.Arr("spec", "containers")?.Count ?? 0;
        var ready = o.Arr("status", "containerStatuses")?.OfType<JsonObject>().Count(c => c.Bool("ready") == true) ?? 0;
        return $"{ready}/{total}";
    }

    /// <summary>The STATUS column of kubectl get pods (phase, or the waiting/terminated reason, or Terminating).</summary>
    public static string PodStatus(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var reason = o.Str("status", "reason") ?? o.Str("status", "phase") ?? "Unknown";
        foreach (var c in o.Arr("status", "initContainerStatuses")?.OfType<JsonObject>() ?? [])
        {
            if (c.Str("state", "waiting", "reason") is { } w && w != "PodInitializing")
            {
                return "Init:" + w;
            }
        }

        foreach (var c in o.Arr("status", "containerStatuses")?.OfType<JsonObject>() ?? [])
        {
            if (c.Str("state", "waiting", "reason") is { Length: > 0 } w)
            {
                reason = w;
            }
            else if (c.Obj("state", "terminated") is { } t && reason is not ("Completed" or "Error"))
            {
                reason = t.Str("reason") ?? "Terminated";
            }
        }

        if (o.Str("metadata", "deletionTimestamp") is not null)
        {
            reason = "Terminating";
        }

        return reason;
    }

    private static long Restarts(JsonObject o) => o.Arr("status", "containerStatuses")?.OfType<JsonObject>().Sum(c => c.Long("restartCount") ?? 0) ?? 0;

    private static string Containers(JsonObject o, params string[] specPath) =>
        string.Join(",", o.Arr([.. specPath, "containers"])?.OfType<JsonObject>().Select(c => c.Str("name")) ?? []);

    private static string Images(JsonObject o, params string[] specPath) =>
        string.Join(",", o.Arr([.. specPath, "containers"])?.OfType<JsonObject>().Select(c => c.Str("image")) ?? []);

    private static string Selector(JsonObject o) =>
        o.Obj("spec", "selector") is { } s ? LabelSelector.FromObject(s).ToString() : "<none>";

    private static string MapText(JsonObject? map) =>
        map is { Count: > 0 } ? string.Join(",", JsonNodes.StringMap(map).Select(kv => $"{kv.Key}={kv.Value}")) : "<none>";

    private static string JobStatus(JsonObject o)
    {
        if (JsonNodes.ConditionStatus(o, "Complete") == "True")
        {
            return "Complete";
        }

        if (JsonNodes.ConditionStatus(o, "Failed") == "True")
        {
            return "Failed";
        }

        if (o.Str("metadata", "deletionTimestamp") is not null)
        {
            return "Terminating";
        }

        if (JsonNodes.ConditionStatus(o, "Suspended") == "True")
        {
            return "Suspended";
        }

        return "Running";
    }

    private static string JobDuration(JsonObject o, DateTimeOffset now)
    {
        var start = JsonNodes.ParseTime(o.Str("status", "startTime"));
        if (start is null)
        {
            return string.Empty;
        }

        var end = JsonNodes.ParseTime(o.Str("status", "completionTime")) ?? now;
        return HumanDuration.Format(end - start.Value);
    }

    private static string ExternalIp(JsonObject o)
    {
        var type = o.Str("spec", "type");
        if (type == "LoadBalancer")
        {
            var ips = o.Arr("status", "loadBalancer", "ingress")?.OfType<JsonObject>().Select(i => i.Str("ip") ?? i.Str("hostname")).ToList() ?? [];
            return ips.Count > 0 ? string.Join(",", ips) : "<pending>";
        }

        if (type == "ExternalName")
        {
            return o.Str("spec", "externalName") ?? "<none>";
        }

        return o.Arr("spec", "externalIPs") is { Count: > 0 } ext ? string.Join(",", ext.Select(e => e?.GetValue<string>())) : "<none>";
    }

    private static string ServicePorts(JsonObject o)
    {
        var ports = o.Arr("spec", "ports")?.OfType<JsonObject>().Select(p =>
        {
            var text = p.Long("port")?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            if (p.Long("nodePort") is { } np)
            {
                text += ":" + np.ToString(CultureInfo.InvariantCulture);
            }

            return text + "/" + (p.Str("protocol") ?? "TCP");
        }).ToList() ?? [];
        return ports.Count > 0 ? string.Join(",", ports) : "<none>";
    }

    private static string NodeStatus(JsonObject o)
    {
        var ready = JsonNodes.ConditionStatus(o, "Ready") == "True" ? "Ready" : "NotReady";
        return o.Bool("spec", "unschedulable") == true ? ready + ",SchedulingDisabled" : ready;
    }

    private static string NodeRoles(JsonObject o)
    {
        var roles = JsonNodes.StringMap(o.Obj("metadata", "labels")).Keys
            .Where(k => k.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal))
            .Select(k => k["node-role.kubernetes.io/".Length..]).Order(StringComparer.Ordinal).ToList();
        return roles.Count > 0 ? string.Join(",", roles) : "<none>";
    }

    private static string AccessModes(JsonArray? modes) => string.Join(",", modes?.Select(m => m?.GetValue<string>() switch
    {
        "ReadWriteOnce" => "RWO",
        "ReadOnlyMany" => "ROX",
        "ReadWriteMany" => "RWX",
        "ReadWriteOncePod" => "RWOP",
        var x => x,
    }) ?? []);

    private static string EndpointsText(JsonObject o)
    {
        var list = new List<string>();
        foreach (var subset in o.Arr("subsets")?.OfType<JsonObject>() ?? [])
        {
            foreach (var a in subset.Arr("addresses")?.OfType<JsonObject>() ?? [])
            {
                foreach (var p in subset.Arr("ports")?.OfType<JsonObject>() ?? [])
                {
                    list.Add($"{a.Str("ip")}:{p.Long("port")}");
                }
            }
        }

        return list.Count == 0 ? "<none>" : list.Count > 3 ? string.Join(",", list.Take(3)) + $" + {list.Count - 3} more..." : string.Join(",", list);
    }
}
