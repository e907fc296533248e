using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Kube;

/// <summary>Names one object in a cluster: apiVersion, kind, namespace (null for cluster-scoped) and name.</summary>
public sealed record ObjectRef(string ApiVersion, string Kind, string? Namespace, string Name)
{
    /// <summary>The group part of <see cref="ApiVersion"/> ("" for the core group).</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;

    /// <summary>The reference of an object body.</summary>
    public static ObjectRef Of(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new ObjectRef(
            body["apiVersion"]?.GetValue<string>() ?? string.Empty,
            body["kind"]?.GetValue<string>() ?? string.Empty,
            body["metadata"]?["namespace"]?.GetValue<string>(),
            body["metadata"]?["name"]?.GetValue<string>() ?? string.Empty);
    }

    /// <summary>The object a scenario's <c>workload</c> names (no apiVersion written: the kind's usual one).</summary>
    public static ObjectRef Of(Scenarios.WorkloadRef workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var apiVersion = workload.ApiVersion ?? workload.Kind switch
        {
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" => "apps/v1",
            "Job" or "CronJob" => "batch/v1",
            _ => "v1",
        };
        return new ObjectRef(apiVersion, workload.Kind, workload.Namespace, workload.Name);
    }

    /// <summary><c>Kind namespace/name</c>, for messages.</summary>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
