namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>
/// Patch strategies and list semantics of the built-in API types, keyed by model type and JSON field. Derived from
/// the Kubernetes API types' <c>patchStrategy</c>/<c>patchMergeKey</c> tags and <c>+listType</c>/<c>+listMapKey</c>
/// markers (k8s.io/api); lists not named here are atomic, maps granular.
/// </summary>
public static class PatchStrategies
{
    /// <summary>Strategy, merge key, SSA list type and list-map keys for one field.</summary>
    public sealed record FieldStrategy(string? Strategy, string? MergeKey, string ListType, string[] MapKeys);

    private static readonly Dictionary<string, FieldStrategy> Table = new(StringComparer.Ordinal)
    {
        ["V1ObjectMeta.finalizers"] = new("merge", null, "set", []),
        ["V1ObjectMeta.ownerReferences"] = new("merge", "uid", "map", ["uid"]),
        ["V1PodSpec.volumes"] = new("merge,retainKeys", "name", "map", ["name"]),
        ["V1PodSpec.initContainers"] = new("merge", "name", "map", ["name"]),
        ["V1PodSpec.containers"] = new("merge", "name", "map", ["name"]),
        ["V1PodSpec.ephemeralContainers"] = new("merge", "name", "map", ["name"]),
        ["V1PodSpec.imagePullSecrets"] = new("merge", "name", "map", ["name"]),
        ["V1PodSpec.hostAliases"] = new("merge", "ip", "map", ["ip"]),
        ["V1PodSpec.topologySpreadConstraints"] = new("merge", "topologyKey", "map", ["topologyKey", "whenUnsatisfiable"]),
        ["V1PodSpec.resourceClaims"] = new("merge,retainKeys", "name", "map", ["name"]),
        ["V1PodSpec.schedulingGates"] = new("merge", "name", "map", ["name"]),
        ["V1Container.ports"] = new("merge", "containerPort", "map", ["containerPort", "protocol"]),
        ["V1Container.env"] = new("merge", "name", "map", ["name"]),
        ["V1Container.volumeMounts"] = new("merge", "mountPath", "map", ["mountPath"]),
        ["V1Container.volumeDevices"] = new("merge", "devicePath", "map", ["devicePath"]),
        ["V1EphemeralContainer.ports"] = new("merge", "containerPort", "map", ["containerPort", "protocol"]),
        ["V1EphemeralContainer.env"] = new("merge", "name", "map", ["name"]),
        ["V1EphemeralContainer.volumeMounts"] = new("merge", "mountPath", "map", ["mountPath"]),
        ["V1EphemeralContainer.volumeDevices"] = new("merge", "devicePath", "map", ["devicePath"]),
        ["V1PodStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1PodStatus.podIPs"] = new("merge", "ip", "map", ["ip"]),
        ["V1PodStatus.hostIPs"] = new("merge", "ip", "map", ["ip"]),
        ["V1ServiceSpec.ports"] = new("merge", "port", "map", ["port", "protocol"]),
        ["V1ServiceStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1ServiceAccount.secrets"] = new("merge", "name", "map", ["name"]),
        ["V1DeploymentStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1ReplicaSetStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1StatefulSetStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1DaemonSetStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1JobStatus.conditions"] = new("merge", "type", "atomic", []),
        ["V1ReplicationControllerStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1NodeStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1NodeStatus.addresses"] = new("merge", "type", "map", ["type"]),
        ["V1NodeSpec.podCIDRs"] = new("merge", null, "set", []),
        ["V1NamespaceStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1PersistentVolumeClaimStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1PodDisruptionBudgetStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V2HorizontalPodAutoscalerStatus.conditions"] = new("merge", "type", "map", ["type"]),
        ["V1CustomResourceDefinitionStatus.conditions"] = new(null, null, "map", ["type"]),
        ["V1IngressLoadBalancerIngress.ports"] = new(null, null, "atomic", []),
    };

    /// <summary>Fields whose struct value uses the retainKeys strategy.</summary>
    private static readonly HashSet<string> RetainKeysStructs = new(StringComparer.Ordinal)
    {
        "V1DeploymentSpec.strategy",
        "V1PersistentVolumeSpec.persistentVolumeSource",
    };

    public static FieldStrategy? For(string typeName, string field) =>
        Table.TryGetValue(typeName + "." + field, out var s) ? s : null;

    public static bool RetainKeys(string typeName, string field) => RetainKeysStructs.Contains(typeName + "." + field);
}
