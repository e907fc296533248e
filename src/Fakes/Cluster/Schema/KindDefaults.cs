using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>The defaults the API server fills in for built-in kinds (SetDefaults_* plus create-time admission).</summary>
public static class KindDefaults
{
    private static int nextNodePort = 30000 + Random.Shared.Next(0, 2000);

    public static void Apply(ResourceType type, JsonObject obj, JsonObject? old, Admission admission)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        if (type.IsCustom)
        {
            return;
        }

        var spec = obj.Obj("spec");
        switch (type.Group, type.Kind)
        {
            case ("", "Pod"):
                if (spec is not null)
                {
                    PodSpec(spec);
                    if (old is null)
                    {
                        spec["serviceAccountName"] ??= "default";
                        spec["serviceAccount"] ??= spec["serviceAccountName"]!.DeepClone();
                        DefaultTolerations(spec);
                        spec["priority"] ??= 0;
                        spec["enableServiceLinks"] ??= true;
                        spec["preemptionPolicy"] ??= "PreemptLowerPriority";
                    }
                }

                if (old is null)
                {
                    obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(spec) };
                }

                break;
            case ("", "PodTemplate"):
                Template(obj.Obj("template"));
                break;
            case ("", "ReplicationController"):
                spec?.TryAdd("replicas", 1);
                Template(spec?.Obj("template"));
                break;
            case ("apps", "Deployment"):
                if (spec is not null)
                {
                    spec.TryAdd("replicas", 1);
                    spec.TryAdd("revisionHistoryLimit", 10);
                    spec.TryAdd("progressDeadlineSeconds", 600);
                    var strategy = spec.Child("strategy");
                    strategy.TryAdd("type", "RollingUpdate");
                    if (strategy.Str("type") == "RollingUpdate")
                    {
                        var ru = strategy.Child("rollingUpdate");
                        ru.TryAdd("maxUnavailable", "25%");
                        ru.TryAdd("maxSurge", "25%");
                    }

                    Template(spec.Obj("template"));
                }

                break;
            case ("apps", "ReplicaSet"):
                spec?.TryAdd("replicas", 1);
                Template(spec?.Obj("template"));
                break;
            case ("apps", "StatefulSet"):
                if (spec is not null)
                {
                    spec.TryAdd("replicas", 1);
                    spec.TryAdd("podManagementPolicy", "OrderedReady");
                    spec.TryAdd("revisionHistoryLimit", 10);
                    var us = spec.Child("updateStrategy");
                    us.TryAdd("type", "RollingUpdate");
                    if (us.Str("type") == "RollingUpdate")
                    {
                        us.Child("rollingUpdate").TryAdd("partition", 0);
                    }

                    var retention = spec.Child("persistentVolumeClaimRetentionPolicy");
                    retention.TryAdd("whenDeleted", "Retain");
                    retention.TryAdd("whenScaled", "Retain");
                    foreach (var pvc in spec.Arr("volumeClaimTemplates")?.OfType<JsonObject>() ?? [])
                    {
                        pvc.Child("spec").TryAdd("volumeMode", "Filesystem");
                        pvc.TryAdd("apiVersion", "v1");
                        pvc.TryAdd("kind", "PersistentVolumeClaim");
                    }

                    Template(spec.Obj("template"));
                }

                break;
            case ("apps", "DaemonSet"):
                if (spec is not null)
                {
                    spec.TryAdd("revisionHistoryLimit", 10);
                    var us = spec.Child("updateStrategy");
                    us.TryAdd("type", "RollingUpdate");
                    if (us.Str("type") == "RollingUpdate")
                    {
                        var ru = us.Child("rollingUpdate");
                        ru.TryAdd("maxUnavailable", 1);
                        ru.TryAdd("maxSurge", 0);
                    }

                    Template(spec.Obj("template"));
                }

                break;
            case ("batch", "Job"):
                if (spec is not null)
                {
                    JobSpec(obj, spec, old);
                }

                break;
            case ("batch", "CronJob"):
                if (spec is not null)
                {
                    spec.TryAdd("concurrencyPolicy", "Allow");
                    spec.TryAdd("suspend", false);
                    spec.TryAdd("successfulJobsHistoryLimit", 3);
                    spec.TryAdd("failedJobsHistoryLimit", 1);
                    var jobSpec = spec.Obj("jobTemplate", "spec");
                    if (jobSpec is not null)
                    {
                        jobSpec.TryAdd("backoffLimit", 6);
                        jobSpec.TryAdd("completionMode", "NonIndexed");
                        jobSpec.TryAdd("suspend", false);
                        Template(jobSpec.Obj("template"));
                    }
                }

                break;
            case ("", "Service"):
                if (spec is not null)
                {
                    ServiceSpec(spec, old, admission);
                }

                break;
            case ("", "Namespace"):
                obj.Metadata().Child("labels")["kubernetes.io/metadata.name"] = obj.Name();
                if (old is null)
                {
                    obj.Child("spec")["finalizers"] = new JsonArray("kubernetes");
                    obj["status"] = new JsonObject { ["phase"] = "Active" };
                }
                else
                {
                    obj["spec"] = old["spec"]?.DeepClone();
                    obj["status"] ??= old["status"]?.DeepClone();
                }

                break;
            case ("", "PersistentVolumeClaim"):
                if (spec is not null)
                {
                    spec.TryAdd("volumeMode", "Filesystem");
                    if (old is null && spec["storageClassName"] is null)
                    {
                        spec["storageClassName"] = "local-path";
                    }
                }

                if (old is null)
                {
                    obj["status"] = new JsonObject { ["phase"] = "Pending" };
                }

                break;
            case ("", "Secret"):
                obj.TryAdd("type", "Opaque");
                if (obj["stringData"] is JsonObject stringData)
                {
                    var data = obj.Child("data");
                    foreach (var (k, v) in stringData)
                    {
                        data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(v?.GetValue<string>() ?? string.Empty));
                    }

                    obj.Remove("stringData");
                }

                break;
            case ("apiextensions.k8s.io", "CustomResourceDefinition"):
                spec?.Child("conversion").TryAdd("strategy", "None");
                break;
        }
    }

    private static void JobSpec(JsonObject job, JsonObject spec, JsonObject? old)
    {
        if (old is null && spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = 1;
        }

        spec.TryAdd("parallelism", 1);

        spec.TryAdd("backoffLimit", 6);
        spec.TryAdd("completionMode", "NonIndexed");
        spec.TryAdd("suspend", false);
        spec.TryAdd("podReplacementPolicy", "TerminatingOrFailed");
        if (old is null && spec["selector"] is null)
        {
            var uid = job.Uid();
            var name = job.Name();
            if (uid.Length > 0)
            {
                spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
                var labels = spec.Child("template").Child("metadata").Child("labels");
                labels["batch.kubernetes.io/controller-uid"] = uid;
                labels["batch.kubernetes.io/job-name"] = name;
                labels["controller-uid"] = uid;
                labels["job-name"] = name;
            }
        }

        Template(spec.Obj("template"));
    }

    private static void ServiceSpec(JsonObject spec, JsonObject? old, Admission admission)
    {
        spec.TryAdd("type", "ClusterIP");
        spec.TryAdd("sessionAffinity", "None");
        var type = spec.Str("type");
        if (type == "ExternalName")
        {
            return;
        }

        if (old?.Obj("spec") is { } oldSpec && oldSpec["clusterIP"] is { } oldIp && spec["clusterIP"] is null)
        {
            spec["clusterIP"] = oldIp.DeepClone();
            spec["clusterIPs"] = oldSpec["clusterIPs"]?.DeepClone();
        }

        if (spec["clusterIP"] is null || spec.Str("clusterIP") == string.Empty)
        {
            var ip = admission.ServiceIps.Allocate();
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }
        else if (spec["clusterIPs"] is null)
        {
            spec["clusterIPs"] = new JsonArray(spec.Str("clusterIP"));
        }

        spec.TryAdd("ipFamilies", new JsonArray("IPv4"));
        spec.TryAdd("ipFamilyPolicy", "SingleStack");
        spec.TryAdd("internalTrafficPolicy", "Cluster");
        if (type is "NodePort" or "LoadBalancer")
        {
            spec.TryAdd("externalTrafficPolicy", "Cluster");
            if (type == "LoadBalancer")
            {
                spec.TryAdd("allocateLoadBalancerNodePorts", true);
            }
        }

        var oldPorts = old?.Arr("spec", "ports")?.OfType<JsonObject>().ToList() ?? [];
        foreach (var port in spec.Arr("ports")?.OfType<JsonObject>() ?? [])
        {
            port.TryAdd("protocol", "TCP");
            if (port["targetPort"] is null && port["port"] is not null)
            {
                port["targetPort"] = port["port"]!.DeepClone();
            }

            if (type is "NodePort" or "LoadBalancer" && port["nodePort"] is null)
            {
                var previous = oldPorts.FirstOrDefault(p => JsonNode.DeepEquals(p["port"], port["port"]))?["nodePort"];
                port["nodePort"] = previous?.DeepClone() ?? JsonValue.Create(Interlocked.Increment(ref nextNodePort) % 2768 + 30000);
            }
        }
    }

    /// <summary>Defaults of a pod template (workload controllers' spec.template).</summary>
    public static void Template(JsonObject? template)
    {
        if (template?.Obj("spec") is { } spec)
        {
            PodSpec(spec);
        }
    }

    private static void PodSpec(JsonObject spec)
    {
        spec.TryAdd("restartPolicy", "Always");
        spec.TryAdd("terminationGracePeriodSeconds", 30);
        spec.TryAdd("dnsPolicy", "ClusterFirst");
        spec.TryAdd("securityContext", new JsonObject());
        spec.TryAdd("schedulerName", "default-scheduler");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var c in spec.Arr(list)?.OfType<JsonObject>() ?? [])
            {
                Container(c);
            }
        }
    }

    private static void Container(JsonObject c)
    {
        var image = c.Str("image") ?? string.Empty;
        c.TryAdd("imagePullPolicy", ImageTag(image) is null or "latest" ? "Always" : "IfNotPresent");
        c.TryAdd("terminationMessagePath", "/dev/termination-log");
        c.TryAdd("terminationMessagePolicy", "File");
        c.TryAdd("resources", new JsonObject());
        foreach (var p in c.Arr("ports")?.OfType<JsonObject>() ?? [])
        {
            p.TryAdd("protocol", "TCP");
        }

        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            if (c.Obj(probe) is { } pr)
            {
                pr.TryAdd("timeoutSeconds", 1);
                pr.TryAdd("periodSeconds", 10);
                pr.TryAdd("successThreshold", 1);
                pr.TryAdd("failureThreshold", 3);
                if (pr.Obj("httpGet") is { } http)
                {
                    http.TryAdd("scheme", "HTTP");
                    http.TryAdd("path", "/");
                }
            }
        }

        foreach (var e in c.Arr("env")?.OfType<JsonObject>() ?? [])
        {
            if (e.Obj("valueFrom", "fieldRef") is { } fr)
            {
                fr.TryAdd("apiVersion", "v1");
            }
        }
    }

    /// <summary>The tag of an image reference, or null when it has none (digests count as a tag).</summary>
    public static string? ImageTag(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return "digest";
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > lastSlash ? image[(colon + 1)..] : null;
    }

    private static void DefaultTolerations(JsonObject spec)
    {
        var tolerations = spec.ChildArray("tolerations");
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            if (!tolerations.OfType<JsonObject>().Any(t => t.Str("key") == key && t.Str("effect") is "NoExecute" or null))
            {
                tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 });
            }
        }
    }

    private static string QosClass(JsonObject? spec)
    {
        var containers = spec?.Arr("containers")?.OfType<JsonObject>().ToList() ?? [];
        var anyRequest = false;
        var guaranteed = containers.Count > 0;
        foreach (var c in containers)
        {
            var requests = c.Obj("resources", "requests");
            var limits = c.Obj("resources", "limits");
            anyRequest |= requests?.Count > 0 || limits?.Count > 0;
            foreach (var r in new[] { "cpu", "memory" })
            {
                var l = limits?.Str(r);
                var q = requests?.Str(r) ?? l;
                if (l is null || q != l)
                {
                    guaranteed = false;
                }
            }
        }

        return guaranteed ? "Guaranteed" : anyRequest ? "Burstable" : "BestEffort";
    }

    internal static string Format(long n) => n.ToString(CultureInfo.InvariantCulture);
}
