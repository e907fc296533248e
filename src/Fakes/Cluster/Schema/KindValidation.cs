using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Validators.Labels;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>The built-in validation rules that real manifests most often trip over (field paths and messages as the API server words them).</summary>
public static class KindValidation
{
    public static void Validate(ResourceType type, JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(errors);
        if (type.IsCustom)
        {
            return;
        }

        var spec = obj.Obj("spec");
        switch (type.Group, type.Kind)
        {
            case ("apps", "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet"):
                Workload(spec, old?.Obj("spec"), errors, requireSelector: true);
                if (type.Kind == "Deployment" && spec?.Obj("strategy") is { } strategy && strategy.Str("type") == "Recreate" && strategy["rollingUpdate"] is not null)
                {
                    errors.Add(FieldError.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
                }

                if (spec?.Long("replicas") is < 0)
                {
                    errors.Add(FieldError.InvalidNumber("spec.replicas", spec.Long("replicas")!.Value, "must be greater than or equal to 0"));
                }

                break;
            case ("batch", "Job"):
                Workload(spec, null, errors, requireSelector: false);
                var restart = spec?.Str("template", "spec", "restartPolicy");
                if (restart is not ("OnFailure" or "Never"))
                {
                    errors.Add(FieldError.NotSupported("spec.template.spec.restartPolicy", restart ?? string.Empty, ["OnFailure", "Never"]));
                }

                if (old is not null && !JsonNode.DeepEquals(StripLabels(old.Obj("spec", "template")), StripLabels(spec?.Obj("template"))) && old.Bool("spec", "suspend") != true)
                {
                    errors.Add(FieldError.Invalid("spec.template", "core.PodTemplateSpec{...}", "field is immutable"));
                }

                break;
            case ("batch", "CronJob"):
                if (string.IsNullOrWhiteSpace(spec?.Str("schedule")))
                {
                    errors.Add(FieldError.Required("spec.schedule"));
                }
                else
                {
                    var schedule = spec.Str("schedule")!;
                    if (!Controllers.CronSchedule.TryParse(schedule, out _, out var why))
                    {
                        errors.Add(FieldError.Invalid("spec.schedule", schedule, why));
                    }

                    // validateScheduleFormat: TZ/CRON_TZ in the schedule only survives on an object that already had it
                    // (and never beside spec.timeZone); new objects name the zone in spec.timeZone.
                    var allowTz = old?.Str("spec", "schedule") is { } before && before.Contains("TZ", StringComparison.Ordinal);
                    if (schedule.Contains("TZ", StringComparison.Ordinal))
                    {
                        if (!allowTz)
                        {
                            errors.Add(FieldError.Invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
                        }
                        else if (spec["timeZone"] is not null)
                        {
                            errors.Add(FieldError.Invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
                        }
                    }
                }

                if (spec?["timeZone"] is { } zoneNode && zoneNode.GetValueKind() == System.Text.Json.JsonValueKind.String
                    && Controllers.CronTimeZone.Problem(zoneNode.GetValue<string>()) is { } zoneProblem)
                {
                    errors.Add(FieldError.Invalid("spec.timeZone", zoneNode.GetValue<string>(), zoneProblem));
                }

                break;
            case ("", "Pod"):
                PodSpec(spec, "spec", errors);
                if (old is not null && spec is not null)
                {
                    PodImmutable(old.Obj("spec")!, spec, errors);
                }

                break;
            case ("", "Service"):
                var svcType = spec?.Str("type") ?? "ClusterIP";
                var headless = spec?.Str("clusterIP") == "None";
                if (svcType != "ExternalName" && !headless && spec?.Arr("ports") is not { Count: > 0 })
                {
                    errors.Add(FieldError.Required("spec.ports"));
                }

                if (svcType is not ("ClusterIP" or "NodePort" or "LoadBalancer" or "ExternalName"))
                {
                    errors.Add(FieldError.NotSupported("spec.type", svcType, ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]));
                }

                var ports = spec?.Arr("ports")?.OfType<JsonObject>().ToList() ?? [];
                for (var i = 0; i < ports.Count; i++)
                {
                    if (ports[i]["port"] is null)
                    {
                        errors.Add(FieldError.Required($"spec.ports[{i}].port"));
                    }

                    if (ports.Count > 1 && string.IsNullOrEmpty(ports[i].Str("name")))
                    {
                        errors.Add(FieldError.Required($"spec.ports[{i}].name"));
                    }

                    PortNumber(ports[i], "port", $"spec.ports[{i}]", errors);
                    if (ports[i]["targetPort"] is JsonValue tp && tp.GetValueKind() == System.Text.Json.JsonValueKind.Number)
                    {
                        PortNumber(ports[i], "targetPort", $"spec.ports[{i}]", errors);
                    }

                    if (ports[i].Long("nodePort") is { } nodePort && (nodePort < 30000 || nodePort > 32767) && nodePort != 0)
                    {
                        // The NodePort allocator's range (k3s and kube-apiserver default --service-node-port-range).
                        errors.Add(FieldError.InvalidNumber($"spec.ports[{i}].nodePort", nodePort, "provided port is not in the valid range. The range of valid ports is 30000-32767"));
                    }
                }

                if (old?.Str("spec", "clusterIP") is { Length: > 0 } oldIp && spec?.Str("clusterIP") is { } newIp && newIp != oldIp)
                {
                    errors.Add(FieldError.Invalid("spec.clusterIPs[0]", newIp, "may not change once set"));
                }

                break;
            case ("", "ConfigMap" or "Secret"):
                DataSize(type.Kind, obj, errors);
                if (old is not null && old.Bool("immutable") == true)
                {
                    if (!JsonNode.DeepEquals(old["data"], obj["data"]))
                    {
                        errors.Add(FieldError.Forbidden("data", "field is immutable when `immutable` is set"));
                    }
                }

                if (type.Kind == "Secret" && old is not null && old.Str("type") != obj.Str("type"))
                {
                    errors.Add(FieldError.Invalid("type", obj.Str("type") ?? string.Empty, "field is immutable"));
                }

                break;
            case ("apiextensions.k8s.io", "CustomResourceDefinition"):
                Crd(obj, errors);
                break;
        }
    }

    /// <summary>
    /// A port number field: 1–65535 (pkg/apis/core/validation validatePortNumOrName / validateServicePort use
    /// validation.IsValidPortNum, "must be between 1 and 65535, inclusive").
    /// </summary>
    private static void PortNumber(JsonObject owner, string field, string path, List<FieldError> errors)
    {
        if (owner.Long(field) is { } port && (port < 1 || port > 65535))
        {
            errors.Add(FieldError.InvalidNumber($"{path}.{field}", port, "must be between 1 and 65535, inclusive"));
        }
    }

    /// <summary>
    /// ConfigMaps and Secrets hold at most 1 MiB of data (core.MaxSecretSize; ValidateConfigMap sums data and
    /// binaryData and reports field.TooLong on the path "", ValidateSecret sums data and reports it on "data").
    /// </summary>
    private static void DataSize(string kind, JsonObject obj, List<FieldError> errors)
    {
        const long maxBytes = 1024 * 1024;
        long total = 0;
        foreach (var (field, base64) in kind == "ConfigMap" ? new[] { ("data", false), ("binaryData", true) } : [("data", true)])
        {
            foreach (var (_, value) in obj.Obj(field) ?? [])
            {
                if (value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                {
                    var s = v.GetValue<string>();
                    total += base64 ? s.Length / 4 * 3 : System.Text.Encoding.UTF8.GetByteCount(s);
                }
            }
        }

        if (total > maxBytes)
        {
            errors.Add(FieldError.TooLong(kind == "ConfigMap" ? string.Empty : "data", maxBytes));
        }
    }

    private static JsonObject? StripLabels(JsonObject? template)
    {
        if (template is null)
        {
            return null;
        }

        var copy = template.Clone();
        copy.Obj("metadata")?.Remove("labels");
        copy.Obj("metadata")?.Remove("annotations");
        return copy;
    }

    private static void Workload(JsonObject? spec, JsonObject? oldSpec, List<FieldError> errors, bool requireSelector)
    {
        var selector = spec?.Obj("selector");
        if (requireSelector && selector is null)
        {
            errors.Add(FieldError.Required("spec.selector"));
        }
        else if (selector is not null && selector.Count == 0 && requireSelector)
        {
            errors.Add(FieldError.Invalid("spec.selector", "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}", "empty selector is invalid for deployment"));
        }

        var labels = spec?.Obj("template", "metadata", "labels");
        if (selector is { Count: > 0 } && !LabelSelector.FromObject(selector).Matches(JsonNodes.StringMap(labels)))
        {
            var rendered = "map[string]string{" + string.Join(", ", JsonNodes.StringMap(labels).OrderBy(k => k.Key, StringComparer.Ordinal).Select(kv => $"\"{kv.Key}\":\"{kv.Value}\"")) + "}";
            errors.Add(FieldError.Invalid("spec.template.metadata.labels", rendered, "`selector` does not match template `labels`"));
        }

        if (oldSpec?.Obj("selector") is { } oldSelector && selector is not null && !JsonNode.DeepEquals(oldSelector, selector))
        {
            errors.Add(FieldError.Invalid("spec.selector", "v1.LabelSelector{...}", "field is immutable"));
        }

        PodSpec(spec?.Obj("template", "spec"), "spec.template.spec", errors);
    }

    private static void PodSpec(JsonObject? spec, string path, List<FieldError> errors)
    {
        var containers = spec?.Arr("containers")?.OfType<JsonObject>().ToList() ?? [];
        if (containers.Count == 0)
        {
            errors.Add(FieldError.Required(path + ".containers"));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in new[] { "initContainers", "containers" })
        {
            var items = spec!.Arr(list)?.OfType<JsonObject>().ToList() ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                var c = items[i];
                var name = c.Str("name");
                if (string.IsNullOrEmpty(name))
                {
                    errors.Add(FieldError.Required($"{path}.{list}[{i}].name"));
                }
                else
                {
                    foreach (var msg in NameValidation.Dns1123Label(name))
                    {
                        errors.Add(FieldError.Invalid($"{path}.{list}[{i}].name", name, msg));
                    }

                    if (!names.Add(name))
                    {
                        errors.Add(FieldError.Duplicate($"{path}.{list}[{i}].name", name));
                    }
                }

                if (string.IsNullOrEmpty(c.Str("image")))
                {
                    errors.Add(FieldError.Required($"{path}.{list}[{i}].image"));
                }

                var containerPorts = c.Arr("ports")?.OfType<JsonObject>().ToList() ?? [];
                for (var p = 0; p < containerPorts.Count; p++)
                {
                    PortNumber(containerPorts[p], "containerPort", $"{path}.{list}[{i}].ports[{p}]", errors);
                    if (containerPorts[p].Long("hostPort") is { } hostPort && hostPort != 0)
                    {
                        PortNumber(containerPorts[p], "hostPort", $"{path}.{list}[{i}].ports[{p}]", errors);
                    }
                }
            }
        }
    }

    private static void PodImmutable(JsonObject oldSpec, JsonObject spec, List<FieldError> errors)
    {
        var a = oldSpec.Clone();
        var b = spec.Clone();
        foreach (var o in new[] { a, b })
        {
            o.Remove("activeDeadlineSeconds");
            o.Remove("tolerations");
            o.Remove("terminationGracePeriodSeconds");
            o.Remove("schedulingGates");
            foreach (var list in new[] { "containers", "initContainers" })
            {
                foreach (var c in o.Arr(list)?.OfType<JsonObject>() ?? [])
                {
                    c.Remove("image");
                    c.Remove("resources");
                }
            }
        }

        if (string.IsNullOrEmpty(oldSpec.Str("nodeName")))
        {
            a.Remove("nodeName");
            b.Remove("nodeName");
        }

        if (!JsonNode.DeepEquals(a, b))
        {
            errors.Add(FieldError.Forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
        }
    }

    private static void Crd(JsonObject crd, List<FieldError> errors)
    {
        var spec = crd.Obj("spec");
        var group = spec?.Str("group") ?? string.Empty;
        var plural = spec?.Str("names", "plural") ?? string.Empty;
        if (group.Length == 0)
        {
            errors.Add(FieldError.Required("spec.group"));
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(FieldError.Invalid("spec.group", group, "should be a domain with at least one dot"));
        }

        if (plural.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.plural"));
        }

        if (string.IsNullOrEmpty(spec?.Str("names", "kind")))
        {
            errors.Add(FieldError.Required("spec.names.kind"));
        }

        if (spec?.Str("scope") is not ("Namespaced" or "Cluster"))
        {
            errors.Add(FieldError.NotSupported("spec.scope", spec?.Str("scope") ?? string.Empty, ["Cluster", "Namespaced"]));
        }

        if (crd.Name() != plural + "." + group)
        {
            errors.Add(FieldError.Invalid("metadata.name", crd.Name(), "must be spec.names.plural+\".\"+spec.group"));
        }

        var versions = spec?.Arr("versions")?.OfType<JsonObject>().ToList() ?? [];
        if (versions.Count == 0)
        {
            errors.Add(FieldError.Invalid("spec.versions", "null", "must have exactly one version marked as storage version"));
        }
        else if (versions.Count(v => v.Bool("storage") == true) != 1)
        {
            errors.Add(FieldError.Invalid("spec.versions", "[]apiextensions.CustomResourceDefinitionVersion{...}", "must have exactly one version marked as storage version"));
        }
    }
}
