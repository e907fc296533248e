using PlatformValidation.Validators.Knowledge;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>
/// The built-in resources the simulated API server serves, as a k3s v1.32 server lists them in discovery
/// (GA versions; short names and categories as <c>kubectl api-resources</c> shows them). Whether each is namespaced
/// comes from the one kind-scope table the static validator uses too (<see cref="KindScopeTable"/>).
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
            R("", "v1", "bindings", "Binding", verbs: ["create"], createOnly: true),
            R("", "v1", "componentstatuses", "ComponentStatus", shortNames: ["cs"], verbs: ["get", "list"]),
            R("", "v1", "configmaps", "ConfigMap", shortNames: ["cm"]),
            R("", "v1", "endpoints", "Endpoints", shortNames: ["ep"], singular: "endpoints"),
            R("", "v1", "events", "Event", shortNames: ["ev"]),
            R("", "v1", "limitranges", "LimitRange", shortNames: ["limits"]),
            R("", "v1", "namespaces", "Namespace", shortNames: ["ns"], status: true, extra: ["finalize"], nameRule: NameRule.Dns1123Label, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]),
            R("", "v1", "nodes", "Node", shortNames: ["no"], status: true, extra: ["proxy"]),
            R("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", shortNames: ["pvc"], status: true, returnsDeleted: true),
            R("", "v1", "persistentvolumes", "PersistentVolume", shortNames: ["pv"], status: true, returnsDeleted: true),
            R("", "v1", "pods", "Pod", shortNames: ["po"], categories: ["all"], status: true, extra: ["attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "resize"], returnsDeleted: true),
            R("", "v1", "podtemplates", "PodTemplate"),
            R("", "v1", "replicationcontrollers", "ReplicationController", shortNames: ["rc"], categories: ["all"], status: true, scale: ReplicasScale, generation: true),
            R("", "v1", "resourcequotas", "ResourceQuota", shortNames: ["quota"], status: true),
            R("", "v1", "secrets", "Secret"),
            R("", "v1", "serviceaccounts", "ServiceAccount", shortNames: ["sa"], extra: ["token"]),
            R("", "v1", "services", "Service", shortNames: ["svc"], categories: ["all"], status: true, extra: ["proxy"], nameRule: NameRule.Dns1035Label, returnsDeleted: true, verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]),

            // apps/v1
            R("apps", "v1", "controllerrevisions", "ControllerRevision"),
            R("apps", "v1", "daemonsets", "DaemonSet", shortNames: ["ds"], categories: ["all"], status: true, generation: true),
            R("apps", "v1", "deployments", "Deployment", shortNames: ["deploy"], categories: ["all"], status: true, scale: ReplicasScale, generation: true),
            R("apps", "v1", "replicasets", "ReplicaSet", shortNames: ["rs"], categories: ["all"], status: true, scale: ReplicasScale, generation: true),
            R("apps", "v1", "statefulsets", "StatefulSet", shortNames: ["sts"], categories: ["all"], status: true, scale: ReplicasScale, generation: true),

            // batch/v1
            R("batch", "v1", "cronjobs", "CronJob", shortNames: ["cj"], categories: ["all"], status: true, generation: true),
            R("batch", "v1", "jobs", "Job", categories: ["all"], status: true, generation: true),

            // autoscaling
            R("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", shortNames: ["hpa"], categories: ["all"], status: true, generation: true),
            R("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", shortNames: ["hpa"], categories: ["all"], status: true, generation: true, storageVersion: "v2"),

            // networking, discovery, policy
            R("networking.k8s.io", "v1", "ingressclasses", "IngressClass"),
            R("networking.k8s.io", "v1", "ingresses", "Ingress", shortNames: ["ing"], status: true, generation: true),
            R("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", shortNames: ["netpol"], generation: true),
            R("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice"),
            R("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", shortNames: ["pdb"], status: true, generation: true),

            // rbac
            R("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", nameRule: NameRule.PathSegment),
            R("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", nameRule: NameRule.PathSegment),
            R("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", nameRule: NameRule.PathSegment),
            R("rbac.authorization.k8s.io", "v1", "roles", "Role", nameRule: NameRule.PathSegment),

            // storage
            R("storage.k8s.io", "v1", "csidrivers", "CSIDriver"),
            R("storage.k8s.io", "v1", "csinodes", "CSINode"),
            R("storage.k8s.io", "v1", "csistoragecapacities", "CSIStorageCapacity"),
            R("storage.k8s.io", "v1", "storageclasses", "StorageClass", shortNames: ["sc"]),
            R("storage.k8s.io", "v1", "volumeattachments", "VolumeAttachment", status: true),

            // extension points
            R("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", shortNames: ["crd", "crds"], categories: ["api-extensions"], status: true, generation: true),
            R("apiregistration.k8s.io", "v1", "apiservices", "APIService", categories: ["api-extensions"], status: true),
            R("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", categories: ["api-extensions"], generation: true),
            R("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", categories: ["api-extensions"], generation: true),
            R("admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", "ValidatingAdmissionPolicy", categories: ["api-extensions"], status: true, generation: true),
            R("admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding", categories: ["api-extensions"], generation: true),

            // scheduling, node, coordination, certificates, events, flowcontrol
            R("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", shortNames: ["pc"]),
            R("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass"),
            R("coordination.k8s.io", "v1", "leases", "Lease"),
            R("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", shortNames: ["csr"], status: true, extra: ["approval"]),
            R("events.k8s.io", "v1", "events", "Event", shortNames: ["ev"]) with { SharedStorage = new GroupResource(string.Empty, "events") },
            R("flowcontrol.apiserver.k8s.io", "v1", "flowschemas", "FlowSchema", status: true, generation: true),
            R("flowcontrol.apiserver.k8s.io", "v1", "prioritylevelconfigurations", "PriorityLevelConfiguration", status: true, generation: true),

            // reviews: create-only, never stored
            R("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", verbs: ["create"], createOnly: true),
            R("authentication.k8s.io", "v1", "tokenreviews", "TokenReview", verbs: ["create"], createOnly: true),
            R("authorization.k8s.io", "v1", "localsubjectaccessreviews", "LocalSubjectAccessReview", verbs: ["create"], createOnly: true),
            R("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", verbs: ["create"], createOnly: true),
            R("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview", verbs: ["create"], createOnly: true),
            R("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", verbs: ["create"], createOnly: true),
        };
        return list;
    }

    private static ResourceType R(
        string group,
        string version,
        string plural,
        string kind,
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
            Namespaced = KindScopeTable.Default.BuiltInIsNamespaced(group, kind),
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
