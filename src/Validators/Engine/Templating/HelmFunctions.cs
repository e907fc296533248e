using System.Globalization;
using System.Text;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// The functions Helm adds on top of Sprig [helm pkg/engine/funcs.go funcMap, engine.go initFunMap]: <c>include</c>
/// and <c>tpl</c> (nesting capped at <see cref="GoTemplateSet.MaxNesting"/>), <c>required</c> and <c>fail</c>
/// (reported as "execution error at (template:line)"), <c>lookup</c> (always an empty map: there is no cluster, as
/// under <c>helm template</c>), YAML/JSON/TOML conversions that tolerate errors the way Helm's do.
/// </summary>
public static class HelmFunctions
{
    /// <summary>A template set with Helm's missing-key rule and function table.</summary>
    public static GoTemplateSet NewSet()
    {
        var set = new GoTemplateSet(GoMissingKey.Zero);
        set.AddFunction("include", (ctx, a) => ctx.Include(GoValues.ToStr(Args(a, 2, "include")[0]), a[1]));
        set.AddFunction("tpl", (ctx, a) => ctx.Tpl(GoValues.ToStr(Args(a, 2, "tpl")[0]), a[1]).Replace("<no value>", string.Empty, StringComparison.Ordinal));
        set.AddFunction("required", (ctx, a) =>
        {
            var v = Args(a, 2, "required")[1];
            return v is null || ReferenceEquals(v, GoValues.Missing) || v is string { Length: 0 }
                ? throw new GoTemplateException($"execution error at ({ctx.TemplateName}:{ctx.Line}): {GoValues.ToStr(a[0])}")
                : v;
        });
        set.AddFunction("fail", (ctx, a) => throw new GoTemplateException($"execution error at ({ctx.TemplateName}:{ctx.Line}): {GoValues.ToStr(Args(a, 1, "fail")[0])}"));
        set.AddFunction("lookup", (_, a) => new Dictionary<string, object?>(StringComparer.Ordinal));
        set.AddFunction("toYaml", (_, a) => GoYaml.Marshal(Args(a, 1, "toYaml")[0]).TrimEnd('\n'));
        set.AddFunction("mustToYaml", (_, a) => GoYaml.Marshal(Args(a, 1, "mustToYaml")[0]).TrimEnd('\n'));
        set.AddFunction("toYamlPretty", (_, a) => GoYaml.Marshal(Args(a, 1, "toYamlPretty")[0]).TrimEnd('\n'));
        set.AddFunction("fromYaml", (_, a) => Tolerant(() => GoYaml.Unmarshal(GoValues.ToStr(Args(a, 1, "fromYaml")[0]), expectList: false), list: false));
        set.AddFunction("fromYamlArray", (_, a) => Tolerant(() => GoYaml.Unmarshal(GoValues.ToStr(Args(a, 1, "fromYamlArray")[0]), expectList: true), list: true));
        set.AddFunction("fromJson", (_, a) => Tolerant(() => GoValues.FromJson(System.Text.Json.Nodes.JsonNode.Parse(GoValues.ToStr(Args(a, 1, "fromJson")[0]))) ?? new Dictionary<string, object?>(), list: false));
        set.AddFunction("toToml", (_, a) => ToToml(Args(a, 1, "toToml")[0]));
        set.AddFunction("mustToToml", (_, a) => ToToml(Args(a, 1, "mustToToml")[0]));
        return set;
    }

    private static List<object?> Args(List<object?> a, int count, string name) =>
        a.Count == count ? a : throw new GoTemplateException($"wrong number of args for {name}: want {count} got {a.Count}");

    /// <summary>fromYaml/fromJson put the error into <c>Error</c> (a map) or the only item (a list) instead of failing.</summary>
    private static object? Tolerant(Func<object?> parse, bool list)
    {
        try
        {
            return parse();
        }
        catch (Exception ex) when (ex is GoTemplateException or System.Text.Json.JsonException)
        {
            return list ? new List<object?> { ex.Message } : new Dictionary<string, object?>(StringComparer.Ordinal) { ["Error"] = ex.Message };
        }
    }

    /// <summary>TOML as BurntSushi's encoder writes a map: plain keys first, then one [table] per nested map.</summary>
    private static string ToToml(object? value)
    {
        if (value is not IDictionary<string, object?> map)
        {
            return "toml: top-level values must be Go maps or structs";
        }

        var sb = new StringBuilder();
        WriteTomlTable(sb, map, string.Empty);
        return sb.ToString();
    }

    private static void WriteTomlTable(StringBuilder sb, IDictionary<string, object?> map, string prefix)
    {
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => p.Value is not IDictionary<string, object?> && p.Value is not null))
        {
            sb.Append(prefix.Length == 0 ? string.Empty : "  ").Append(TomlKey(k)).Append(" = ").Append(TomlValue(v)).Append('\n');
        }

        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => p.Value is IDictionary<string, object?>))
        {
            var name = prefix.Length == 0 ? TomlKey(k) : prefix + "." + TomlKey(k);
            sb.Append('\n').Append('[').Append(name).Append("]\n");
            WriteTomlTable(sb, (IDictionary<string, object?>)v!, name);
        }
    }

    private static string TomlKey(string k) => k.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && k.Length > 0 ? k : GoValues.Quote(k);

    private static string TomlValue(object? v) => v switch
    {
        string s => GoValues.Quote(s),
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? d.ToString("F1", CultureInfo.InvariantCulture) : GoValues.FormatFloat(d),
        List<object?> l => "[" + string.Join(", ", l.Select(TomlValue)) + "]",
        _ => GoValues.Quote(GoValues.ToStr(v)),
    };
}
