using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Json;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>Validates a custom resource against its CRD's openAPIV3Schema (types, required, enum, bounds, patterns).</summary>
public static class CrdValidation
{
    public static void Validate(JsonNode? value, JsonObject schema, string path, List<FieldError> errors, bool topLevel = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null)
        {
            if (!JsonNodes.IsTrue(schema["nullable"]) && !topLevel && path.Length > 0)
            {
                errors.Add(FieldError.TypeInvalid(path, "null", $"{path} in body must be of type {schema.Str("type") ?? "object"}: \"null\""));
            }

            return;
        }

        var type = schema.Str("type");
        if (JsonNodes.IsTrue(schema["x-kubernetes-int-or-string"]))
        {
            if (value is not JsonValue v || v.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
            {
                errors.Add(FieldError.TypeInvalid(path, Describe(value), $"{path} in body must be of type integer or string: {Quote(Describe(value))}"));
            }

            return;
        }

        if (type is not null && !TypeMatches(value, type))
        {
            errors.Add(FieldError.TypeInvalid(path, Describe(value), $"{path} in body must be of type {type}: {Quote(Kind(value))}"));
            return;
        }

        switch (value)
        {
            case JsonObject o:
                foreach (var req in schema.Arr("required")?.Select(r => r?.GetValue<string>()) ?? [])
                {
                    if (req is not null && !o.ContainsKey(req))
                    {
                        errors.Add(FieldError.Required(Join(path, req)));
                    }
                }

                var props = schema.Obj("properties");
                foreach (var (k, v) in o)
                {
                    if (topLevel && k is "metadata" or "apiVersion" or "kind")
                    {
                        continue;
                    }

                    if (props?[k] is JsonObject ps)
                    {
                        Validate(v, ps, Join(path, k), errors);
                    }
                    else if (schema["additionalProperties"] is JsonObject ap)
                    {
                        Validate(v, ap, Join(path, k), errors);
                    }
                }

                if (schema.Long("maxProperties") is { } maxP && o.Count > maxP)
                {
                    errors.Add(FieldError.TypeInvalid(path, string.Empty, $"must have at most {maxP} properties"));
                }

                break;
            case JsonArray a:
                if (schema.Obj("items") is { } items)
                {
                    for (var i = 0; i < a.Count; i++)
                    {
                        Validate(a[i], items, $"{path}[{i}]", errors);
                    }
                }

                if (schema.Long("maxItems") is { } maxI && a.Count > maxI)
                {
                    errors.Add(new FieldError(path, "FieldValueTooMany", $"Too many: {a.Count}: must have at most {maxI} items", $"{path}: Too many: {a.Count}: must have at most {maxI} items"));
                }

                if (schema.Long("minItems") is { } minI && a.Count < minI)
                {
                    errors.Add(FieldError.Invalid(path, Describe(a), $"{path} in body should have at least {minI} items"));
                }

                break;
            case JsonValue v:
                Scalar(v, schema, path, errors);
                break;
        }
    }

    private static void Scalar(JsonValue v, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, v)))
        {
            errors.Add(FieldError.NotSupported(path, Describe(v), allowed.Select(a => Describe(a))));
        }

        if (v.GetValueKind() == JsonValueKind.String)
        {
            var s = v.GetValue<string>();
            if (schema.Long("maxLength") is { } max && s.Length > max)
            {
                errors.Add(new FieldError(path, "FieldValueTooLong", $"Too long: may not be more than {max} bytes", $"{path}: Too long: may not be more than {max} bytes"));
            }

            if (schema.Long("minLength") is { } min && s.Length < min)
            {
                errors.Add(FieldError.Invalid(path, s, $"{path} in body should be at least {min} chars long"));
            }

            if (schema.Str("pattern") is { } pattern)
            {
                try
                {
                    if (!Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add(FieldError.Invalid(path, s, $"{path} in body should match '{pattern}'"));
                    }
                }
                catch (ArgumentException)
                {
                    // A pattern .NET cannot compile is not enforced.
                }
            }
        }
        else if (v.GetValueKind() == JsonValueKind.Number)
        {
            var d = JsonNodes.AsDouble(v) ?? 0;
            if (schema["minimum"] is JsonValue minV && d < (JsonNodes.AsDouble(minV) ?? double.MinValue))
            {
                errors.Add(FieldError.Invalid(path, Describe(v), $"{path} in body should be greater than or equal to {minV.ToJsonString()}"));
            }

            if (schema["maximum"] is JsonValue maxV && d > (JsonNodes.AsDouble(maxV) ?? double.MaxValue))
            {
                errors.Add(FieldError.Invalid(path, Describe(v), $"{path} in body should be less than or equal to {maxV.ToJsonString()}"));
            }
        }
    }

    private static bool TypeMatches(JsonNode value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && IsInteger(v),
        "number" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        _ => true,
    };

    private static bool IsInteger(JsonValue v)
    {
        var d = JsonNodes.AsDouble(v) ?? 0;
        return Math.Abs(d - Math.Round(d)) < double.Epsilon;
    }

    private static string Kind(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "null",
    };

    private static string Describe(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "null";

    private static string Quote(string s) => "\"" + s + "\"";

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    internal static string Format(double d) => d.ToString(CultureInfo.InvariantCulture);
}
