using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Expansion.Generators;

/// <summary>Parameter-set helpers mirroring Argo CD's generator utilities (flatten, combine, merge).</summary>
internal static class ParamSets
{
    /// <summary>jeremywohl/flatten DotStyle with values formatted by <c>fmt.Sprintf("%v")</c> (Argo CD flattenParameters).</summary>
    public static Dictionary<string, string> Flatten(JsonObject parameters)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(parameters, string.Empty, flat);
        return flat;
    }

    private static void Flatten(JsonNode? node, string prefix, Dictionary<string, string> flat)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0 || prefix.Length == 0:
                foreach (var (k, v) in o)
                {
                    Flatten(v, prefix.Length == 0 ? k : prefix + "." + k, flat);
                }

                break;
            case JsonArray a when a.Count > 0:
                for (var i = 0; i < a.Count; i++)
                {
                    Flatten(a[i], prefix + "." + i.ToString(CultureInfo.InvariantCulture), flat);
                }

                break;
            default:
                flat[prefix] = Format(node);
                break;
        }
    }

    /// <summary>Go's <c>%v</c> of a JSON value as Go unmarshals it (numbers are float64, null is &lt;nil&gt;).</summary>
    public static string Format(JsonNode? node) => node switch
    {
        null => "<nil>",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => GoValues.FormatFloat(double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        JsonObject o when o.Count == 0 => "map[]",
        JsonArray a when a.Count == 0 => "[]",
        _ => GoValues.Print(GoValues.FromJson(node)),
    };

    /// <summary>fasttemplate matrix: union of two string maps; the same key with different values is an error (utils.CombineStringMaps).</summary>
    public static JsonObject CombineStrings(JsonObject a, JsonObject b, string pointer)
    {
        var result = new JsonObject();
        foreach (var (k, v) in a)
        {
            result[k] = Format(v);
        }

        foreach (var (k, v) in b)
        {
            var value = Format(v);
            if (result.TryGetPropertyValue(k, out var existing) && existing!.GetValue<string>() != value)
            {
                throw new GeneratorException($"found duplicate key {k} with different value, a: {existing.GetValue<string>()} ,b: {value}", pointer);
            }

            result[k] = value;
        }

        return result;
    }

    /// <summary>mergo.Merge(dst, src, WithOverride): maps merge recursively, src values replace dst values.</summary>
    public static void MergeOverride(JsonObject dst, JsonObject src)
    {
        foreach (var (k, v) in src)
        {
            if (dst[k] is JsonObject d && v is JsonObject s)
            {
                MergeOverride(d, s);
            }
            else if (v is not null || !dst.ContainsKey(k))
            {
                dst[k] = v?.DeepClone();
            }
        }
    }

    /// <summary>mergo.Merge(dst, src) without override: fills dst fields that are absent or zero from src (generator template ← spec.template).</summary>
    public static void MergeFill(JsonObject dst, JsonObject src)
    {
        foreach (var (k, v) in src)
        {
            if (!dst.TryGetPropertyValue(k, out var existing) || IsZero(existing))
            {
                dst[k] = v?.DeepClone();
            }
            else if (existing is JsonObject d && v is JsonObject s)
            {
                MergeFill(d, s);
            }
        }
    }

    private static bool IsZero(JsonNode? n) => n switch
    {
        null => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString() is "0" or "0.0",
        JsonArray a => a.Count == 0,
        _ => false,
    };

    /// <summary>Path parameters of the git generators (goTemplate: nested under "path"; fasttemplate: flattened keys).</summary>
    public static void AddPathParameters(JsonObject target, string dirPath, string? fileName, string? prefix, bool goTemplate)
    {
        var basename = Base(dirPath);
        if (goTemplate)
        {
            var p = new JsonObject
            {
                ["path"] = dirPath,
                ["basename"] = basename,
            };
            if (fileName is not null)
            {
                p["filename"] = fileName;
            }

            p["basenameNormalized"] = ArgoNames.Sanitize(basename);
            if (fileName is not null)
            {
                p["filenameNormalized"] = ArgoNames.Sanitize(fileName);
            }

            p["segments"] = new JsonArray(dirPath.Split('/').Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            if (prefix is not null)
            {
                target[prefix] = new JsonObject { ["path"] = p };
            }
            else
            {
                target["path"] = p;
            }

            return;
        }

        var name = prefix is null ? "path" : prefix + ".path";
        target[name] = dirPath;
        target[name + ".basename"] = basename;
        if (fileName is not null)
        {
            target[name + ".filename"] = fileName;
        }

        target[name + ".basenameNormalized"] = ArgoNames.Sanitize(basename);
        if (fileName is not null)
        {
            target[name + ".filenameNormalized"] = ArgoNames.Sanitize(fileName);
        }

        var segments = dirPath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length > 0)
            {
                target[name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"] = segments[i];
            }
        }
    }

    /// <summary>Go's path.Base.</summary>
    public static string Base(string path)
    {
        var p = path.TrimEnd('/');
        if (p.Length == 0)
        {
            return path.Length == 0 ? "." : "/";
        }

        var i = p.LastIndexOf('/');
        return i < 0 ? p : p[(i + 1)..];
    }

    /// <summary>Go's path.Dir.</summary>
    public static string Dir(string path)
    {
        var i = path.LastIndexOf('/');
        return i < 0 ? "." : (i == 0 ? "/" : path[..i]);
    }
}
