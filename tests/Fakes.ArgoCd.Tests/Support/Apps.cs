using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Support;

/// <summary>Application manifests for controller tests.</summary>
internal static class Apps
{
    public const string Automated = "{\"automated\":{\"prune\":true,\"selfHeal\":true},\"syncOptions\":[\"CreateNamespace=true\"]}";

    public const string AutomatedNoPrune = "{\"automated\":{},\"syncOptions\":[\"CreateNamespace=true\"]}";

    public const string Manual = "{\"syncOptions\":[\"CreateNamespace=true\"]}";

    public static string App(string name, string path, string? syncPolicy = Automated, string project = "default", string ns = "demo", string revision = "HEAD", string? extraSpec = null, string? finalizers = null, string? destination = null)
    {
        var app = new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = "Application",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "argocd" },
            ["spec"] = new JsonObject
            {
                ["project"] = project,
                ["source"] = new JsonObject { ["repoURL"] = ArgoCdHarness.RepoUrl, ["path"] = path, ["targetRevision"] = revision },
                ["destination"] = destination is null ? new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = ns } : JsonNode.Parse(destination),
            },
        };
        if (syncPolicy is not null)
        {
            app["spec"]!["syncPolicy"] = JsonNode.Parse(syncPolicy);
        }

        if (finalizers is not null)
        {
            app["metadata"]!["finalizers"] = JsonNode.Parse(finalizers);
        }

        if (extraSpec is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(extraSpec)!.AsObject().ToList())
            {
                app["spec"]![k] = v?.DeepClone();
            }
        }

        return app.ToJsonString();
    }

    public static string ConfigMap(string name, string data = "a: '1'", string? annotations = null) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n{(annotations is null ? string.Empty : "  annotations:\n" + string.Join("\n", annotations.Split(';').Select(a => "    " + a)) + "\n")}data:\n  {data}\n";

    public static string Deployment(string name, int replicas = 1, string? annotations = null, string image = "nginx:1") =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n{(annotations is null ? string.Empty : "  annotations:\n" + string.Join("\n", annotations.Split(';').Select(a => "    " + a)) + "\n")}spec:\n  replicas: {replicas}\n  selector:\n    matchLabels: {{app: {name}}}\n  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n      containers:\n      - name: app\n        image: {image}\n";

    public static string? Str(JsonNode? node, params string[] path)
    {
        foreach (var p in path)
        {
            node = node?[p];
        }

        return node?.GetValue<string>();
    }

    public static string? SyncOf(JsonObject app) => Str(app, "status", "sync", "status");

    public static string? HealthOf(JsonObject app) => Str(app, "status", "health", "status");

    public static string? OpPhase(JsonObject app) => Str(app, "status", "operationState", "phase");

    public static string? OpMessage(JsonObject app) => Str(app, "status", "operationState", "message");

    public static IEnumerable<JsonObject> Conditions(JsonObject app) => app["status"]?["conditions"]?.AsArray().OfType<JsonObject>() ?? [];

    public static string? Condition(JsonObject app, string type) => Conditions(app).Where(c => Str(c, "type") == type).Select(c => Str(c, "message")).FirstOrDefault();

    public static JsonObject? Resource(JsonObject app, string kind, string name) =>
        app["status"]?["resources"]?.AsArray().OfType<JsonObject>().FirstOrDefault(r => Str(r, "kind") == kind && Str(r, "name") == name);
}
