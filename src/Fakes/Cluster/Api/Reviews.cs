using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>Create-only review kinds: the one authenticated user is cluster-admin, so every access review is allowed.</summary>
public static class Reviews
{
    public static JsonObject Answer(ResourceType type, JsonObject body, ClusterCore core)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(body);
        var result = body.Clone();
        result["apiVersion"] = type.ApiVersion;
        result["kind"] = type.Kind;
        result.Metadata()["creationTimestamp"] = null;
        switch (type.Kind)
        {
            case "SelfSubjectAccessReview" or "SubjectAccessReview" or "LocalSubjectAccessReview":
                result["status"] = new JsonObject { ["allowed"] = true, ["reason"] = "the simulated cluster's only user is cluster-admin" };
                break;
            case "SelfSubjectRulesReview":
                result["status"] = new JsonObject
                {
                    ["resourceRules"] = new JsonArray(new JsonObject { ["verbs"] = new JsonArray("*"), ["apiGroups"] = new JsonArray("*"), ["resources"] = new JsonArray("*") }),
                    ["nonResourceRules"] = new JsonArray(new JsonObject { ["verbs"] = new JsonArray("*"), ["nonResourceURLs"] = new JsonArray("*") }),
                    ["incomplete"] = false,
                };
                break;
            case "SelfSubjectReview":
                result["status"] = new JsonObject { ["userInfo"] = UserInfo() };
                break;
            case "TokenReview":
                var token = body.Str("spec", "token");
                var ok = token is not null && core.IsValidToken(token);
                result["status"] = ok ? new JsonObject { ["authenticated"] = true, ["user"] = UserInfo() } : new JsonObject { ["authenticated"] = false };
                break;
            case "Binding":
                throw StatusErrors.MethodNotAllowed();
        }

        return result;
    }

    private static JsonObject UserInfo() => new()
    {
        ["username"] = "system:admin",
        ["groups"] = new JsonArray("system:masters", "system:authenticated"),
    };
}
