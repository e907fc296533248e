using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Support;

/// <summary>Builds JSON objects for tests from compact JSON text.</summary>
internal static class Obj
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject Make(string apiVersion, string kind, string name, string? ns = null, string? extra = null)
    {
        var o = Parse(extra ?? "{}");
        o["apiVersion"] = apiVersion;
        o["kind"] = kind;
        var meta = o["metadata"] as JsonObject ?? new JsonObject();
        meta["name"] = name;
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }

        o["metadata"] = meta;
        return o;
    }
}
