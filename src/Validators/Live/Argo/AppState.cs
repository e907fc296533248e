using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Live.Argo;

/// <summary>
/// What Argo CD reports about one Application: sync and health status, the last operation, conditions and the
/// resources it manages — read from the live object's <c>status</c>.
/// </summary>
public sealed record AppState(
    string Name,
    string SyncStatus,
    string HealthStatus,
    string? HealthMessage,
    string? OperationPhase,
    string? OperationMessage,
    bool OperationPending,
    bool Automated,
    IReadOnlyList<AppCondition> Conditions,
    IReadOnlyList<ManagedResource> Resources,
    string? Uid,
    JsonObject Raw)
{
    public bool IsSyncedAndHealthy => SyncStatus == "Synced" && HealthStatus == "Healthy";

    /// <summary>The most useful message Argo CD gives about what is wrong: a condition, the operation, or health.</summary>
    public string Explanation
    {
        get
        {
            var parts = new List<string>();
            foreach (var c in Conditions)
            {
                parts.Add($"{c.Type}: {c.Message}");
            }

            if (!string.IsNullOrEmpty(OperationMessage) && OperationPhase is not "Succeeded")
            {
                parts.Add($"operation {OperationPhase}: {OperationMessage}");
            }

            if (!string.IsNullOrEmpty(HealthMessage) && HealthStatus != "Healthy")
            {
                parts.Add($"health {HealthStatus}: {HealthMessage}");
            }

            var unhealthy = Resources.Where(r => r.Health is not null and not "Healthy" || r.Status == "OutOfSync").Take(5)
                .Select(r => $"{r.Kind} {r.Namespace}{(r.Namespace is null ? string.Empty : "/")}{r.Name} {r.Status}/{r.Health ?? "-"}{(r.HealthMessage is null ? string.Empty : ": " + r.HealthMessage)}");
            parts.AddRange(unhealthy);
            return parts.Count == 0 ? $"sync {SyncStatus}, health {HealthStatus}" : string.Join("; ", parts);
        }
    }

    /// <summary>Reads the state from an Application object.</summary>
    public static AppState From(JsonObject app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var status = app["status"] as JsonObject;
        var op = status?["operationState"] as JsonObject;
        var conditions = (status?["conditions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(c => new AppCondition(JsonRead.Str(c["type"]) ?? string.Empty, JsonRead.Str(c["message"]) ?? string.Empty))
            .ToList();
        var resources = (status?["resources"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(r => new ManagedResource(
                JsonRead.Str(r["group"]) ?? string.Empty,
                JsonRead.Str(r["version"]) ?? string.Empty,
                JsonRead.Str(r["kind"]) ?? string.Empty,
                JsonRead.Str(r["namespace"]) is { Length: > 0 } ns ? ns : null,
                JsonRead.Str(r["name"]) ?? string.Empty,
                JsonRead.Str(r["status"]),
                JsonRead.Str(r["health"]?["status"]),
                JsonRead.Str(r["health"]?["message"])))
            .ToList();
        return new AppState(
            JsonRead.Str(app["metadata"]?["name"]) ?? string.Empty,
            JsonRead.Str(status?["sync"]?["status"]) ?? "Unknown",
            JsonRead.Str(status?["health"]?["status"]) ?? "Unknown",
            JsonRead.Str(status?["health"]?["message"]),
            JsonRead.Str(op?["phase"]),
            JsonRead.Str(op?["message"]),
            app["operation"] is JsonObject,
            app["spec"]?["syncPolicy"]?["automated"] is JsonObject automated && JsonRead.Bool(automated["enabled"]) != false,
            conditions,
            resources,
            JsonRead.Str(app["metadata"]?["uid"]),
            app);
    }
}

/// <summary>One entry of <c>status.conditions</c>.</summary>
public sealed record AppCondition(string Type, string Message);

/// <summary>One entry of <c>status.resources</c>: a resource the Application manages and its state.</summary>
public sealed record ManagedResource(string Group, string Version, string Kind, string? Namespace, string Name, string? Status, string? Health, string? HealthMessage)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
