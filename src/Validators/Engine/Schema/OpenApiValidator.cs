using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Schema;

/// <summary>
/// Validates a custom resource against a CRD version's openAPIV3Schema the way kube-apiserver's structural schema
/// validation does (k8s.io/apiextensions-apiserver/pkg/apiserver/validation/validation.go, built on
/// k8s.io/kube-openapi/pkg/validation/validate): types, <c>nullable</c>, <c>x-kubernetes-int-or-string</c>,
/// required, enum, string length and pattern, numeric bounds, item and property counts. Fields the schema does not
/// declare are what the API server prunes (apiextensions-apiserver/pkg/apiserver/schema/pruning/algorithm.go);
/// they and <c>x-kubernetes-validations</c> (CEL, not evaluated here) are collected into <see cref="SchemaNotes"/>.
/// Used by <c>validate</c> (SCHEMA001/SCHEMA002) and the simulated API server (422 on create and update).
/// </summary>
public static class OpenApiValidator
{
    /// <summary>Appends every violation of <paramref name="value"/> against <paramref name="schema"/> at <paramref name="path"/>.</summary>
    public static void Validate(JsonNode? value, JsonObject schema, string path, List<SchemaError> errors, bool topLevel = false, SchemaNotes? notes = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null)
        {
            if (!IsTrue(schema["nullable"]) && !topLevel && path.Length > 0)
            {
                errors.Add(new SchemaError(path, "FieldValueTypeInvalid", "null", $"{path} in body must be of type {JsonRead.Str(schema, "type") ?? "object"}: \"null\""));
            }

            return;
        }

        if (notes is not null && schema["x-kubernetes-validations"] is JsonArray { Count: > 0 })
        {
            notes.CelRules.Add(path);
        }

        var type = JsonRead.Str(schema, "type");
        if (IsTrue(schema["x-kubernetes-int-or-string"]))
        {
            if (value is not JsonValue v || v.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
            {
                errors.Add(new SchemaError(path, "FieldValueTypeInvalid", Describe(value), $"{path} in body must be of type integer or string: {Quote(Describe(value))}"));
            }

            return;
        }

        if (type is not null && !TypeMatches(value, type))
        {
            errors.Add(new SchemaError(path, "FieldValueTypeInvalid", Describe(value), $"{path} in body must be of type {type}: {Quote(Kind(value))}"));
            return;
        }

        switch (value)
        {
            case JsonObject o:
                Object(o, schema, path, errors, topLevel, notes);
                break;
            case JsonArray a:
                if (schema["items"] is JsonObject items)
                {
                    for (var i = 0; i < a.Count; i++)
                    {
                        Validate(a[i], items, $"{path}[{i}]", errors, notes: notes);
                    }
                }

                if (Long(schema, "maxItems") is { } maxI && a.Count > maxI)
                {
                    errors.Add(new SchemaError(path, "FieldValueTooMany", string.Empty, $"Too many: {a.Count}: must have at most {maxI} items"));
                }

                if (Long(schema, "minItems") is { } minI && a.Count < minI)
                {
                    errors.Add(new SchemaError(path, "FieldValueInvalid", Describe(a), $"{path} in body should have at least {minI} items"));
                }

                break;
            case JsonValue v:
                Scalar(v, schema, path, errors);
                break;
        }
    }

    private static void Object(JsonObject o, JsonObject schema, string path, List<SchemaError> errors, bool topLevel, SchemaNotes? notes)
    {
        foreach (var req in (schema["required"] as JsonArray)?.Select(r => r?.GetValue<string>()) ?? [])
        {
            if (req is not null && !o.ContainsKey(req))
            {
                errors.Add(new SchemaError(Join(path, req), "FieldValueRequired", string.Empty, "Required value"));
            }
        }

        var props = schema["properties"] as JsonObject;
        var embedded = IsTrue(schema["x-kubernetes-embedded-resource"]);
        foreach (var (k, v) in o)
        {
            if (topLevel && k is "metadata" or "apiVersion" or "kind")
            {
                continue;
            }

            if (props?[k] is JsonObject ps)
            {
                Validate(v, ps, Join(path, k), errors, notes: notes);
            }
            else if (schema["additionalProperties"] is JsonObject ap)
            {
                Validate(v, ap, Join(path, k), errors, notes: notes);
            }
            else if (notes is not null && !(embedded && k is "metadata" or "apiVersion" or "kind") && !IsTrue(schema["x-kubernetes-preserve-unknown-fields"]) && !IsTrue(schema["additionalProperties"]))
            {
                notes.Unknown.Add(Join(path, k));
            }
        }

        if (Long(schema, "maxProperties") is { } maxP && o.Count > maxP)
        {
            errors.Add(new SchemaError(path, "FieldValueTypeInvalid", string.Empty, $"must have at most {maxP} properties"));
        }
    }

    private static void Scalar(JsonValue v, JsonObject schema, string path, List<SchemaError> errors)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, v)))
        {
            errors.Add(new SchemaError(path, "FieldValueNotSupported", Describe(v), string.Empty) { Allowed = allowed.Select(a => Describe(a)).ToList() });
        }

        if (v.GetValueKind() == JsonValueKind.String)
        {
            var s = v.GetValue<string>();
            if (Long(schema, "maxLength") is { } max && s.Length > max)
            {
                errors.Add(new SchemaError(path, "FieldValueTooLong", s, $"Too long: may not be more than {max} bytes"));
            }

            if (Long(schema, "minLength") is { } min && s.Length < min)
            {
                errors.Add(new SchemaError(path, "FieldValueInvalid", s, $"{path} in body should be at least {min} chars long"));
            }

            if (JsonRead.Str(schema, "pattern") is { } pattern)
            {
                try
                {
                    if (!Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add(new SchemaError(path, "FieldValueInvalid", s, $"{path} in body should match '{pattern}'"));
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
            var d = AsDouble(v) ?? 0;
            if (schema["minimum"] is JsonValue minV && d < (AsDouble(minV) ?? double.MinValue))
            {
                errors.Add(new SchemaError(path, "FieldValueInvalid", Describe(v), $"{path} in body should be greater than or equal to {minV.ToJsonString()}"));
            }

            if (schema["maximum"] is JsonValue maxV && d > (AsDouble(maxV) ?? double.MaxValue))
            {
                errors.Add(new SchemaError(path, "FieldValueInvalid", Describe(v), $"{path} in body should be less than or equal to {maxV.ToJsonString()}"));
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
        var d = AsDouble(v) ?? 0;
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

    private static bool IsTrue(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.True;


    private static double? AsDouble(JsonValue v) =>
        v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static long? Long(JsonObject o, string key)
    {
        if (o[key] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        return AsDouble(v) is { } d ? (long)d : null;
    }
}
