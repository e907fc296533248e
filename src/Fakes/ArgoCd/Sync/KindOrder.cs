namespace PlatformValidation.Fakes.ArgoCd.Sync;

/// <summary>
/// Kind order inside a wave, keyed on kind only [ge/sync/sync_tasks.go kindOrder, from Helm's kind_sorter]:
/// listed kinds get negative ranks in list order, everything else (custom resources) ranks 0, i.e. last.
/// </summary>
public static class KindOrder
{
    private static readonly string[] Kinds =
    [
        "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
        "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
        "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
        "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
        "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job",
        "CronJob", "IngressClass", "Ingress", "APIService",
    ];

    private static readonly Dictionary<string, int> Rank =
        Kinds.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i - Kinds.Length, StringComparer.Ordinal);

    public static int Of(string kind) => Rank.TryGetValue(kind, out var r) ? r : 0;
}
