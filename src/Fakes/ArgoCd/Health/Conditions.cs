using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Health;

/// <summary>Reads Kubernetes-style <c>status.conditions</c> lists.</summary>
internal static class Conditions
{
    public static IEnumerable<JsonObject> Of(JsonObject obj, string path = "status.conditions") => Json.Objects(obj, path);

    public static JsonObject? Find(JsonObject obj, string type, string path = "status.conditions") =>
        Of(obj, path).FirstOrDefault(c => Json.Str(c, "type") == type);

    public static bool Is(JsonObject? condition, string status) => condition is not null && Json.Str(condition, "status") == status;

    public static string Message(JsonObject? condition) => condition is null ? string.Empty : Json.Str(condition, "message") ?? string.Empty;
}
