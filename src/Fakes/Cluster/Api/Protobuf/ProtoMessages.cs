namespace PlatformValidation.Fakes.Cluster.Api.Protobuf;

/// <summary>How a protobuf field maps to JSON.</summary>
public enum ProtoKind
{
    String,
    Bytes,
    Int,
    Bool,
    Message,
    MapStringString,
    MapStringBytes,
    MapStringQuantity,
    RepeatedString,
    RepeatedMessage,
    Time,
    IntOrString,
    Quantity,
}

/// <summary>One field of a Kubernetes protobuf message: JSON name, wire mapping and nested message.</summary>
public sealed record ProtoField(string Name, ProtoKind Kind, string? Message = null);

/// <summary>
/// Field numbers of the Kubernetes API messages that kubectl's generators (create secret/configmap/namespace/
/// serviceaccount/deployment/job/cronjob/role/rolebinding/priorityclass/quota/service/ingress/pdb, run, create token) send as
/// protobuf. Facts from the k8s.io/api and apimachinery generated.proto files; fields not listed are rejected with
/// 415 rather than dropped.
/// </summary>
public static class ProtoMessages
{
    /// <summary>A nested message whose content is server-computed (a status sent on create) and is skipped.</summary>
    public const string Ignored = "(ignored)";

    private static ProtoField S(string n) => new(n, ProtoKind.String);

    private static ProtoField I(string n) => new(n, ProtoKind.Int);

    private static ProtoField B(string n) => new(n, ProtoKind.Bool);

    private static ProtoField M(string n, string m) => new(n, ProtoKind.Message, m);

    private static ProtoField RM(string n, string m) => new(n, ProtoKind.RepeatedMessage, m);

    private static ProtoField RS(string n) => new(n, ProtoKind.RepeatedString);

    public static IReadOnlyDictionary<string, Dictionary<int, ProtoField>> All { get; } = new Dictionary<string, Dictionary<int, ProtoField>>(StringComparer.Ordinal)
    {
        ["ObjectMeta"] = new() { [1] = S("name"), [2] = S("generateName"), [3] = S("namespace"), [4] = S("selfLink"), [5] = S("uid"), [6] = S("resourceVersion"), [7] = I("generation"), [8] = new("creationTimestamp", ProtoKind.Time), [9] = new("deletionTimestamp", ProtoKind.Time), [10] = I("deletionGracePeriodSeconds"), [11] = new("labels", ProtoKind.MapStringString), [12] = new("annotations", ProtoKind.MapStringString), [13] = RM("ownerReferences", "OwnerReference"), [14] = RS("finalizers") },
        ["OwnerReference"] = new() { [1] = S("kind"), [3] = S("name"), [4] = S("uid"), [5] = S("apiVersion"), [6] = B("controller"), [7] = B("blockOwnerDeletion") },
        ["LabelSelector"] = new() { [1] = new("matchLabels", ProtoKind.MapStringString), [2] = RM("matchExpressions", "LabelSelectorRequirement") },
        ["LabelSelectorRequirement"] = new() { [1] = S("key"), [2] = S("operator"), [3] = RS("values") },
        ["LocalObjectReference"] = new() { [1] = S("name") },
        ["ObjectReference"] = new() { [1] = S("kind"), [2] = S("namespace"), [3] = S("name"), [4] = S("uid"), [5] = S("apiVersion"), [6] = S("resourceVersion"), [7] = S("fieldPath") },

        ["Secret"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = new("data", ProtoKind.MapStringBytes), [3] = S("type"), [4] = new("stringData", ProtoKind.MapStringString), [5] = B("immutable") },
        ["ConfigMap"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = new("data", ProtoKind.MapStringString), [3] = new("binaryData", ProtoKind.MapStringBytes), [4] = B("immutable") },
        ["Namespace"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "NamespaceSpec"), [3] = M("status", "NamespaceStatus") },
        ["NamespaceSpec"] = new() { [1] = RS("finalizers") },
        ["NamespaceStatus"] = new() { [1] = S("phase") },
        ["ServiceAccount"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = RM("secrets", "ObjectReference"), [3] = RM("imagePullSecrets", "LocalObjectReference"), [4] = B("automountServiceAccountToken") },
        ["ResourceQuota"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "ResourceQuotaSpec") },
        ["ResourceQuotaSpec"] = new() { [1] = new("hard", ProtoKind.MapStringQuantity), [2] = RS("scopes") },

        ["Service"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "ServiceSpec") },
        ["ServiceSpec"] = new() { [1] = RM("ports", "ServicePort"), [2] = new("selector", ProtoKind.MapStringString), [3] = S("clusterIP"), [4] = S("type"), [5] = RS("externalIPs"), [7] = S("sessionAffinity"), [8] = S("loadBalancerIP"), [10] = S("externalName"), [11] = S("externalTrafficPolicy"), [13] = B("publishNotReadyAddresses"), [17] = S("ipFamilyPolicy"), [18] = RS("clusterIPs"), [19] = RS("ipFamilies"), [20] = B("allocateLoadBalancerNodePorts"), [22] = S("internalTrafficPolicy") },
        ["ServicePort"] = new() { [1] = S("name"), [2] = S("protocol"), [3] = I("port"), [4] = new("targetPort", ProtoKind.IntOrString), [5] = I("nodePort"), [6] = S("appProtocol") },

        ["Pod"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "PodSpec") },
        ["PodTemplateSpec"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "PodSpec") },
        ["PodSpec"] = new() { [1] = RM("volumes", "Volume"), [2] = RM("containers", "Container"), [3] = S("restartPolicy"), [4] = I("terminationGracePeriodSeconds"), [5] = I("activeDeadlineSeconds"), [6] = S("dnsPolicy"), [7] = new("nodeSelector", ProtoKind.MapStringString), [8] = S("serviceAccountName"), [9] = S("serviceAccount"), [10] = S("nodeName"), [11] = B("hostNetwork"), [14] = M("securityContext", "PodSecurityContext"), [15] = RM("imagePullSecrets", "LocalObjectReference"), [16] = S("hostname"), [17] = S("subdomain"), [19] = S("schedulerName"), [20] = RM("initContainers", "Container"), [21] = B("automountServiceAccountToken"), [22] = RM("tolerations", "Toleration"), [24] = S("priorityClassName"), [25] = I("priority"), [30] = B("enableServiceLinks"), [31] = S("preemptionPolicy") },
        ["PodSecurityContext"] = new() { [2] = I("runAsUser"), [3] = B("runAsNonRoot"), [5] = I("fsGroup"), [6] = I("runAsGroup") },
        ["Container"] = new() { [1] = S("name"), [2] = S("image"), [3] = RS("command"), [4] = RS("args"), [5] = S("workingDir"), [6] = RM("ports", "ContainerPort"), [7] = RM("env", "EnvVar"), [8] = M("resources", "ResourceRequirements"), [9] = RM("volumeMounts", "VolumeMount"), [10] = M("livenessProbe", "Probe"), [11] = M("readinessProbe", "Probe"), [13] = S("terminationMessagePath"), [14] = S("imagePullPolicy"), [16] = B("stdin"), [17] = B("stdinOnce"), [18] = B("tty"), [19] = RM("envFrom", "EnvFromSource"), [20] = S("terminationMessagePolicy"), [22] = M("startupProbe", "Probe") },
        ["ContainerPort"] = new() { [1] = S("name"), [2] = I("hostPort"), [3] = I("containerPort"), [4] = S("protocol"), [5] = S("hostIP") },
        ["EnvVar"] = new() { [1] = S("name"), [2] = S("value"), [3] = M("valueFrom", "EnvVarSource") },
        ["EnvVarSource"] = new() { [1] = M("fieldRef", "ObjectFieldSelector"), [3] = M("configMapKeyRef", "KeySelector"), [4] = M("secretKeyRef", "KeySelector") },
        ["ObjectFieldSelector"] = new() { [1] = S("apiVersion"), [2] = S("fieldPath") },
        ["KeySelector"] = new() { [1] = new("*", ProtoKind.Message, "LocalObjectReference"), [2] = S("key"), [3] = B("optional") },
        ["EnvFromSource"] = new() { [1] = S("prefix"), [2] = M("configMapRef", "EnvSource"), [3] = M("secretRef", "EnvSource") },
        ["EnvSource"] = new() { [1] = new("*", ProtoKind.Message, "LocalObjectReference"), [2] = B("optional") },
        ["ResourceRequirements"] = new() { [1] = new("limits", ProtoKind.MapStringQuantity), [2] = new("requests", ProtoKind.MapStringQuantity) },
        ["VolumeMount"] = new() { [1] = S("name"), [2] = B("readOnly"), [3] = S("mountPath"), [4] = S("subPath") },
        ["Volume"] = new() { [1] = S("name"), [2] = new("*", ProtoKind.Message, "VolumeSource") },
        ["VolumeSource"] = new() { [2] = M("emptyDir", "EmptyDirVolumeSource"), [6] = M("secret", "SecretVolumeSource"), [10] = M("persistentVolumeClaim", "PvcVolumeSource"), [19] = M("configMap", "ConfigMapVolumeSource") },
        ["EmptyDirVolumeSource"] = new() { [1] = S("medium"), [2] = new("sizeLimit", ProtoKind.Quantity) },
        ["SecretVolumeSource"] = new() { [1] = S("secretName"), [3] = I("defaultMode"), [4] = B("optional") },
        ["ConfigMapVolumeSource"] = new() { [1] = new("*", ProtoKind.Message, "LocalObjectReference"), [3] = I("defaultMode"), [4] = B("optional") },
        ["PvcVolumeSource"] = new() { [1] = S("claimName"), [2] = B("readOnly") },
        ["Probe"] = new() { [1] = new("*", ProtoKind.Message, "ProbeHandler"), [2] = I("initialDelaySeconds"), [3] = I("timeoutSeconds"), [4] = I("periodSeconds"), [5] = I("successThreshold"), [6] = I("failureThreshold") },
        ["ProbeHandler"] = new() { [1] = M("exec", "ExecAction"), [2] = M("httpGet", "HTTPGetAction"), [3] = M("tcpSocket", "TCPSocketAction") },
        ["ExecAction"] = new() { [1] = RS("command") },
        ["HTTPGetAction"] = new() { [1] = S("path"), [2] = new("port", ProtoKind.IntOrString), [3] = S("host"), [4] = S("scheme") },
        ["TCPSocketAction"] = new() { [1] = new("port", ProtoKind.IntOrString), [2] = S("host") },
        ["Toleration"] = new() { [1] = S("key"), [2] = S("operator"), [3] = S("value"), [4] = S("effect"), [5] = I("tolerationSeconds") },

        ["Deployment"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "DeploymentSpec") },
        ["DeploymentSpec"] = new() { [1] = I("replicas"), [2] = M("selector", "LabelSelector"), [3] = M("template", "PodTemplateSpec"), [4] = M("strategy", "DeploymentStrategy"), [5] = I("minReadySeconds"), [6] = I("revisionHistoryLimit"), [7] = B("paused"), [9] = I("progressDeadlineSeconds") },
        ["DeploymentStrategy"] = new() { [1] = S("type"), [2] = M("rollingUpdate", "RollingUpdateDeployment") },
        ["RollingUpdateDeployment"] = new() { [1] = new("maxUnavailable", ProtoKind.IntOrString), [2] = new("maxSurge", ProtoKind.IntOrString) },
        ["Job"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "JobSpec") },
        ["JobSpec"] = new() { [1] = I("parallelism"), [2] = I("completions"), [3] = I("activeDeadlineSeconds"), [4] = M("selector", "LabelSelector"), [5] = B("manualSelector"), [6] = M("template", "PodTemplateSpec"), [7] = I("backoffLimit"), [8] = I("ttlSecondsAfterFinished"), [9] = S("completionMode"), [10] = B("suspend"), [14] = S("podReplacementPolicy") },
        ["JobTemplateSpec"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "JobSpec") },
        ["CronJob"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "CronJobSpec") },
        ["CronJobSpec"] = new() { [1] = S("schedule"), [2] = I("startingDeadlineSeconds"), [3] = S("concurrencyPolicy"), [4] = B("suspend"), [5] = M("jobTemplate", "JobTemplateSpec"), [6] = I("successfulJobsHistoryLimit"), [7] = I("failedJobsHistoryLimit"), [8] = S("timeZone") },

        ["Role"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = RM("rules", "PolicyRule") },
        ["ClusterRole"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = RM("rules", "PolicyRule") },
        ["PolicyRule"] = new() { [1] = RS("verbs"), [2] = RS("apiGroups"), [3] = RS("resources"), [4] = RS("resourceNames"), [5] = RS("nonResourceURLs") },
        ["RoleBinding"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = RM("subjects", "Subject"), [3] = M("roleRef", "RoleRef") },
        ["ClusterRoleBinding"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = RM("subjects", "Subject"), [3] = M("roleRef", "RoleRef") },
        ["Subject"] = new() { [1] = S("kind"), [2] = S("apiGroup"), [3] = S("name"), [4] = S("namespace") },
        ["RoleRef"] = new() { [1] = S("apiGroup"), [2] = S("kind"), [3] = S("name") },
        ["PriorityClass"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = I("value"), [3] = B("globalDefault"), [4] = S("description"), [5] = S("preemptionPolicy") },
        ["Ingress"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "IngressSpec") },
        ["IngressSpec"] = new() { [1] = M("defaultBackend", "IngressBackend"), [2] = RM("tls", "IngressTLS"), [3] = RM("rules", "IngressRule"), [4] = S("ingressClassName") },
        ["IngressTLS"] = new() { [1] = RS("hosts"), [2] = S("secretName") },
        ["IngressRule"] = new() { [1] = S("host"), [2] = new("*", ProtoKind.Message, "IngressRuleValue") },
        ["IngressRuleValue"] = new() { [1] = M("http", "HTTPIngressRuleValue") },
        ["HTTPIngressRuleValue"] = new() { [1] = RM("paths", "HTTPIngressPath") },
        ["HTTPIngressPath"] = new() { [1] = S("path"), [2] = M("backend", "IngressBackend"), [3] = S("pathType") },
        ["IngressBackend"] = new() { [4] = M("service", "IngressServiceBackend") },
        ["IngressServiceBackend"] = new() { [1] = S("name"), [2] = M("port", "ServiceBackendPort") },
        ["ServiceBackendPort"] = new() { [1] = S("name"), [2] = new("number", ProtoKind.Int) },
        ["PodDisruptionBudget"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "PodDisruptionBudgetSpec") },
        ["PodDisruptionBudgetSpec"] = new() { [1] = new("minAvailable", ProtoKind.IntOrString), [2] = M("selector", "LabelSelector"), [3] = new("maxUnavailable", ProtoKind.IntOrString), [4] = S("unhealthyPodEvictionPolicy") },
        ["SelfSubjectAccessReview"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "SelfSubjectAccessReviewSpec") },
        ["SelfSubjectAccessReviewSpec"] = new() { [1] = M("resourceAttributes", "ResourceAttributes"), [2] = M("nonResourceAttributes", "NonResourceAttributes") },
        ["ResourceAttributes"] = new() { [1] = S("namespace"), [2] = S("verb"), [3] = S("group"), [4] = S("version"), [5] = S("resource"), [6] = S("subresource"), [7] = S("name") },
        ["NonResourceAttributes"] = new() { [1] = S("path"), [2] = S("verb") },
        ["SelfSubjectRulesReview"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "SelfSubjectRulesReviewSpec") },
        ["SelfSubjectRulesReviewSpec"] = new() { [1] = S("namespace") },
        ["SelfSubjectReview"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("status", Ignored) },
        ["TokenRequest"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "TokenRequestSpec") },
        ["TokenRequestSpec"] = new() { [1] = RS("audiences"), [3] = M("boundObjectRef", "BoundObjectReference"), [4] = I("expirationSeconds") },
        ["BoundObjectReference"] = new() { [1] = S("kind"), [2] = S("apiVersion"), [3] = S("name"), [4] = S("uid") },
    };
}
