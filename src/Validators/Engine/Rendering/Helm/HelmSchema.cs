using System.Text.Json.Nodes;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// values.schema.json checks [helm pkg/chart/common/util/jsonschema.go], for the JSON Schema keywords charts use:
/// type, required, properties, additionalProperties: false, items, enum, minimum/maximum, minLength/maxLength, pattern.
/// Every subchart is checked against its own values.
/// </summary>
internal static class HelmSchema
{
    public static void Check(HelmChart chart, Dictionary<string, object?> values)
    {
        var errors = new List<string>();
        Collect(chart, values, errors);
        if (errors.Count > 0)
        {
            throw new HelmChartException("values don't meet the specifications of the schema(s) in the following chart(s):\n" + string.Join("\n", errors));
        }
    }

    private static void Collect(HelmChart chart, Dictionary<string, object?> values, List<string> errors)
    {
        if (chart.Schema is { Length: > 0 } text)
        {
            JsonNode? schema;
            try
            {
                schema = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new HelmChartException($"{chart.DisplayPath}/values.schema.json: not valid JSON: {ex.Message}");
            }

            var problems = new List<string>();
            Validate(schema, values, "(root)", problems);
            if (problems.Count > 0)
            {
                errors.Add(chart.Name + ":\n" + string.Join("\n", problems.Select(p => "- " + p)));
            }
        }

        foreach (var sub in chart.Subcharts)
        {
            Collect(sub, values.TryGetValue(sub.Name, out var v) && v is Dictionary<string, object?> m ? m : new Dictionary<string, object?>(StringComparer.Ordinal), errors);
        }
    }

    private static void Validate(JsonNode? schema, object? value, string at, List<string> problems)
    {
        if (schema is not JsonObject s || problems.Count > 50)
        {
            return;
        }

        if (s["type"] is { } type)
        {
            var allowed = type is JsonArray a ? a.Select(t => t?.GetValue<string>() ?? string.Empty).ToList() : [type.GetValue<string>()];
            if (!allowed.Any(t => IsType(t, value)))
            {
                problems.Add($"{at}: Invalid type. Expected: {string.Join(", ", allowed)}, given: {TypeName(value)}");
                return;
            }
        }

        if (s["enum"] is JsonArray e && !e.Any(x => GoValues.ToJsonText(GoValues.FromJson(x)) == GoValues.ToJsonText(value)))
        {
            problems.Add($"{at}: {at} must be one of the following: {string.Join(", ", e.Select(x => x?.ToJsonString()))}");
        }

        if (value is Dictionary<string, object?> map)
        {
            foreach (var r in (s["required"] as JsonArray ?? []).Select(x => x?.GetValue<string>() ?? string.Empty))
            {
                if (!map.ContainsKey(r))
                {
                    problems.Add($"{at}: {r} is required");
                }
            }

            var props = s["properties"] as JsonObject;
            foreach (var (k, v) in map)
            {
                if (props is not null && props.TryGetPropertyValue(k, out var ps))
                {
                    Validate(ps, v, at == "(root)" ? k : at + "." + k, problems);
                }
                else if (s["additionalProperties"] is JsonValue ap && ap.TryGetValue<bool>(out var allowedExtra) && !allowedExtra && k != "global")
                {
                    problems.Add($"{at}: Additional property {k} is not allowed");
                }
            }
        }

        if (value is List<object?> list && s["items"] is JsonObject items)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Validate(items, list[i], $"{at}.{i}", problems);
            }
        }

        if (value is double or long && (s["minimum"] is JsonValue min && GoValues.ToFloat(value) < min.GetValue<double>()))
        {
            problems.Add($"{at}: Must be greater than or equal to {min}");
        }

        if (value is double or long && (s["maximum"] is JsonValue max && GoValues.ToFloat(value) > max.GetValue<double>()))
        {
            problems.Add($"{at}: Must be less than or equal to {max}");
        }

        if (value is string str)
        {
            if (s["minLength"] is JsonValue minL && str.Length < minL.GetValue<double>())
            {
                problems.Add($"{at}: String length must be greater than or equal to {minL}");
            }

            if (s["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) && !System.Text.RegularExpressions.Regex.IsMatch(str, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                problems.Add($"{at}: Does not match pattern '{pattern}'");
            }
        }
    }

    private static bool IsType(string type, object? value) => type switch
    {
        "object" => value is Dictionary<string, object?>,
        "array" => value is List<object?>,
        "string" => value is string,
        "boolean" => value is bool,
        "integer" => value is long || (value is double d && d == Math.Floor(d)),
        "number" => value is long or double,
        "null" => value is null,
        _ => true,
    };

    private static string TypeName(object? value) => value switch
    {
        Dictionary<string, object?> => "object",
        List<object?> => "array",
        string => "string",
        bool => "boolean",
        long => "integer",
        double d => d == Math.Floor(d) ? "integer" : "number",
        null => "null",
        _ => "unknown",
    };
}
