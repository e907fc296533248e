using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Fakes.Cluster.Patching;

/// <summary>RFC 6902 JSON patch (add, remove, replace, move, copy, test) over RFC 6901 pointers.</summary>
public static class JsonPatch
{
    public static JsonNode? Apply(JsonNode target, JsonNode? patch)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (patch is not JsonArray ops)
        {
            throw new PatchException("json: cannot unmarshal object into Go value of type jsonpatch.Patch", 400);
        }

        var doc = target.DeepClone();
        foreach (var opNode in ops)
        {
            if (opNode is not JsonObject op)
            {
                throw new PatchException("json: cannot unmarshal into Go value of type jsonpatch.Operation", 400);
            }

            // evanphx/json-patch Operation.Kind/Path/From: a member that is missing or does not decode as a string is
            // "unknown" (op) or missing (path, from); a number or map there is the client's error, not a type error here.
            var kind = JsonRead.Str(op["op"]) ?? throw new PatchException("Unexpected kind: unknown");
            var path = JsonRead.Str(op["path"]) ?? throw new PatchException($"missing path for {kind} operation", 400);
            switch (kind)
            {
                case "add":
                    doc = Add(doc, path, Value(op, kind));
                    break;
                case "remove":
                    doc = Remove(doc, path, out _);
                    break;
                case "replace":
                    doc = Remove(doc, path, out _, forReplace: true);
                    doc = Add(doc, path, Value(op, kind));
                    break;
                case "move":
                    {
                        var from = JsonRead.Str(op["from"]) ?? throw new PatchException("missing from for move operation", 400);
                        doc = Remove(doc, from, out var moved);
                        doc = Add(doc, path, moved);
                        break;
                    }

                case "copy":
                    {
                        var from = JsonRead.Str(op["from"]) ?? throw new PatchException("missing from for copy operation", 400);
                        var value = Resolve(doc, from) ?? throw new PatchException($"copy operation does not apply: doc is missing from path: {from}");
                        doc = Add(doc, path, value.Value?.DeepClone());
                        break;
                    }

                case "test":
                    {
                        if (!op.ContainsKey("value"))
                        {
                            // RFC 6902 §4.6: the operation object MUST contain a "value" member.
                            throw new PatchException("missing value for test operation", 400);
                        }

                        var actual = Resolve(doc, path);
                        if (actual is null || !JsonNode.DeepEquals(actual.Value, op["value"]))
                        {
                            throw new PatchException($"testing value {path} failed: test failed");
                        }

                        break;
                    }

                default:
                    throw new PatchException($"Unexpected kind: {kind}");
            }
        }

        return doc;
    }

    private static JsonNode? Value(JsonObject op, string kind) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw new PatchException($"missing value for {kind} operation", 400);

    private static List<string> Split(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new PatchException($"add operation does not apply: doc is missing path: \"{pointer}\": missing value");
        }

        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    private sealed record Found(JsonNode? Value);

    private static Found? Resolve(JsonNode? doc, string pointer)
    {
        var current = doc;
        foreach (var seg in Split(pointer))
        {
            switch (current)
            {
                case JsonObject o when o.TryGetPropertyValue(seg, out var next):
                    current = next;
                    break;
                case JsonArray a when TryIndex(seg, out var i) && i < a.Count:
                    current = a[i];
                    break;
                default:
                    return null;
            }
        }

        return new Found(current);
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode doc, string pointer, string op)
    {
        var segs = Split(pointer);
        if (segs.Count == 0)
        {
            throw new PatchException($"{op} operation does not apply: doc is missing path: \"{pointer}\": missing value");
        }

        var parentPath = "/" + string.Join('/', segs[..^1].Select(s => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        var parent = segs.Count == 1 ? new Found(doc) : Resolve(doc, parentPath);
        if (parent?.Value is not (JsonObject or JsonArray))
        {
            throw new PatchException($"{op} operation does not apply: doc is missing path: \"{pointer}\": missing value");
        }

        return (parent.Value, segs[^1]);
    }

    private static JsonNode Add(JsonNode doc, string pointer, JsonNode? value)
    {
        if (pointer.Length == 0)
        {
            return value ?? throw new PatchException("cannot replace the document with null");
        }

        var (parent, last) = Parent(doc, pointer, "add");
        if (parent is JsonObject o)
        {
            o[last] = value;
        }
        else if (parent is JsonArray a)
        {
            if (last == "-")
            {
                a.Add(value);
            }
            else if (TryIndex(last, out var i) && i <= a.Count)
            {
                a.Insert(i, value);
            }
            else
            {
                throw new PatchException($"add operation does not apply: doc is missing path: \"{pointer}\": missing value");
            }
        }

        return doc;
    }

    private static JsonNode Remove(JsonNode doc, string pointer, out JsonNode? removed, bool forReplace = false)
    {
        var op = forReplace ? "replace" : "remove";
        if (forReplace && pointer.Length == 0)
        {
            // Replacing the whole document: the add that follows puts the new value at the root.
            removed = doc;
            return doc;
        }

        var (parent, last) = Parent(doc, pointer, op);
        if (parent is JsonObject o)
        {
            if (!o.TryGetPropertyValue(last, out removed))
            {
                throw new PatchException($"{op} operation does not apply: doc is missing key: {pointer}: missing value");
            }

            o.Remove(last);
        }
        else
        {
            var a = (JsonArray)parent;
            if (!TryIndex(last, out var i) || i >= a.Count)
            {
                throw new PatchException($"{op} operation does not apply: doc is missing path: \"{pointer}\": missing value");
            }

            removed = a[i];
            a.RemoveAt(i);
        }

        removed = removed?.DeepClone();
        return doc;
    }

    /// <summary>An RFC 6901 array index: "0" or digits without a leading zero ("01" is not an index).</summary>
    private static bool TryIndex(string segment, out int index)
    {
        index = -1;
        return segment.Length > 0 && (segment.Length == 1 || segment[0] != '0') &&
            int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
