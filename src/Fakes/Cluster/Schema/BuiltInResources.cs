namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>
/// The built-in resources the simulated API server serves, as a k3s v1.32 server lists them in discovery
/// (GA versions; short names and categories as <c>kubectl api-resources</c> shows them).
/// </summary>
public static class BuiltInResources
{
    private static readonly ScaleSubresource ReplicasScale = new("spec.replicas", "status.replicas", "status.selector");

    public static IReadOnlyList<ResourceType> All { get; } = Build();

    private static List<ResourceType> Build()
    {
        var list = new List<ResourceType>
        {
            // core/v1
            R("", "v1", "bindings", "Binding", true, verbs: ["create"], createOnly: true),
            R("", "v1", "componentstatuses", "ComponentStatus", false, shortNames: ["cs"], verbs: ["get", "list"]),
            R("", "v1", "configmaps", "ConfigMap", true, shortNames: ["cm"]),
            R("", "v1", "endpoints", "Endpoints", true, shortNames: ["ep"], singular: "endpoints"),
            R("", "v1", "events", "Event", true, shortNames: ["ev"]),
            R("", "v1", "limitranges", "LimitRange", true, shortNames: ["limits"]),
            R("", "v1", "namespaces", "Namespace", false, shortNames: ["ns"], status: true, extra: ["finalize"], nameRule: NameRule.Dns1123Label, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]),
            R("", "v1", "nodes", "Node", false, shortNames: ["no"], status: true, extra: ["proxy"]),
            R("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, shortNames: ["pvc"], status: true, returnsDeleted: true),
            R("", "v1", "persistentvolumes", "PersistentVolume", false, shortNames: ["pv"], status: true, returnsDeleted: true),
            R("", "v1", "pods", "Pod", true, shortNames: ["po"], categories: ["all"], status: true, extra: ["attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "resize"], returnsDeleted: true),
            R("", "v1", "podtemplates", "PodTemplate", true),
            R("", "v1", "replicationcontrollers", "ReplicationController", true, shortNames: ["rc"], categories: ["all"], status: true, scale: ReplicasScale, generation: true),
            R("", "v1", "resourcequotas", "ResourceQuota", true, shortNames: ["quota"], status: true),
            R("", "v1", "secrets", "Secret", true),
            R("", "v1", "serviceaccounts", "ServiceAccount", true, shortNames: ["sa"], extra: ["token"]),
            R("", "v1", "services", "Service", true, shortNames: ["svc"], categories: ["all"], status: true, extra: ["proxy"], nameRule: NameRule.Dns1035Label, returnsDeleted: true, verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]),

            // apps/v1
            R("apps", "v1", "controllerrevisions", "ControllerRevision", true),
            R("apps", "v1", "daemonsets", "DaemonSet", true, shortNames: ["ds"], categories: ["all"], status: true, generation: true),
            R("apps", "v1", "deployments", "Deployment", true, shortNames: ["deploy"], categories: ["all"], status: true, scale: ReplicasScale, generation: true),
            R("apps", "v1", "replicasets", "ReplicaSet", true, shortNames: ["rs"], categories: ["all"], status: true, scale: ReplicasScale, generation: true),
            R("apps", "v1", "statefulsets", "StatefulSet", true, shortNames: ["sts"], categories: ["all"], status: true, scale: ReplicasScale, generation: true),

            // batch/v1
            R("batch", "v1", "cronjobs", "CronJob", true, shortNames: ["cj"], categories: ["all"], status: true, generation: true),
            R("batch", "v1", "jobs", "Job", true, categories: ["all"], status: true, generation: true),

            // autoscaling
            R("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, shortNames: ["hpa"], categories: ["all"], status: true, generation: true),
            R("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, shortNames: ["hpa"], categories: ["all"], status: true, generation: true, storageVersion: "v2"),

            // networking, discovery, policy
            R("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false),
            R("networking.k8s.io", "v1", "ingresses", "Ingress", true, shortNames: ["ing"], status: true, generation: true),
            R("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, shortNames: ["netpol"], generation: true),
            R("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true),
            R("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, shortNames: ["pdb"], status: true, generation: true),

            // rbac
            R("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, nameRule: NameRule.PathSegment),
            R("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, nameRule: NameRule.PathSegment),
            R("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, nameRule: NameRule.PathSegment),
            R("rbac.authorization.k8s.io", "v1", "roles", "Role", true, nameRule: NameRule.PathSegment),

            // storage
            R("storage.k8s.io", "v1", "csidrivers", "CSIDriver", false),
            R("storage.k8s.io", "v1", "csinodes", "CSINode", false),
            R("storage.k8s.io", "v1", "csistoragecapacities", "CSIStorageCapacity", true),
            R("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, shortNames: ["sc"]),
            R("storage.k8s.io", "v1", "volumeattachments", "VolumeAttachment", false, status: true),

            // extension points
            R("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, shortNames: ["crd", "crds"], categories: ["api-extensions"], status: true, generation: true),
            R("apiregistration.k8s.io", "v1", "apiservices", "APIService", false, categories: ["api-extensions"], status: true),
            R("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false, categories: ["api-extensions"], generation: true),
            R("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false, categories: ["api-extensions"], generation: true),
            R("admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", "ValidatingAdmissionPolicy", false, categories: ["api-extensions"], status: true, generation: true),
            R("admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding", false, categories: ["api-extensions"], generation: true),

            // scheduling, node, coordination, certificates, events, flowcontrol
            R("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, shortNames: ["pc"]),
            R("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", false),
            R("coordination.k8s.io", "v1", "leases", "Lease", true),
            R("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", false, shortNames: ["csr"], status: true, extra: ["approval"]),
            R("events.k8s.io", "v1", "events", "Event", true, shortNames: ["ev"]) with { SharedStorage = new GroupResource(string.Empty, "events") },
            R("flowcontrol.apiserver.k8s.io", "v1", "flowschemas", "FlowSchema", false, status: true, generation: true),
            R("flowcontrol.apiserver.k8s.io", "v1", "prioritylevelconfigurations", "PriorityLevelConfiguration", false, status: true, generation: true),

            // reviews: create-only, never stored
            R("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", false, verbs: ["create"], createOnly: true),
            R("authentication.k8s.io", "v1", "tokenreviews", "TokenReview", false, verbs: ["create"], createOnly: true),
            R("authorization.k8s.io", "v1", "localsubjectaccessreviews", "LocalSubjectAccessReview", true, verbs: ["create"], createOnly: true),
            R("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false, verbs: ["create"], createOnly: true),
            R("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview", false, verbs: ["create"], createOnly: true),
            R("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", false, verbs: ["create"], createOnly: true),
        };
        return list;
    }

    private static ResourceType R(
        string group,
        string version,
        string plural,
        string kind,
        bool namespaced,
        string[]? shortNames = null,
        string[]? categories = null,
        bool status = false,
        ScaleSubresource? scale = null,
        string[]? extra = null,
        bool generation = false,
        bool returnsDeleted = false,
        NameRule nameRule = NameRule.Dns1123Subdomain,
        string[]? verbs = null,
        string? singular = null,
        bool createOnly = false,
        string? storageVersion = null) => new()
        {
            Group = group,
            Version = version,
            Plural = plural,
            Kind = kind,
            Namespaced = namespaced,
            Singular = singular ?? kind.ToLowerInvariant(),
            ShortNames = shortNames ?? [],
            Categories = categories ?? [],
            HasStatus = status,
            Scale = scale,
            ExtraSubresources = extra ?? [],
            HasGeneration = generation,
            ReturnsDeletedObject = returnsDeleted,
            NameRule = nameRule,
            Verbs = verbs ?? ResourceType.StandardVerbs,
            CreateOnly = createOnly,
            StorageVersion = storageVersion ?? version,
        };
}
