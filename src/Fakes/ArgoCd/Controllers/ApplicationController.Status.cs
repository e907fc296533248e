using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Controllers;

public sealed partial class ApplicationController
{
    private static readonly HashSet<string> ComparisonConditionTypes =
        ["InvalidSpecError", "ComparisonError", "UnknownError", "SharedResourceWarning", "RepeatedResourceWarning", "OrphanedResourceWarning", "SyncError", "DeletionError"];

    /// <summary>Writes sync, health, resources, conditions and summary [types.go ApplicationStatus; ARGOCD-SEMANTICS §9].</summary>
    private void WriteComparison(AppSpec app, ComparisonResult comparison, JsonObject status, string? syncError, DateTimeOffset now)
    {
        // Spec errors short-circuit: sync and health Unknown, resource list not refreshed [§2.1].
        var sync = new JsonObject { ["status"] = comparison.SyncStatus };
        var comparedTo = new JsonObject { ["destination"] = app.Raw["spec"]?["destination"]?.DeepClone() };
        if (app.IsMultiSource)
        {
            comparedTo["sources"] = app.Raw["spec"]?["sources"]?.DeepClone();
            if (comparison.Revisions.Count > 0)
            {
                sync["revisions"] = new JsonArray(comparison.Revisions.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
            }
        }
        else
        {
            comparedTo["source"] = app.Raw["spec"]?["source"]?.DeepClone();
            if (comparison.Revisions.Count > 0)
            {
                sync["revision"] = comparison.Revisions[0];
            }
        }

        if (app.Raw["spec"]?["ignoreDifferences"] is { } ignore)
        {
            comparedTo["ignoreDifferences"] = ignore.DeepClone();
        }

        sync["comparedTo"] = comparedTo;
        status["sync"] = sync;

        var health = comparison.SpecInvalid || comparison.ComparisonFailed ? new HealthStatus(HealthStatusCode.Unknown) : comparison.Health;
        var previousHealth = Json.Str(status, "health.status");
        var healthObj = new JsonObject { ["status"] = health.Status.ToString() };
        if (health.Message.Length > 0)
        {
            healthObj["message"] = health.Message;
        }

        healthObj["lastTransitionTime"] = previousHealth == health.Status.ToString() && Json.Str(status, "health.lastTransitionTime") is { } lt ? lt : Json.Timestamp(now);
        status["health"] = healthObj;

        if (!comparison.SpecInvalid)
        {
            var resources = new JsonArray();
            foreach (var r in comparison.Resources)
            {
                var entry = new JsonObject
                {
                    ["group"] = r.Key.Group.Length == 0 ? null : r.Key.Group,
                    ["version"] = r.Version,
                    ["kind"] = r.Key.Kind,
                    ["namespace"] = r.Key.Namespace.Length == 0 ? null : r.Key.Namespace,
                    ["name"] = r.Key.Name,
                    ["status"] = comparison.ComparisonFailed ? "Unknown" : r.Status,
                };
                if (r.RequiresPruning)
                {
                    entry["requiresPruning"] = true;
                }

                if (r.SyncWave != 0)
                {
                    entry["syncWave"] = r.SyncWave;
                }

                RemoveNulls(entry);
                resources.Add(entry);
            }

            foreach (var hook in comparison.Hooks)
            {
                var key = ResourceKey.Of(hook);
                var entry = new JsonObject
                {
                    ["group"] = key.Group.Length == 0 ? null : key.Group,
                    ["version"] = ResourceKey.SplitApiVersion(Json.Str(hook, "apiVersion") ?? string.Empty).Version,
                    ["kind"] = key.Kind,
                    ["namespace"] = key.Namespace.Length == 0 ? null : key.Namespace,
                    ["name"] = key.Name,
                    ["hook"] = true,
                };
                RemoveNulls(entry);
                resources.Add(entry);
            }

            if (!comparison.ComparisonFailed || status["resources"] is null)
            {
                status["resources"] = resources;
            }

            var images = comparison.Resources.Where(r => r.Live is not null).SelectMany(r => Images(r.Live!)).Distinct().Order(StringComparer.Ordinal).ToList();
            var summary = new JsonObject();
            if (images.Count > 0)
            {
                summary["images"] = new JsonArray(images.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
            }

            if (comparison.Resources.Any(r => r.Key.Group == ArgoAnnotations.Group && r.Key.Kind == "Application"))
            {
                summary["isAppOfApps"] = true;
            }

            status["summary"] = summary;
        }

        status["resourceHealthSource"] = "appTree";
        status["controllerNamespace"] = ctx.Namespace;

        var conditions = new List<(string Type, string Message)>(comparison.Conditions);
        if (syncError is not null)
        {
            conditions.Add(("SyncError", syncError));
        }

        var previous = Json.Objects(status, "conditions").ToList();
        var list = new JsonArray();
        foreach (var (type, message) in conditions.Distinct())
        {
            var existing = previous.FirstOrDefault(c => Json.Str(c, "type") == type && Json.Str(c, "message") == message);
            list.Add(new JsonObject
            {
                ["type"] = type,
                ["message"] = message,
                ["lastTransitionTime"] = existing is not null ? Json.Str(existing, "lastTransitionTime") : Json.Timestamp(now),
            });
        }

        // Conditions this controller does not own survive.
        foreach (var c in previous.Where(c => !ComparisonConditionTypes.Contains(Json.Str(c, "type") ?? string.Empty)))
        {
            list.Add(c.DeepClone());
        }

        if (list.Count > 0)
        {
            status["conditions"] = list;
        }
        else
        {
            status.Remove("conditions");
        }
    }

    private static string? ExistingSyncError(JsonObject status, bool keep) =>
        keep ? Json.Objects(status, "conditions").Where(c => Json.Str(c, "type") == "SyncError").Select(c => Json.Str(c, "message")).FirstOrDefault() : null;

    private static void RemoveNulls(JsonObject o)
    {
        foreach (var k in o.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
        {
            o.Remove(k);
        }
    }

    private static IEnumerable<string> Images(JsonObject obj)
    {
        foreach (var path in new[] { "spec", "spec.template.spec", "spec.jobTemplate.spec.template.spec" })
        {
            var spec = Json.Obj(obj, path);
            foreach (var c in Json.Objects(spec, "containers").Concat(Json.Objects(spec, "initContainers")))
            {
                if (Json.Str(c, "image") is { } image)
                {
                    yield return image;
                }
            }
        }
    }
}
