using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.Cluster.Patching;

/// <summary>One case of the JSON Patch test suite and how <see cref="JsonPatch"/> fared.</summary>
public sealed record JsonPatchCase(string File, int Index, string Comment, bool Disabled, bool Passed, string Detail);

/// <summary>
/// Runs the JSON Patch test suite files (<c>tests.json</c>, <c>spec_tests.json</c> of json-patch/json-patch-tests: a
/// list of <c>{doc, patch, expected | error, comment, disabled}</c>) through <see cref="JsonPatch"/>. A case with
/// <c>expected</c> passes when the result equals it (numbers by value, object members in any order); one with
/// <c>error</c> passes when the patch is refused with a <see cref="PatchException"/> (an API-server 4xx), never when it
/// applies; one with neither passes when it applies. Disabled cases are reported and not counted.
/// </summary>
public static class JsonPatchConformance
{
    public static IReadOnlyList<JsonPatchCase> Run(string file)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(System.IO.File.ReadAllText(file), documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not JSON ({e.Message})", e);
        }

        if (root is not JsonArray cases)
        {
            throw new InvalidDataException($"{file}: expected a JSON list of test cases");
        }

        var name = Path.GetFileName(file);
        var results = new List<JsonPatchCase>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i] is not JsonObject c)
            {
                results.Add(new JsonPatchCase(name, i, string.Empty, false, false, "case is not an object"));
                continue;
            }

            results.Add(RunCase(name, i, c));
        }

        return results;
    }

    private static JsonPatchCase RunCase(string file, int index, JsonObject c)
    {
        var comment = c["comment"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
        var disabled = c["disabled"] is JsonValue d && d.TryGetValue<bool>(out var b) && b;
        var expectsError = c.ContainsKey("error");
        if (c["doc"] is not { } doc)
        {
            // An API object is never null; the implementation takes a non-null document.
            return new JsonPatchCase(file, index, comment, disabled, false, "document null: not representable (an API object is never null)");
        }

        JsonNode? result;
        try
        {
            result = JsonPatch.Apply(doc.DeepClone(), c["patch"]?.DeepClone());
        }
        catch (PatchException e)
        {
            return new JsonPatchCase(file, index, comment, disabled, expectsError, expectsError ? "refused as expected" : $"refused: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or IndexOutOfRangeException or OverflowException)
        {
            // A crash would be an HTTP 500 from the API server, never a clean refusal.
            return new JsonPatchCase(file, index, comment, disabled, false, $"crashed with {e.GetType().Name}: {e.Message}");
        }

        if (expectsError)
        {
            return new JsonPatchCase(file, index, comment, disabled, false, $"applied, but the suite expects the error \"{c["error"]}\"; result {Compact(result)}");
        }

        if (c.ContainsKey("expected") && !SameJson(result, c["expected"]))
        {
            return new JsonPatchCase(file, index, comment, disabled, false, $"result {Compact(result)}, expected {Compact(c["expected"])}");
        }

        return new JsonPatchCase(file, index, comment, disabled, true, "ok");
    }

    private static string Compact(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>JSON equality: numbers by value, objects regardless of member order.</summary>
    public static bool SameJson(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && SameJson(p.Value, other));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(p => SameJson(p.First, p.Second));
            case (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number:
                return double.Parse(x.ToJsonString(), CultureInfo.InvariantCulture) == double.Parse(y.ToJsonString(), CultureInfo.InvariantCulture);
            case (JsonValue x, JsonValue y):
                return x.GetValueKind() == y.GetValueKind() && x.ToJsonString() == y.ToJsonString();
            default:
                return false;
        }
    }
}
