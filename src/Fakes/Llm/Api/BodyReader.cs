using System.Globalization;
using System.Text.Json;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>
/// Reads request fields with pydantic's lax coercions (numeric strings for numbers, "true"/"1" for booleans,
/// 5.0 for an integer) and records pydantic-shaped issues for values of the wrong type.
/// </summary>
public sealed class BodyReader(JsonElement body)
{
    private readonly List<ValidationIssue> issues = [];

    public JsonElement Body { get; } = body;

    public IReadOnlyList<ValidationIssue> Issues => issues;

    public bool Has(string name) => Body.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement? Raw(string name) => Body.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public void Missing(string name) => issues.Add(new ValidationIssue("missing", ["body", name], "Field required", Body));

    public void Add(ValidationIssue issue) => issues.Add(issue);

    public string? String(string name) => Raw(name) is { } v ? AsString(v, ["body", name]) : null;

    public string? AsString(JsonElement v, object[] loc)
    {
        if (v.ValueKind == JsonValueKind.String)
        {
            return v.GetString();
        }

        issues.Add(new ValidationIssue("string_type", loc, "Input should be a valid string", v));
        return null;
    }

    public long? Int(string name) => Raw(name) is { } v ? AsInt(v, ["body", name]) : null;

    public long? AsInt(JsonElement v, object[] loc)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Number:
                if (v.TryGetInt64(out var l))
                {
                    return l;
                }

                if (v.TryGetDouble(out var d) && Math.Abs(d) < 9e18)
                {
                    if (d == Math.Floor(d))
                    {
                        return (long)d;
                    }

                    issues.Add(new ValidationIssue("int_from_float", loc, "Input should be a valid integer, got a number with a fractional part", v));
                    return null;
                }

                issues.Add(new ValidationIssue("int_parsing_size", loc, "Unable to parse input string as an integer, exceeded maximum size", v));
                return null;
            case JsonValueKind.String:
                if (long.TryParse(v.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                issues.Add(new ValidationIssue("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", v));
                return null;
            case JsonValueKind.True:
                return 1;
            case JsonValueKind.False:
                return 0;
            default:
                issues.Add(new ValidationIssue("int_type", loc, "Input should be a valid integer", v));
                return null;
        }
    }

    public double? Number(string name)
    {
        if (Raw(name) is not { } v)
        {
            return null;
        }

        object[] loc = ["body", name];
        switch (v.ValueKind)
        {
            case JsonValueKind.Number when v.TryGetDouble(out var d) && double.IsFinite(d):
                return d;
            case JsonValueKind.String when double.TryParse(v.GetString()!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonValueKind.String:
                issues.Add(new ValidationIssue("float_parsing", loc, "Input should be a valid number, unable to parse string as a number", v));
                return null;
            case JsonValueKind.True:
                return 1;
            case JsonValueKind.False:
                return 0;
            default:
                issues.Add(new ValidationIssue("float_type", loc, "Input should be a valid number", v));
                return null;
        }
    }

    public bool? Bool(string name) => Raw(name) is { } v ? AsBool(v, ["body", name]) : null;

    public bool? AsBool(JsonElement v, object[] loc)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number when v.TryGetInt64(out var n) && n is 0 or 1:
                return n == 1;
            case JsonValueKind.String:
                switch (v.GetString()!.Trim().ToLowerInvariant())
                {
                    case "true" or "1" or "yes" or "on" or "t" or "y":
                        return true;
                    case "false" or "0" or "no" or "off" or "f" or "n":
                        return false;
                }

                issues.Add(new ValidationIssue("bool_parsing", loc, "Input should be a valid boolean, unable to interpret input", v));
                return null;
            default:
                issues.Add(new ValidationIssue("bool_type", loc, "Input should be a valid boolean", v));
                return null;
        }
    }

    /// <summary>A field typed <c>str | list[str]</c> (for example <c>stop</c>).</summary>
    public IReadOnlyList<string> StringOrList(string name)
    {
        if (Raw(name) is not { } v)
        {
            return [];
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return [v.GetString()!];
        }

        if (v.ValueKind == JsonValueKind.Array)
        {
            var result = new List<string>();
            var index = 0;
            foreach (var item in v.EnumerateArray())
            {
                if (AsString(item, ["body", name, index]) is { } s)
                {
                    result.Add(s);
                }

                index++;
            }

            return result;
        }

        issues.Add(new ValidationIssue("string_type", ["body", name], "Input should be a valid string", v));
        return [];
    }

    public JsonElement? Object(string name)
    {
        if (Raw(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Object)
        {
            return v;
        }

        issues.Add(new ValidationIssue("dict_type", ["body", name], "Input should be a valid dictionary", v));
        return null;
    }

    public JsonElement? Array(string name)
    {
        if (Raw(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Array)
        {
            return v;
        }

        issues.Add(new ValidationIssue("list_type", ["body", name], "Input should be a valid list", v));
        return null;
    }
}
