using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>Server-side printing: meta.k8s.io/v1 Table output with the columns <c>kubectl get</c> shows per kind.</summary>
public sealed class Tables
{
    private readonly TimeProvider time;

    public Tables(TimeProvider time) => this.time = time;

    public JsonObject Table(ResourceType type, IReadOnlyList<JsonObject> items, long resourceVersion, JsonObject? listMetadata, string includeObject, bool watchEvent = false)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(items);
        var now = time.GetUtcNow();
        var columns = Printers.Columns(type);
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray();
            foreach (var column in columns)
            {
                cells.Add(column.Cell(item, now));
            }

            var row = new JsonObject { ["cells"] = cells };
            if (includeObject != "None")
            {
                row["object"] = includeObject == "Object" ? item.DeepClone() : ApiHandler.PartialMetadata(item);
            }

            rows.Add(row);
        }

        var metadata = listMetadata?.DeepClone() as JsonObject ?? new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        metadata.Remove("remainingItemCount");
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format ?? string.Empty,
                ["description"] = c.Description,
                ["priority"] = c.Priority,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    /// <summary>Evaluates a CRD additionalPrinterColumns JSONPath (simple dotted paths with [index] and [?(@.k=="v")] filters).</summary>
    public static JsonNode? EvaluateJsonPath(JsonObject obj, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var p = path.Trim();
        if (p.StartsWith('{') && p.EndsWith('}'))
        {
            p = p[1..^1];
        }

        p = p.TrimStart('$');
        JsonNode? current = obj;
        var i = 0;
        while (i < p.Length && current is not null)
        {
            if (p[i] == '.')
            {
                i++;
                var start = i;
                while (i < p.Length && p[i] != '.' && p[i] != '[')
                {
                    i++;
                }

                var key = p[start..i];
                current = current is JsonObject o && o.TryGetPropertyValue(key, out var next) ? next : null;
            }
            else if (p[i] == '[')
            {
                var close = p.IndexOf(']', i);
                if (close < 0)
                {
                    return null;
                }

                var inner = p[(i + 1)..close];
                i = close + 1;
                if (current is not JsonArray a)
                {
                    return null;
                }

                if (int.TryParse(inner, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var idx))
                {
                    idx = idx < 0 ? a.Count + idx : idx;
                    current = idx >= 0 && idx < a.Count ? a[idx] : null;
                }
                else if (inner.StartsWith("?(@.", StringComparison.Ordinal))
                {
                    var expr = inner[4..].TrimEnd(')');
                    var eq = expr.IndexOf("==", StringComparison.Ordinal);
                    if (eq < 0)
                    {
                        return null;
                    }

                    var field = expr[..eq].Trim();
                    var value = expr[(eq + 2)..].Trim().Trim('"', '\'');
                    current = a.OfType<JsonObject>().FirstOrDefault(e => e.Str(field.Split('.')) == value);
                }
                else if (inner == "*")
                {
                    current = a.Count > 0 ? a[0] : null;
                }
            }
            else
            {
                i++;
            }
        }

        return current;
    }

    /// <summary>A printer cell value from a JSON node, typed as the column says.</summary>
    public static JsonNode? Cell(JsonNode? value, string type, DateTimeOffset now)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonValue v when type == "date" && v.GetValueKind() == JsonValueKind.String:
                return JsonNodes.ParseTime(v.GetValue<string>()) is { } t ? HumanDuration.Format(now - t) : v.GetValue<string>();
            case JsonValue v when type is "integer" or "number" && v.GetValueKind() == JsonValueKind.Number:
                return v.DeepClone();
            case JsonValue v when type == "boolean" && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return v.DeepClone();
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            default:
                return value.ToJsonString();
        }
    }
}
