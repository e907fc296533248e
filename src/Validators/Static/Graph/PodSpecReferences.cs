using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// What a pod spec needs: Secrets and ConfigMaps (env, envFrom, volumes, projected volumes, imagePullSecrets), its
/// ServiceAccount, PVCs, PriorityClass, RuntimeClass, and Services named in env URLs. Optional references
/// (<c>optional: true</c>) are not requirements.
/// </summary>
internal static partial class PodSpecReferences
{
    private static readonly string[] ContainerLists = ["initContainers", "containers", "ephemeralContainers"];

    /// <summary>Where pod specs live in objects of a given kind (besides the generic <c>/spec/template/spec</c>).</summary>
    public static IEnumerable<string> PodSpecPointers(string group, string kind, JsonObject body)
    {
        switch ((group, kind))
        {
            case ("", "Pod"):
                yield return "/spec";
                yield break;
            case ("batch", "CronJob"):
                yield return "/spec/jobTemplate/spec/template/spec";
                yield break;
            case ("serving.kserve.io", "InferenceService"):
                yield return "/spec/predictor";
                yield return "/spec/transformer";
                yield return "/spec/explainer";
                yield break;
            case ("serving.kserve.io", "ServingRuntime" or "ClusterServingRuntime"):
                yield return "/spec";
                yield break;
        }

        if (Json.Obj(Json.Obj(Json.Obj(body["spec"])?["template"])?["spec"]) is not null)
        {
            yield return "/spec/template/spec";
        }
    }

    /// <summary>Adds the requirements of the pod spec at <paramref name="pointer"/>.</summary>
    public static void Collect(RequirementCollector c, JsonObject spec, string pointer)
    {
        if (c.Namespace is null)
        {
            return;
        }

        var sa = Json.Text(spec["serviceAccountName"]) ?? Json.Text(spec["serviceAccount"]);
        if (sa is not null)
        {
            c.Local(string.Empty, "ServiceAccount", sa, pointer + (spec.ContainsKey("serviceAccountName") ? "/serviceAccountName" : "/serviceAccount"), "serviceAccountName", RequirementStrength.Hard);
        }

        foreach (var (s, i) in Json.Items(spec["imagePullSecrets"]))
        {
            c.Local(string.Empty, "Secret", Json.Text(s["name"]), $"{pointer}/imagePullSecrets/{i}/name", "imagePullSecrets", RequirementStrength.Hard);
        }

        if (Json.Text(spec["priorityClassName"]) is { } pc)
        {
            c.Cluster("scheduling.k8s.io", "PriorityClass", pc, pointer + "/priorityClassName", "priorityClassName", RequirementStrength.Hard);
        }

        if (Json.Text(spec["runtimeClassName"]) is { } rc)
        {
            c.Cluster("node.k8s.io", "RuntimeClass", rc, pointer + "/runtimeClassName", "runtimeClassName", RequirementStrength.Runtime);
        }

        foreach (var list in ContainerLists)
        {
            foreach (var (container, i) in Json.Items(spec[list]))
            {
                Container(c, container, $"{pointer}/{list}/{i}");
            }
        }

        foreach (var (volume, i) in Json.Items(spec["volumes"]))
        {
            Volume(c, volume, $"{pointer}/volumes/{i}");
        }
    }

    private static void Container(RequirementCollector c, JsonNode container, string pointer)
    {
        foreach (var (env, j) in Json.Items(container["env"]))
        {
            var name = Json.Text(env["name"]) ?? "?";
            var from = env["valueFrom"];
            if (from?["secretKeyRef"] is JsonObject sk && !Json.True(sk["optional"]))
            {
                c.Local(string.Empty, "Secret", Json.Text(sk["name"]), $"{pointer}/env/{j}/valueFrom/secretKeyRef/name", $"env {name} secretKeyRef", RequirementStrength.Hard);
            }

            if (from?["configMapKeyRef"] is JsonObject ck && !Json.True(ck["optional"]))
            {
                c.Local(string.Empty, "ConfigMap", Json.Text(ck["name"]), $"{pointer}/env/{j}/valueFrom/configMapKeyRef/name", $"env {name} configMapKeyRef", RequirementStrength.Hard);
            }

            if (Json.Text(env["value"]) is { } value)
            {
                ServiceUrls(c, value, $"{pointer}/env/{j}/value", $"env {name} URL");
            }
        }

        foreach (var (envFrom, j) in Json.Items(container["envFrom"]))
        {
            if (envFrom["secretRef"] is JsonObject sr && !Json.True(sr["optional"]))
            {
                c.Local(string.Empty, "Secret", Json.Text(sr["name"]), $"{pointer}/envFrom/{j}/secretRef/name", "envFrom secretRef", RequirementStrength.Hard);
            }

            if (envFrom["configMapRef"] is JsonObject cr && !Json.True(cr["optional"]))
            {
                c.Local(string.Empty, "ConfigMap", Json.Text(cr["name"]), $"{pointer}/envFrom/{j}/configMapRef/name", "envFrom configMapRef", RequirementStrength.Hard);
            }
        }
    }

    private static void Volume(RequirementCollector c, JsonNode volume, string pointer)
    {
        var vname = Json.Text(volume["name"]) ?? "?";
        if (volume["secret"] is JsonObject s && !Json.True(s["optional"]))
        {
            c.Local(string.Empty, "Secret", Json.Text(s["secretName"]), pointer + "/secret/secretName", $"volume {vname}", RequirementStrength.Hard);
        }

        if (volume["configMap"] is JsonObject cm && !Json.True(cm["optional"]))
        {
            c.Local(string.Empty, "ConfigMap", Json.Text(cm["name"]), pointer + "/configMap/name", $"volume {vname}", RequirementStrength.Hard);
        }

        if (volume["persistentVolumeClaim"] is JsonObject pvc)
        {
            c.Local(string.Empty, "PersistentVolumeClaim", Json.Text(pvc["claimName"]), pointer + "/persistentVolumeClaim/claimName", $"volume {vname}", RequirementStrength.Hard);
        }

        if (volume["csi"]?["nodePublishSecretRef"] is JsonObject csi)
        {
            c.Local(string.Empty, "Secret", Json.Text(csi["name"]), pointer + "/csi/nodePublishSecretRef/name", $"volume {vname}", RequirementStrength.Hard);
        }

        if (Json.Text(volume["ephemeral"]?["volumeClaimTemplate"]?["spec"]?["storageClassName"]) is { Length: > 0 } sc)
        {
            c.Cluster("storage.k8s.io", "StorageClass", sc, pointer + "/ephemeral/volumeClaimTemplate/spec/storageClassName", $"volume {vname}", RequirementStrength.Hard);
        }

        foreach (var (source, k) in Json.Items(volume["projected"]?["sources"]))
        {
            if (source["secret"] is JsonObject ps && !Json.True(ps["optional"]))
            {
                c.Local(string.Empty, "Secret", Json.Text(ps["name"]), $"{pointer}/projected/sources/{k}/secret/name", $"projected volume {vname}", RequirementStrength.Hard);
            }

            if (source["configMap"] is JsonObject pc && !Json.True(pc["optional"]))
            {
                c.Local(string.Empty, "ConfigMap", Json.Text(pc["name"]), $"{pointer}/projected/sources/{k}/configMap/name", $"projected volume {vname}", RequirementStrength.Hard);
            }
        }
    }

    /// <summary>Services named by cluster DNS in free text (<c>http://svc.ns.svc.cluster.local:80</c>): soft requirements.</summary>
    public static void ServiceUrls(RequirementCollector c, string text, string pointer, string via)
    {
        if (!text.Contains(".svc", StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match m in ServiceDns().Matches(text))
        {
            c.Object(string.Empty, "Service", m.Groups["ns"].Value, m.Groups["name"].Value, pointer, via, RequirementStrength.Soft);
        }
    }

    [GeneratedRegex(@"(?<![-a-z0-9.])(?<name>[a-z0-9]([-a-z0-9]*[a-z0-9])?)\.(?<ns>[a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?(?![-a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceDns();
}
