using System.Globalization;
using System.Text;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// Helm's values rules [helm pkg/chart/common/util/coalesce.go, pkg/cli/values/options.go, pkg/strvals/parser.go]:
/// user values (value files in order, then <c>--set</c>, <c>--set-string</c>, <c>--set-file</c>) deep-merged with later
/// winning; coalesced over the chart's defaults (user wins, a user <c>null</c> deletes the default); each subchart's
/// values under its name with the parent's <c>global</c> copied in.
/// </summary>
public static class HelmValues
{
    /// <summary>Deep-merges <paramref name="overlay"/> into <paramref name="target"/> (maps merge, anything else replaces).</summary>
    public static void Merge(Dictionary<string, object?> target, IDictionary<string, object?> overlay)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(overlay);
        foreach (var (k, v) in overlay)
        {
            if (v is Dictionary<string, object?> vm && target.TryGetValue(k, out var existing) && existing is Dictionary<string, object?> em)
            {
                Merge(em, vm);
            }
            else
            {
                target[k] = DeepCopy(v);
            }
        }
    }

    /// <summary>The values templates see: <paramref name="user"/> coalesced over the chart's (and subcharts') defaults.</summary>
    public static Dictionary<string, object?> Coalesce(HelmChart chart, Dictionary<string, object?> user)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var dest = (Dictionary<string, object?>)DeepCopy(user)!;
        CoalesceChart(chart, dest);
        return dest;
    }

    private static void CoalesceChart(HelmChart chart, Dictionary<string, object?> dest)
    {
        CoalesceTable(dest, chart.Values);
        foreach (var sub in chart.Subcharts)
        {
            if (!dest.TryGetValue(sub.Name, out var existing) || existing is not Dictionary<string, object?> subValues)
            {
                subValues = new Dictionary<string, object?>(StringComparer.Ordinal);
                dest[sub.Name] = subValues;
            }

            CoalesceGlobals(subValues, dest);
            CoalesceChart(sub, subValues);
        }
    }

    /// <summary>Defaults from <paramref name="defaults"/> fill <paramref name="dest"/>; a null in dest deletes the key.</summary>
    private static void CoalesceTable(Dictionary<string, object?> dest, IDictionary<string, object?> defaults)
    {
        foreach (var (k, dv) in defaults)
        {
            if (!dest.TryGetValue(k, out var v))
            {
                // A null among a chart's own defaults is dropped; only a user-supplied null deletes (helm issue 9027).
                if (dv is not null)
                {
                    dest[k] = CopyWithoutNulls(dv);
                }
            }
            else if (v is null)
            {
                dest.Remove(k);
            }
            else if (v is Dictionary<string, object?> vm && dv is Dictionary<string, object?> dm)
            {
                CoalesceTable(vm, dm);
            }
        }

        foreach (var k in dest.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            dest.Remove(k);
        }
    }

    /// <summary>The parent's globals override the subchart's [coalesceGlobals].</summary>
    private static void CoalesceGlobals(Dictionary<string, object?> dest, Dictionary<string, object?> parent)
    {
        var dg = dest.TryGetValue("global", out var g) && g is Dictionary<string, object?> gm ? gm : new Dictionary<string, object?>(StringComparer.Ordinal);
        if (parent.TryGetValue("global", out var pg) && pg is Dictionary<string, object?> sg)
        {
            foreach (var (k, v) in sg)
            {
                if (v is Dictionary<string, object?> vm && dg.TryGetValue(k, out var existing) && existing is Dictionary<string, object?> em)
                {
                    var copy = (Dictionary<string, object?>)DeepCopy(vm)!;
                    CoalesceTable(copy, em);
                    dg[k] = copy;
                }
                else if (!(dg.TryGetValue(k, out var d) && d is Dictionary<string, object?> && v is not Dictionary<string, object?>))
                {
                    dg[k] = DeepCopy(v);
                }
            }
        }

        dest["global"] = dg;
    }

    private static object? CopyWithoutNulls(object? v) => v switch
    {
        Dictionary<string, object?> m => m.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => CopyWithoutNulls(p.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(DeepCopy).ToList(),
        _ => v,
    };

    public static object? DeepCopy(object? v) => v switch
    {
        Dictionary<string, object?> m => m.ToDictionary(p => p.Key, p => DeepCopy(p.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(DeepCopy).ToList(),
        _ => v,
    };

    /// <summary>
    /// Applies one <c>--set</c> expression (<c>a.b[0].c=v,d={x,y}</c>) to <paramref name="target"/>. With
    /// <paramref name="asString"/> (<c>--set-string</c>) values stay strings; otherwise true/false/null and integers
    /// without a leading zero are typed. Throws <see cref="HelmChartException"/> on a malformed expression.
    /// </summary>
    public static void ApplySet(Dictionary<string, object?> target, string expression, bool asString)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(expression);
        foreach (var assignment in SplitUnescaped(expression, ','))
        {
            if (assignment.Length == 0)
            {
                continue;
            }

            var eq = IndexOfUnescaped(assignment, '=');
            if (eq < 0)
            {
                throw new HelmChartException($"failed parsing --set data: key \"{assignment}\" has no value");
            }

            var key = assignment[..eq];
            var raw = assignment[(eq + 1)..];
            object? value = raw.StartsWith('{') && raw.EndsWith('}') && !asString
                ? SplitUnescaped(raw[1..^1], ',').Select(s => Typed(Unescape(s), false)).ToList()
                : Typed(Unescape(raw), asString);
            SetPath(target, key, value);
        }
    }

    /// <summary>Sets a dotted/indexed path (<c>a.b[1].c</c>) to a value (<c>--set-file</c> passes the file's text).</summary>
    public static void SetPath(Dictionary<string, object?> target, string key, object? value)
    {
        var segments = ParseKey(key);
        object container = target;
        for (var i = 0; i < segments.Count; i++)
        {
            var (name, index) = segments[i];
            var last = i == segments.Count - 1;
            var map = (Dictionary<string, object?>)container;
            if (index is null)
            {
                if (last)
                {
                    map[name] = value;
                    return;
                }

                if (!map.TryGetValue(name, out var next) || next is not Dictionary<string, object?>)
                {
                    map[name] = next = new Dictionary<string, object?>(StringComparer.Ordinal);
                }

                container = next!;
                continue;
            }

            if (!map.TryGetValue(name, out var listObject) || listObject is not List<object?> list)
            {
                map[name] = list = [];
            }

            if (index.Value > 65536)
            {
                throw new HelmChartException($"failed parsing --set data: index of {index.Value} is greater than maximum supported index of 65536");
            }

            while (list.Count <= index.Value)
            {
                list.Add(null);
            }

            if (last)
            {
                list[index.Value] = value;
                return;
            }

            if (list[index.Value] is not Dictionary<string, object?> element)
            {
                list[index.Value] = element = new Dictionary<string, object?>(StringComparer.Ordinal);
            }

            container = element;
        }
    }

    private static List<(string Name, int? Index)> ParseKey(string key)
    {
        var result = new List<(string, int?)>();
        foreach (var part in SplitUnescaped(key, '.'))
        {
            var name = part;
            var bracket = name.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                result.Add((Unescape(name), null));
                continue;
            }

            var baseName = Unescape(name[..bracket]);
            var rest = name[bracket..];
            var first = true;
            while (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (close < 0 || !int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw new HelmChartException($"failed parsing --set data: bad index in key \"{key}\"");
                }

                result.Add((first ? baseName : string.Empty, index));
                first = false;
                rest = rest[(close + 1)..];
            }

            if (!first && result.Count > 1 && result[^1].Item1.Length == 0)
            {
                throw new HelmChartException($"failed parsing --set data: nested lists are not supported in key \"{key}\"");
            }
        }

        return result;
    }

    private static object? Typed(string value, bool asString)
    {
        if (asString)
        {
            return value;
        }

        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (value.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (value == "0")
        {
            return 0L;
        }

        return value.Length > 0 && value[0] != '0' && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : value;
    }

    private static List<string> SplitUnescaped(string s, char separator)
    {
        var parts = new List<string>();
        var sb = new StringBuilder();
        var braces = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                sb.Append(c).Append(s[++i]);
                continue;
            }

            braces += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (c == separator && braces <= 0)
            {
                parts.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        parts.Add(sb.ToString());
        return parts;
    }

    private static int IndexOfUnescaped(string s, char c)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
            }

            sb.Append(s[i]);
        }

        return sb.ToString();
    }
}
