using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// References carried by well-known kinds: storage and ingress classes, Gateway API routes and gateways,
/// InferencePools, policy attachment (<c>targetRefs</c>), cert-manager issuers, Kueue queues, External Secrets
/// stores, RBAC role refs, HPA/KEDA scale targets, KServe runtimes, CloudNativePG storage, webhook services.
/// </summary>
internal static class KnownKindReferences
{
    private const string GatewayGroup = "gateway.networking.k8s.io";
    private const string QueueLabel = "kueue.x-k8s.io/queue-name";

    public static void Collect(RequirementCollector c, string group, string kind, JsonObject body)
    {
        var spec = body["spec"] as JsonObject;
        Labels(c, body);
        RoleRef(c, group, kind, body);
        Webhooks(c, group, kind, body);
        if (spec is null)
        {
            return;
        }

        switch (group, kind)
        {
            case ("", "PersistentVolumeClaim"):
                StorageClass(c, spec["storageClassName"], "/spec/storageClassName", "storageClassName");
                break;
            case ("apps", "StatefulSet"):
                foreach (var (t, i) in Json.Items(spec["volumeClaimTemplates"]))
                {
                    StorageClass(c, t["spec"]?["storageClassName"], $"/spec/volumeClaimTemplates/{i}/spec/storageClassName", "volumeClaimTemplates");
                }

                break;
            case ("", "Service"):
                if (Json.Text(spec["type"]) != "ExternalName")
                {
                    c.Pods(c.Namespace ?? "default", Json.StringMap(spec["selector"]), "/spec/selector", "Service selector", RequirementStrength.Soft);
                }

                break;
            case ("networking.k8s.io", "Ingress"):
                Ingress(c, body, spec);
                break;
            case (GatewayGroup, "Gateway"):
                c.Cluster(GatewayGroup, "GatewayClass", Json.Text(spec["gatewayClassName"]), "/spec/gatewayClassName", "gatewayClassName", RequirementStrength.Runtime);
                foreach (var (l, i) in Json.Items(spec["listeners"]))
                {
                    foreach (var (r, j) in Json.Items(l["tls"]?["certificateRefs"]))
                    {
                        Ref(c, r, string.Empty, "Secret", $"/spec/listeners/{i}/tls/certificateRefs/{j}", "listener certificateRefs", RequirementStrength.Runtime);
                    }
                }

                break;
            case (GatewayGroup, "HTTPRoute" or "GRPCRoute" or "TLSRoute" or "TCPRoute" or "UDPRoute"):
                foreach (var (p, i) in Json.Items(spec["parentRefs"]))
                {
                    Ref(c, p, GatewayGroup, "Gateway", $"/spec/parentRefs/{i}", "parentRefs", RequirementStrength.Runtime);
                }

                foreach (var (rule, i) in Json.Items(spec["rules"]))
                {
                    foreach (var (b, j) in Json.Items(rule["backendRefs"]))
                    {
                        Ref(c, b, string.Empty, "Service", $"/spec/rules/{i}/backendRefs/{j}", "backendRefs", RequirementStrength.Runtime);
                    }
                }

                break;
            case ("inference.networking.k8s.io" or "inference.networking.x-k8s.io", "InferencePool"):
                InferencePool(c, spec);
                break;
            case ("cert-manager.io", "Certificate" or "CertificateRequest"):
                Issuer(c, spec["issuerRef"], "/spec/issuerRef", "issuerRef");
                break;
            case ("kueue.x-k8s.io", "LocalQueue"):
                c.Cluster("kueue.x-k8s.io", "ClusterQueue", Json.Text(spec["clusterQueue"]), "/spec/clusterQueue", "clusterQueue", RequirementStrength.Runtime);
                break;
            case ("kueue.x-k8s.io", "ClusterQueue"):
                foreach (var (rg, i) in Json.Items(spec["resourceGroups"]))
                {
                    foreach (var (f, j) in Json.Items(rg["flavors"]))
                    {
                        c.Cluster("kueue.x-k8s.io", "ResourceFlavor", Json.Text(f["name"]), $"/spec/resourceGroups/{i}/flavors/{j}/name", "flavors", RequirementStrength.Runtime);
                    }
                }

                break;
            case ("external-secrets.io", "ExternalSecret"):
                Store(c, spec["secretStoreRef"], "/spec/secretStoreRef");
                foreach (var (d, i) in Json.Items(spec["data"]))
                {
                    Store(c, d["sourceRef"]?["storeRef"], $"/spec/data/{i}/sourceRef/storeRef");
                }

                foreach (var (d, i) in Json.Items(spec["dataFrom"]))
                {
                    Store(c, d["sourceRef"]?["storeRef"], $"/spec/dataFrom/{i}/sourceRef/storeRef");
                }

                break;
            case ("autoscaling", "HorizontalPodAutoscaler"):
                ScaleTarget(c, spec["scaleTargetRef"], "apps/v1", null);
                break;
            case ("keda.sh", "ScaledObject"):
                ScaleTarget(c, spec["scaleTargetRef"], "apps/v1", "Deployment");
                foreach (var (t, i) in Json.Items(spec["triggers"]))
                {
                    if (t["authenticationRef"] is JsonObject a)
                    {
                        var k = Json.Text(a["kind"]) ?? "TriggerAuthentication";
                        if (k == "ClusterTriggerAuthentication")
                        {
                            c.Cluster("keda.sh", k, Json.Text(a["name"]), $"/spec/triggers/{i}/authenticationRef/name", "authenticationRef", RequirementStrength.Runtime);
                        }
                        else
                        {
                            c.Local("keda.sh", k, Json.Text(a["name"]), $"/spec/triggers/{i}/authenticationRef/name", "authenticationRef", RequirementStrength.Runtime);
                        }
                    }
                }

                break;
            case ("keda.sh", "TriggerAuthentication"):
                foreach (var (s, i) in Json.Items(spec["secretTargetRef"]))
                {
                    c.Local(string.Empty, "Secret", Json.Text(s["name"]), $"/spec/secretTargetRef/{i}/name", "secretTargetRef", RequirementStrength.Runtime);
                }

                break;
            case ("serving.kserve.io", "InferenceService"):
                if (Json.Text(spec["predictor"]?["model"]?["runtime"]) is { } runtime && c.Namespace is not null)
                {
                    c.Object("serving.kserve.io", "ServingRuntime", c.Namespace, runtime, "/spec/predictor/model/runtime", "predictor runtime", RequirementStrength.Runtime,
                        [new ObjectKey("serving.kserve.io", "ClusterServingRuntime", null, runtime)]);
                }

                break;
            case ("postgresql.cnpg.io", "Cluster"):
                StorageClass(c, spec["storage"]?["storageClass"], "/spec/storage/storageClass", "storage.storageClass");
                StorageClass(c, spec["walStorage"]?["storageClass"], "/spec/walStorage/storageClass", "walStorage.storageClass");
                c.Local(string.Empty, "Secret", Json.Text(spec["bootstrap"]?["initdb"]?["secret"]?["name"]), "/spec/bootstrap/initdb/secret/name", "initdb secret", RequirementStrength.Hard);
                c.Local(string.Empty, "Secret", Json.Text(spec["superuserSecret"]?["name"]), "/spec/superuserSecret/name", "superuserSecret", RequirementStrength.Hard);
                break;
            case ("apiregistration.k8s.io", "APIService"):
                ServiceRef(c, spec["service"], "/spec/service", "APIService service");
                break;
        }

        if (group.Length > 0 && group != GatewayGroup && !group.EndsWith(".k8s.io", StringComparison.Ordinal) && group != "apps" && group != "batch")
        {
            PolicyTargets(c, spec);
        }
    }

    private static void Labels(RequirementCollector c, JsonObject body)
    {
        if (Json.Text(body["metadata"]?["labels"]?[QueueLabel]) is { } queue)
        {
            c.Local("kueue.x-k8s.io", "LocalQueue", queue, "/metadata/labels/" + Loading.JsonPointer.Escape(QueueLabel), "queue-name label", RequirementStrength.Runtime);
        }

        if (Json.Text(body["spec"]?["template"]?["metadata"]?["labels"]?[QueueLabel]) is { } podQueue)
        {
            c.Local("kueue.x-k8s.io", "LocalQueue", podQueue, "/spec/template/metadata/labels/" + Loading.JsonPointer.Escape(QueueLabel), "queue-name label", RequirementStrength.Runtime);
        }
    }

    private static void Ingress(RequirementCollector c, JsonObject body, JsonObject spec)
    {
        c.Cluster("networking.k8s.io", "IngressClass", Json.Text(spec["ingressClassName"]), "/spec/ingressClassName", "ingressClassName", RequirementStrength.Runtime);
        var annotations = body["metadata"]?["annotations"];
        var clusterIssuer = Json.Text(annotations?["cert-manager.io/cluster-issuer"]);
        var issuer = Json.Text(annotations?["cert-manager.io/issuer"]);
        c.Cluster("cert-manager.io", "ClusterIssuer", clusterIssuer, "/metadata/annotations/cert-manager.io~1cluster-issuer", "cert-manager annotation", RequirementStrength.Runtime);
        c.Local("cert-manager.io", "Issuer", issuer, "/metadata/annotations/cert-manager.io~1issuer", "cert-manager annotation", RequirementStrength.Runtime);
        if (clusterIssuer is null && issuer is null)
        {
            // With a cert-manager annotation, ingress-shim creates the TLS Secret itself.
            foreach (var (t, i) in Json.Items(spec["tls"]))
            {
                c.Local(string.Empty, "Secret", Json.Text(t["secretName"]), $"/spec/tls/{i}/secretName", "tls secretName", RequirementStrength.Runtime);
            }
        }

        ServiceRef(c, spec["defaultBackend"]?["service"], "/spec/defaultBackend/service", "defaultBackend", sameNamespace: true);
        foreach (var (r, i) in Json.Items(spec["rules"]))
        {
            foreach (var (p, j) in Json.Items(r["http"]?["paths"]))
            {
                ServiceRef(c, p["backend"]?["service"], $"/spec/rules/{i}/http/paths/{j}/backend/service", "backend", sameNamespace: true);
            }
        }
    }

    private static void InferencePool(RequirementCollector c, JsonObject spec)
    {
        var selector = spec["selector"] is JsonObject sel && sel["matchLabels"] is JsonObject ml ? Json.StringMap(ml) : Json.StringMap(spec["selector"]);
        var selectorPointer = spec["selector"]?["matchLabels"] is JsonObject ? "/spec/selector/matchLabels" : "/spec/selector";
        if (c.Namespace is not null)
        {
            c.Pods(c.Namespace, selector, selectorPointer, "InferencePool selector", RequirementStrength.Runtime);
        }

        if (spec["endpointPickerRef"] is JsonObject epp)
        {
            Ref(c, epp, string.Empty, "Service", "/spec/endpointPickerRef", "endpointPickerRef", RequirementStrength.Runtime);
        }
        else if (spec["extensionRef"] is JsonObject ext)
        {
            Ref(c, ext, string.Empty, "Service", "/spec/extensionRef", "extensionRef", RequirementStrength.Runtime);
        }
    }

    /// <summary>A Gateway-API-style reference {group, kind, namespace, name} with defaults.</summary>
    private static void Ref(RequirementCollector c, JsonNode r, string defaultGroup, string defaultKind, string pointer, string via, RequirementStrength strength)
    {
        var group = Json.Text(r["group"]) ?? defaultGroup;
        var kind = Json.Text(r["kind"]) ?? defaultKind;
        var ns = Json.Text(r["namespace"]) ?? c.Namespace;
        if (ns is not null)
        {
            c.Object(group == "core" ? string.Empty : group, kind, ns, Json.Text(r["name"]), pointer + "/name", via, strength);
        }
    }

    private static void StorageClass(RequirementCollector c, JsonNode? node, string pointer, string via)
    {
        // An empty class means "no class" (static binding); an absent one means the default class.
        if (Json.Text(node) is { Length: > 0 } sc)
        {
            c.Cluster("storage.k8s.io", "StorageClass", sc, pointer, via, RequirementStrength.Hard);
        }
    }

    private static void Issuer(RequirementCollector c, JsonNode? issuerRef, string pointer, string via)
    {
        if (issuerRef is not JsonObject r)
        {
            return;
        }

        var group = Json.Text(r["group"]) ?? "cert-manager.io";
        var kind = Json.Text(r["kind"]) ?? "Issuer";
        if (kind == "ClusterIssuer")
        {
            c.Cluster(group, kind, Json.Text(r["name"]), pointer + "/name", via, RequirementStrength.Runtime);
        }
        else
        {
            c.Local(group, kind, Json.Text(r["name"]), pointer + "/name", via, RequirementStrength.Runtime);
        }
    }

    private static void Store(RequirementCollector c, JsonNode? storeRef, string pointer)
    {
        if (storeRef is not JsonObject r)
        {
            return;
        }

        var kind = Json.Text(r["kind"]) ?? "SecretStore";
        if (kind == "ClusterSecretStore")
        {
            c.Cluster("external-secrets.io", kind, Json.Text(r["name"]), pointer + "/name", "secretStoreRef", RequirementStrength.Runtime);
        }
        else
        {
            c.Local("external-secrets.io", kind, Json.Text(r["name"]), pointer + "/name", "secretStoreRef", RequirementStrength.Runtime);
        }
    }

    private static void ScaleTarget(RequirementCollector c, JsonNode? target, string defaultApiVersion, string? defaultKind)
    {
        if (target is not JsonObject t)
        {
            return;
        }

        var kind = Json.Text(t["kind"]) ?? defaultKind;
        if (kind is not null)
        {
            c.Local(ObjectKey.GroupOf(Json.Text(t["apiVersion"]) ?? defaultApiVersion), kind, Json.Text(t["name"]), "/spec/scaleTargetRef/name", "scaleTargetRef", RequirementStrength.Runtime);
        }
    }

    private static void ServiceRef(RequirementCollector c, JsonNode? svc, string pointer, string via, bool sameNamespace = false)
    {
        if (svc is not JsonObject s)
        {
            return;
        }

        var ns = sameNamespace ? c.Namespace : Json.Text(s["namespace"]);
        if (ns is not null)
        {
            c.Object(string.Empty, "Service", ns, Json.Text(s["name"]), pointer + "/name", via, RequirementStrength.Runtime);
        }
    }

    private static void RoleRef(RequirementCollector c, string group, string kind, JsonObject body)
    {
        if (group != "rbac.authorization.k8s.io" || kind is not ("RoleBinding" or "ClusterRoleBinding") || body["roleRef"] is not JsonObject r)
        {
            return;
        }

        var refKind = Json.Text(r["kind"]) ?? "Role";
        if (refKind == "ClusterRole")
        {
            c.Cluster(group, refKind, Json.Text(r["name"]), "/roleRef/name", "roleRef", RequirementStrength.Runtime);
        }
        else
        {
            c.Local(group, refKind, Json.Text(r["name"]), "/roleRef/name", "roleRef", RequirementStrength.Runtime);
        }
    }

    private static void Webhooks(RequirementCollector c, string group, string kind, JsonObject body)
    {
        if (group != "admissionregistration.k8s.io" || !kind.EndsWith("WebhookConfiguration", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var (w, i) in Json.Items(body["webhooks"]))
        {
            ServiceRef(c, w["clientConfig"]?["service"], $"/webhooks/{i}/clientConfig/service", "webhook service");
        }
    }

    /// <summary>
    /// Gateway API policy attachment (GEP-713): <c>spec.targetRefs[]</c> / <c>spec.targetRef</c> in the policy's namespace.
    /// Entries without a group (or apiVersion) are skipped: their meaning differs between projects.
    /// </summary>
    private static void PolicyTargets(RequirementCollector c, JsonObject spec)
    {
        foreach (var (t, i) in Json.Items(spec["targetRefs"]))
        {
            PolicyTarget(c, t, $"/spec/targetRefs/{i}", "targetRefs");
        }

        if (spec["targetRef"] is JsonObject single)
        {
            PolicyTarget(c, single, "/spec/targetRef", "targetRef");
        }
    }

    private static void PolicyTarget(RequirementCollector c, JsonNode t, string pointer, string via)
    {
        var kind = Json.Text(t["kind"]);
        var group = Json.Text(t["group"]) ?? (Json.Text(t["apiVersion"]) is { } av ? ObjectKey.GroupOf(av) : null);
        var ns = Json.Text(t["namespace"]) ?? c.Namespace;
        if (kind is not null && group is not null && ns is not null)
        {
            c.Object(group == "core" ? string.Empty : group, kind, ns, Json.Text(t["name"]), pointer + "/name", via, RequirementStrength.Runtime);
        }
    }
}
